/** The funnel steps of the widgets report, and which counted actions (`hb:<surface>[.<item>].<action>`) feed each. */
export const FUNNEL_STEPS = ['shown', 'clicked', 'completed', 'dismissed'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

const STEP_OF: Record<string, FunnelStep> = {
  shown: 'shown',
  opened: 'shown',
  fired: 'shown',
  clicked: 'clicked',
  acted: 'clicked',
  shared: 'clicked',
  downloaded: 'clicked',
  done: 'completed',
  completed: 'completed',
  saved: 'completed',
  dismissed: 'dismissed',
};

/** The funnel step a counted action belongs to, or undefined for one the report does not show. */
export const stepOf = (action: string): FunnelStep | undefined => (Object.hasOwn(STEP_OF, action) ? STEP_OF[action] : undefined);

// Surfaces count in the singular (`hb:nudge.…`); the report names the widget by its registry id.
const WIDGET_OF: Record<string, string> = { nudge: 'nudges', reward: 'rewards', reminder: 'reminders' };

/** The registry id of the widget a counting surface belongs to. */
export const widgetOf = (surface: string): string => (Object.hasOwn(WIDGET_OF, surface) ? WIDGET_OF[surface] : surface);

import type { WidgetId } from '../registry';
import type { WidgetView } from './widget-view';

/**
 * The UI half of the registry: where each widget's view comes from. Every widget id in
 * `registry.ts` needs its loader here (the type says so). Each `import()` is a chunk of its
 * own in the build (`habitual-widget-<id>.js`, rollup.config.mjs), fetched only when the
 * config in force switches the widget on or the page holds its custom element
 * (`load-views.ts`).
 */
export const VIEWS: Record<WidgetId, () => Promise<WidgetView>> = {
  digest: () => import('../digest/view').then((m) => m.digestView),
  checklist: () => import('../checklist/view').then((m) => m.checklistView),
  rewards: () => import('../rewards/view').then((m) => m.rewardsView),
  records: () => import('../records/view').then((m) => m.recordsView),
  reminders: () => import('../reminders/view').then((m) => m.remindersView),
  nudges: () => import('../nudges/view').then((m) => m.nudgesView),
  shortcuts: () => import('../shortcuts/view').then((m) => m.shortcutsView),
  announce: () => import('../announce/view').then((m) => m.announceView),
  journal: () => import('../journal/view').then((m) => m.journalView),
  team: () => import('../team/view').then((m) => m.teamView),
  survey: () => import('../survey/view').then((m) => m.surveyView),
};

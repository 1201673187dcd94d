import { defineWidget } from '../widget-entry';

export const team = /*#__PURE__*/ defineWidget({
  id: 'team',
  label: 'Team progress',
  // The buddy nudge (a toast, once a week) shows itself: it draws from the attention budget.
  interruptive: true,
  priority: 20,
  defaultEnabled: false,
  element: 'habitual-team',
  fields: [
    { path: 'widgets.team.refreshMinutes', kind: 'int', min: 1, max: 1440, default: 15 },
    { path: 'widgets.team.buddies', kind: 'boolean', default: true },
    { path: 'widgets.team.nudge', kind: 'boolean', default: true },
  ],
  editor: [],
});

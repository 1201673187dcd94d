import { defineWidget } from '../widget-entry';

export const team = /*#__PURE__*/ defineWidget({
  id: 'team',
  label: 'Team progress',
  interruptive: false,
  defaultEnabled: false,
  element: 'habitual-team',
  fields: [
    { path: 'widgets.team.refreshMinutes', kind: 'int', min: 1, max: 1440, default: 15 },
    { path: 'widgets.team.buddies', kind: 'boolean', default: true },
  ],
  editor: [],
});

import { defineWidget } from '../widget-entry';

// The items (`widgets.nudges.items`) are core's: the tracker keeps the events they name.
export const nudges = /*#__PURE__*/ defineWidget({
  id: 'nudges',
  label: 'Nudges',
  interruptive: true,
  priority: 60,
  defaultEnabled: false,
  fields: [],
  editor: [],
});

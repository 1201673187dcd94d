import { defineWidget } from '../widget-entry';

// Each shortcut links to its feature's `features[name].href` (core's field); the pins are the user's own widget state.
export const shortcuts = /*#__PURE__*/ defineWidget({
  id: 'shortcuts',
  label: 'Shortcuts',
  interruptive: false,
  defaultEnabled: false,
  element: 'habitual-shortcuts',
  fields: [{ path: 'widgets.shortcuts.limit', kind: 'int', min: 1, max: 20, default: 5 }],
  editor: [{ key: 'limit', label: 'Most used shown', kind: 'number' }],
});

import { defineWidget } from '../widget-entry';

export const digest = /*#__PURE__*/ defineWidget({
  id: 'digest',
  label: 'Coffee-stat digest',
  interruptive: true,
  priority: 40,
  defaultEnabled: false,
  element: 'habitual-digest',
  fields: [
    { path: 'widgets.digest.at', kind: 'time' },
    { path: 'widgets.digest.link', kind: 'object' },
    { path: 'widgets.digest.link.text', kind: 'text', required: true },
    { path: 'widgets.digest.link.href', kind: 'href', required: true },
  ],
  editor: [{ key: 'at', label: 'Show at (HH:MM, empty for the first visit of the day)', kind: 'time' }],
});

import { defineWidget } from '../widget-entry';

// The items (`widgets.checklist.items`) are core's: the engine reads them for the next step.
export const checklist = /*#__PURE__*/ defineWidget({
  id: 'checklist',
  label: 'Checklist',
  interruptive: false,
  defaultEnabled: false,
  element: 'habitual-checklist',
  fields: [{ path: 'widgets.checklist.title', kind: 'text' }],
  editor: [{ key: 'title', label: 'Title', kind: 'text' }],
});

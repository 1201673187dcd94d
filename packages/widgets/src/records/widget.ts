import { defineWidget } from '../widget-entry';

export const records = /*#__PURE__*/ defineWidget({
  id: 'records',
  label: 'Records',
  interruptive: false,
  defaultEnabled: false,
  element: 'habitual-records',
  fields: [],
  editor: [],
});

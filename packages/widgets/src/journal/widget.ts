import { SHARE_TARGETS } from '../rewards/widget';
import { defineWidget } from '../widget-entry';

export const journal = /*#__PURE__*/ defineWidget({
  id: 'journal',
  label: 'Journal',
  interruptive: false,
  defaultEnabled: false,
  element: 'habitual-journal',
  fields: [
    { path: 'widgets.journal.team', kind: 'boolean', default: false },
    { path: 'widgets.journal.share', kind: 'array', default: [] },
    { path: 'widgets.journal.share.#', kind: 'string', oneOf: SHARE_TARGETS },
  ],
  editor: [{ key: 'share', label: 'Share the month to', kind: 'choices', choices: SHARE_TARGETS }],
});

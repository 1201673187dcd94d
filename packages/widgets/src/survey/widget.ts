import { defineWidget } from '../widget-entry';

// Forms merge over the built-in `exit`, `nps` and `csat` (their texts are in messages.ts, every locale).
export const survey = /*#__PURE__*/ defineWidget({
  id: 'survey',
  label: 'Survey',
  interruptive: true,
  priority: 20,
  defaultEnabled: false,
  fields: [
    { path: 'widgets.survey.ask', kind: 'string', pattern: 'id' },
    { path: 'widgets.survey.repeatDays', kind: 'int', min: 1, max: 3650, default: 90 },
    { path: 'widgets.survey.appName', kind: 'text' },
    { path: 'widgets.survey.forms', kind: 'object' },
    { path: 'widgets.survey.forms.*', kind: 'object' },
    { path: 'widgets.survey.forms.*.kind', kind: 'string', oneOf: ['choice', 'nps', 'csat'], default: 'choice' },
    { path: 'widgets.survey.forms.*.question', kind: 'text' },
    { path: 'widgets.survey.forms.*.choices', kind: 'array' },
    { path: 'widgets.survey.forms.*.choices.#.id', kind: 'string', pattern: 'id', required: true },
    { path: 'widgets.survey.forms.*.choices.#.label', kind: 'text', required: true },
    { path: 'widgets.survey.forms.*.comment', kind: 'boolean' },
  ],
  editor: [{ key: 'ask', label: 'Form offered unasked (exit, nps, csat)', kind: 'text' }],
});

import type { HabitualConfig, SurveyForm } from '@habitual/core';
import type { MessageKey, Translate } from '../host/i18n';
import type { View } from '../host/hub';

/** A form ready to show: texts in the user's language, the choices it offers. */
export interface ResolvedForm {
  id: string;
  kind: 'choice' | 'nps' | 'csat';
  question: string;
  choices: Array<{ id: string; label: string }>;
  comment: boolean;
}

const REASONS = ['price', 'missing', 'hard', 'switched', 'unneeded', 'other'] as const;
const BUILT_IN: Record<string, SurveyForm> = { exit: {}, nps: { kind: 'nps' }, csat: { kind: 'csat' } };
const QUESTION: Record<string, MessageKey> = { exit: 'exitQ', nps: 'npsQ', csat: 'csatQ' };

/**
 * Form `id` of `widgets.survey.forms` laid over the built-in one of that id (`exit`: the leaving
 * reasons, `nps`: 0-10, `csat`: 1-5), or undefined when neither exists. Scales offer their
 * numbers as choices; texts the config leaves out come from the widget's messages.
 */
export function resolveForm(id: string, config: HabitualConfig, t: Translate, tx: View['tx']): ResolvedForm | undefined {
  // Own keys only: `survey('constructor')` names no form.
  const forms = config.widgets?.survey?.forms;
  const given = forms && Object.hasOwn(forms, id) ? forms[id] : undefined;
  if (!given && !Object.hasOwn(BUILT_IN, id)) return undefined;
  const f = { ...BUILT_IN[id], ...given };
  const kind = f.kind ?? 'choice';
  const scale = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ id: String(from + i), label: String(from + i) }));
  return {
    id,
    kind,
    question: f.question ? tx(f.question) : t(QUESTION[kind === 'choice' ? id : kind] ?? 'surveyTitle'),
    choices:
      kind === 'nps'
        ? scale(0, 10)
        : kind === 'csat'
          ? scale(1, 5)
          : (f.choices?.map((c) => ({ id: c.id, label: tx(c.label) })) ?? REASONS.map((r) => ({ id: r, label: t(`r_${r}`) }))),
    comment: f.comment ?? kind === 'choice',
  };
}

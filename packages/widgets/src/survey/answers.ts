import type { SurveyResponse } from '@habitual/core';

/** One answer as the device keeps it (`profile.widgets.survey`, so in the export and gone with forget). */
export interface StoredAnswer extends SurveyResponse {
  /** The comment; sent only with `share`. */
  comment?: string;
  /** The user ticked "share my comment". */
  share?: boolean;
  /** The collector has it. */
  sent?: boolean;
  /** The collector refused it (its reason): kept here, not sent again. */
  refused?: string;
}

export interface SurveyState {
  answers?: StoredAnswer[];
  /** Form id -> the local day it was last answered or dismissed (the rule waits `repeatDays` after). */
  closed?: Record<string, string>;
}

/** Answers kept on the device; the oldest sent ones go first. */
export const MAX_ANSWERS = 100;

/** The wire copy: the comment travels only when the user chose to share it. */
export const wireAnswer = (a: StoredAnswer): SurveyResponse => ({
  id: a.id,
  form: a.form,
  kind: a.kind,
  at: a.at,
  ...(a.choice === undefined ? {} : { choice: a.choice }),
  ...(a.score === undefined ? {} : { score: a.score }),
  ...(a.share && a.comment ? { text: a.comment } : {}),
});

/** Adds an answer, dropping the oldest sent ones past `MAX_ANSWERS` (unsent ones are never dropped). */
export function keepAnswer(state: SurveyState, answer: StoredAnswer, day: string): SurveyState {
  let answers = [...(state.answers ?? []), answer];
  while (answers.length > MAX_ANSWERS && answers.some((a) => a.sent)) {
    const i = answers.findIndex((a) => a.sent);
    answers = answers.filter((_, k) => k !== i);
  }
  return { ...state, answers, closed: { ...state.closed, [answer.form]: day } };
}

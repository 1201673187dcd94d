/** One day's note: kept on the device (the profile's widget state), in the export, gone with forget. */
export interface JournalNote {
  text: string;
  /** Epoch ms of the last save. */
  at: number;
  /** Shared with the user's team through the collector (`POST /v1/team/notes`). */
  shared?: boolean;
}

/** Notes by local day (`YYYY-MM-DD`), under the profile's `widgets.journal.notes`. */
export type JournalNotes = Record<string, JournalNote>;

/** Days a note is kept when the config sets no `retentionDays`: the days' own default. */
export const KEEP_DAYS = 400;

/** Longest note, in characters (the collector refuses longer shared ones). */
export const MAX_NOTE = 2000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The notes of a stored widget state, leaving out anything that is not a note (an older or damaged profile). */
export function readNotes(state: unknown): JournalNotes {
  const notes = (state as { notes?: unknown } | undefined)?.notes;
  const out: JournalNotes = {};
  if (!notes || typeof notes !== 'object') return out;
  for (const [day, n] of Object.entries(notes as Record<string, JournalNote>)) {
    if (DAY.test(day) && n && typeof n.text === 'string' && n.text)
      out[day] = { text: n.text.slice(0, MAX_NOTE), at: Number(n.at) || 0, ...(n.shared ? { shared: true } : {}) };
  }
  return out;
}

import * as v from 'valibot';
import { fail } from '../http/fail';
import { OUTCOME_FIELDS, type OutcomeInput } from './outcome';

/** One line of the outcomes CSV: whose outcome, and its fields. */
export interface OutcomeLine extends OutcomeInput {
  kind: 'account' | 'user';
  id: string;
  /** 1-based line number in the file, for errors. */
  line: number;
}

const COLUMNS = ['account', 'user', 'status', 'churnedAt', 'renewedAt', 'mrr'] as const;
const Line = v.object(OUTCOME_FIELDS);
const ID = /^[\w.:@-]{1,200}$/;

/** The cells of one CSV line; double quotes may wrap a cell (and `""` is a quote inside one). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cell.trim()), (cell = '');
    else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/**
 * Parses the dashboard's outcomes upload: a header naming `account` or `user` and any of
 * `status`, `churnedAt`, `renewedAt`, `mrr`, then one line per account or user. Answers 400
 * naming the line and field of the first problem, so nothing is stored from a bad file.
 */
export function parseOutcomesCsv(text: string, maxLines = 100_000): OutcomeLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = cells(lines[0] ?? '');
  for (const h of header) {
    if (!(COLUMNS as readonly string[]).includes(h)) fail(400, `csv line 1: column "${h}" is not one of ${COLUMNS.join(', ')}.`);
  }
  const who = header.includes('account') ? 'account' : header.includes('user') ? 'user' : undefined;
  if (!who || (header.includes('account') && header.includes('user'))) fail(400, 'csv line 1: the header needs exactly one of the columns account or user.');
  if (lines.length - 1 > maxLines) fail(413, `csv has ${lines.length - 1} lines; upload at most ${maxLines} at a time.`);
  const out: OutcomeLine[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const at = `csv line ${i + 1}: `;
    const row = cells(lines[i]);
    if (row.length > header.length) fail(400, `${at}has ${row.length} cells; the header has ${header.length}.`);
    const raw: Record<string, unknown> = {};
    let id = '';
    header.forEach((h, k) => {
      const cell = row[k] ?? '';
      if (h === who) id = cell;
      else if (cell) raw[h] = h === 'mrr' ? (/^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell) : cell;
    });
    if (!ID.test(id)) fail(400, `${at}${who} must be 1-200 letters, digits or ._:@- (got "${id}").`);
    const parsed = v.safeParse(Line, raw);
    if (!parsed.success) fail(400, `${at}${parsed.issues[0].message} (${v.getDotPath(parsed.issues[0])}).`);
    out.push({ kind: who, id, line: i + 1, ...parsed.output });
  }
  return out;
}

import { csvField } from '../accounts/accounts-csv';
import type { ResponseRow } from './read-responses';

const HEADER = ['id', 'answered_at', 'form', 'kind', 'choice', 'score', 'text', 'user_id', 'account_id', 'account_name', 'plan'];

/**
 * Answers as CSV: one row each, the comment as a quoted field; a text a spreadsheet would run
 * as a formula (=, +, -, @ first) starts with an apostrophe (`csvField`).
 */
export function responsesCsv(rows: ResponseRow[]): string {
  return [HEADER, ...rows.map((r) => [r.id, r.at, r.form, r.kind, r.choice, r.score, r.text, r.userId, r.accountId, r.accountName, r.plan])]
    .map((row) => `${row.map(csvField).join(',')}\r\n`)
    .join('');
}

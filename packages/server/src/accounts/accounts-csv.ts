import type { AccountListItem } from '../state/list-account-states';

const HEADER = [
  'id',
  'name',
  'plan',
  'price_per_month',
  'paid_seats',
  'users',
  'score',
  'band',
  'trend_change',
  'depth',
  'breadth',
  'reach',
  'value_per_dollar',
  'stages',
  'error',
];

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a text that a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export const csvField = (value: unknown) => {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A formula start, also after leading spaces (spreadsheets skip them), is neutralised.
  if (typeof value === 'string' && /^[\s]*[=+\-@]|^[\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV header line of the accounts export. */
export const accountsCsvHeader = () => `${HEADER.join(',')}\r\n`;

/** Accounts as CSV lines (the list's columns, one row per account; "no data yet" as band `none`). */
export function accountsCsvRows(items: AccountListItem[]): string {
  return items
    .map((c) => {
      const a = c.account;
      const common = [a.id, a.name, a.plan, a.pricePerMonth, a.paidSeats, c.users];
      if ('error' in c) return [...common, '', 'error', '', '', '', '', '', '', c.error];
      return [
        ...common,
        c.noData ? '' : c.score,
        c.noData ? 'none' : c.band,
        c.trend.change,
        c.depth.seats ? c.depth.meeting / c.depth.seats : '',
        c.breadth,
        c.reach,
        c.valuePerDollar,
        Object.entries(c.stages)
          .map(([s, n]) => `${s} ${n}`)
          .join('; '),
        '',
      ];
    })
    .map((row) => `${row.map(csvField).join(',')}\r\n`)
    .join('');
}

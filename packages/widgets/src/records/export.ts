import type { DayRollup } from '@habitual/core';

// Spreadsheets run cells that start with = + - @ as formulas; a leading quote keeps them text.
const cell = (v: string | number) => {
  const s = String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per day and feature: `day,active_minutes,feature,count,value`. */
export function toCsv(days: DayRollup[]): string {
  const rows = [['day', 'active_minutes', 'feature', 'count', 'value']];
  for (const d of days) {
    const minutes = Math.round(d.activeMs / 6e4);
    const names = Object.keys(d.features);
    if (!names.length) rows.push([d.day, String(minutes), '', '0', '0']);
    for (const name of names) rows.push([d.day, String(minutes), name, String(d.features[name].n), String(d.features[name].value)]);
  }
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

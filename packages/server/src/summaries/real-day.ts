/** Earliest and latest local day a summary may carry: older or later is a broken clock. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2199;

/** True when `day` (already `YYYY-MM-DD`) is a date of the calendar between FIRST_YEAR and LAST_YEAR. */
export function realDay(day: string): boolean {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

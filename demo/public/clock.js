// The demo's clock. `?now=2026-12-01` moves the page (Ledgerly's dates and Habitual's
// day keys alike) to that day, at the current time of day, and lets it run from there:
// a visitor sees tomorrow's digest, a streak or a comeback without waiting. Dev only.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const loadedAt = Date.now();

function travelStart() {
  const m = DAY.exec(new URLSearchParams(location.search).get('now') ?? '');
  if (!m) return undefined;
  const real = new Date(loadedAt);
  const at = new Date(+m[1], +m[2] - 1, +m[3], real.getHours(), real.getMinutes(), real.getSeconds(), real.getMilliseconds());
  return Number.isNaN(at.getTime()) ? undefined : at.getTime();
}

const start = travelStart();

/** True when `?now=` moved the page to another day. */
export const travelling = start !== undefined;

/** Epoch ms on the demo's clock. */
export const now = () => (start ?? loadedAt) + (Date.now() - loadedAt);

/** `YYYY-MM-DD` of a Date in the local calendar. */
export const dayOf = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** Today's local day key on the demo's clock. */
export const today = () => dayOf(new Date(now()));

/** The local day key `n` calendar days from `day`. */
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return dayOf(new Date(y, m - 1, d + n));
}

/** This page's URL travelled to `day` (or back to the real today when `day` is undefined). */
export function travelUrl(day) {
  const url = new URL(location.href);
  if (day) url.searchParams.set('now', day);
  else url.searchParams.delete('now');
  return url.href;
}

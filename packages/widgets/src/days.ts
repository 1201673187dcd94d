// Local calendar day keys (`YYYY-MM-DD`). Arithmetic runs on UTC dates so DST never shifts a day.

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day key of `date`. */
export const dayKey = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

const utc = (key: string, add = 0) => new Date(Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10) + add));

export const addDays = (key: string, n: number): string => utc(key, n).toISOString().slice(0, 10);

/** Day of the week, 0 = Sunday. */
export const weekday = (key: string): number => utc(key).getUTCDay();

/** The Monday that starts the week of `key`. */
export const weekStart = (key: string): string => addDays(key, -((weekday(key) + 6) % 7));

/** `'HH:MM'` as minutes after midnight. */
export const minutes = (hhmm: string): number => +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5);

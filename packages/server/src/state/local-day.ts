import { todayKey } from '@habitual/core';
import { nextLocalMidnight } from './state-horizon';

const days = new Map<string, string>();
const midnights = new Map<string, number>();
const LIMIT = 4096;

const remember = <T>(map: Map<string, T>, key: string, make: () => T): T => {
  let v = map.get(key);
  if (v === undefined) {
    if (map.size >= LIMIT) map.clear();
    map.set(key, (v = make()));
  }
  return v;
};

/**
 * `todayKey`, remembered by instant and zone: a refresher pass asks it of every user of every
 * account at one `now` (and of kept states computed at one pass's instant), mostly in a few
 * zones, and ICU's formatting was a tenth of the pass. Throws as `todayKey` on an unknown zone.
 */
export const localToday = (at: number, tz: string): string => remember(days, `${at}|${tz}`, () => todayKey(at, tz));

/** `nextLocalMidnight`, remembered the same way. */
export const nextMidnight = (at: number, tz: string): number => remember(midnights, `${at}|${tz}`, () => nextLocalMidnight(at, tz));

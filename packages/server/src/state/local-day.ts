import { nextLocalMidnight } from './state-horizon';

const midnights = new Map<string, number>();

/**
 * `nextLocalMidnight`, remembered by instant and zone: a refresher pass asks it of every user of
 * every account at one `now`, mostly in a few zones (core's `todayKey` remembers the same way).
 */
export function nextMidnight(at: number, tz: string): number {
  const key = `${at}|${tz}`;
  let midnight = midnights.get(key);
  if (midnight === undefined) {
    midnight = nextLocalMidnight(at, tz);
    if (midnights.size >= 4096) midnights.clear();
    midnights.set(key, midnight);
  }
  return midnight;
}

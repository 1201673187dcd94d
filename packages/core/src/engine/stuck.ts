import type { ResolvedConfig } from '../config/resolve-config';
import type { EngineDay } from './engine-day';

/** An attempt at a funnel that has started and not completed: day index and first start. */
export type FunnelPending = { idx: number; at: number } | null;
type Funnel = ResolvedConfig['funnels'][number];

/**
 * Moves one funnel's open attempt across one day. A rollup keeps only the first time of
 * each event that day, so on a day with both a start and a done: a done at or after the
 * open attempt closes it; a start after the day's first done opens a new attempt unless
 * the done happened again later that day (n > 1), which we take as its completion.
 */
export function stepFunnel(pending: FunnelPending, day: EngineDay, f: Funnel): FunnelPending {
  const s = day.features[f.start];
  const d = day.features[f.done];
  const started = s !== undefined && s.n > 0;
  const done = d !== undefined && d.n > 0;
  if (!started && !done) return pending;
  const sAt = day.firsts[f.start] ?? 0;
  const dAt = day.firsts[f.done] ?? Number.MAX_SAFE_INTEGER;
  if (done && pending && (pending.idx < day.idx || dAt >= pending.at)) pending = null;
  if (started && pending === null && (!done || (sAt > dAt && d.n === 1))) pending = { idx: day.idx, at: sAt };
  return pending;
}

/** The first funnel (in config order) started and not completed within its window. */
export function stuckFunnel(pending: FunnelPending[], funnels: ResolvedConfig['funnels'], todayIdx: number): { at: number; sinceIdx: number } | null {
  for (let i = 0; i < funnels.length; i++) {
    const p = pending[i];
    if (p && todayIdx - p.idx >= funnels[i].withinDays) return { at: i, sinceIdx: p.idx };
  }
  return null;
}

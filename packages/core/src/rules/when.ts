import type { When } from '../config/types';
import type { Device } from '../config/vocabulary';
import { dayIndex } from '../engine/day-keys';
import { usesWithin } from '../engine/recent-uses';
import type { EngagementState } from '../engine/types';

/** What a `when` is held against. */
export interface WhenContext {
  /** Null until the engine has computed one: conditions on it do not hold yet. */
  state: EngagementState | null;
  path: string;
  locale: string;
  device: Device;
  traits?: Record<string, unknown>;
  accountTraits?: Record<string, unknown>;
}

const globs = new Map<string, RegExp>();
const glob = (g: string): RegExp => {
  let re = globs.get(g);
  if (!re) globs.set(g, (re = new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)));
  return re;
};

const any = <T>(list: readonly T[] | undefined, ok: (x: T) => boolean) => !list || list.some(ok);

/**
 * Whether every condition of `when` holds (no `when` always does). Pure and allocation-free
 * on the common path: widgets call it on every state change and route change.
 */
export function matchesWhen(when: When | undefined, ctx: WhenContext): boolean {
  if (!when) return true;
  if (!any(when.path, (g) => glob(g).test(ctx.path))) return false;
  if (!any(when.device, (d) => d === ctx.device)) return false;
  if (!any(when.locale, (l) => l === ctx.locale || ctx.locale.startsWith(`${l}-`))) return false;
  if (when.traits) {
    for (const name in when.traits) {
      const want = when.traits[name];
      const have = ctx.traits && name in ctx.traits ? ctx.traits[name] : ctx.accountTraits?.[name];
      if (!(Array.isArray(want) ? want.includes(have as string) : want === have)) return false;
    }
  }
  const needsState = when.stages || when.bands || when.daysSinceFirstSeen || when.used || when.notUsed || when.stuckOn;
  if (!needsState) return true;
  const s = ctx.state;
  if (!s) return false;
  if (!any(when.stages, (x) => x === s.stage)) return false;
  if (!any(when.bands, (x) => x === s.band)) return false;
  if (!any(when.stuckOn, (x) => x === s.stuck?.funnel)) return false;
  const since = when.daysSinceFirstSeen;
  if (since) {
    const days = s.firstDay ? dayIndex(s.today) - dayIndex(s.firstDay) : 0;
    if ((since.min !== undefined && days < since.min) || (since.max !== undefined && days > since.max)) return false;
  }
  const within = when.withinDays ?? 28;
  for (const name in when.used) if (usesWithin(s.uses, name, within) < when.used[name]) return false;
  return !when.notUsed?.some((name) => usesWithin(s.uses, name, within) > 0);
}

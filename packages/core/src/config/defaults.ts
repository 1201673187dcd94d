import { CONFIG_SCHEMA } from './config-schema';
import type { ResolvedEngagement } from './types';

/** The schema's default of a field (`'funnels.#.withinDays'`), or undefined when it has none. */
export const defaultOf = (path: string): unknown => CONFIG_SCHEMA.find((f) => f.path === path)?.default;

/** The defaults of every fixed field under `prefix`, as one nested object. */
function defaultsUnder(prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CONFIG_SCHEMA) {
    if (f.default === undefined || !f.path.startsWith(`${prefix}.`) || f.path.includes('*') || f.path.includes('#')) continue;
    const keys = f.path.slice(prefix.length + 1).split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = f.default;
  }
  return out;
}

let engagement: ResolvedEngagement | undefined;
/**
 * Every engagement default, read from the schema (where each is written once). Made on first
 * use: a page that never computes a state never needs them.
 */
export const engagementDefaults = (): ResolvedEngagement => (engagement ??= defaultsUnder('engagement') as unknown as ResolvedEngagement);

/** Days of rollups kept on the device. */
export const DEFAULT_RETENTION_DAYS = /*#__PURE__*/ defaultOf('retentionDays') as number;

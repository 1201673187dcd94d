import type { DayRollup, FeatureCount } from '../rollup/day-rollup';

/**
 * One user's days from several devices, merged as the collector does: per device the
 * counters take the max over every copy received (counters only grow, so a re-sent or
 * older copy changes nothing), then devices add up. Idempotent, and independent of the
 * order of devices and copies.
 */
export function mergeDeviceRollups(perDevice: ReadonlyArray<{ deviceId: string; days: readonly DayRollup[] }>): DayRollup[] {
  // day -> device -> max-merged copy
  const byDay = new Map<string, Map<string, DayRollup>>();
  for (const { deviceId, days } of perDevice) {
    for (const r of days) {
      let devices = byDay.get(r.day);
      if (!devices) byDay.set(r.day, (devices = new Map()));
      const have = devices.get(deviceId);
      devices.set(deviceId, have ? maxMerge(have, r) : clone(r));
    }
  }
  const out: DayRollup[] = [];
  for (const day of [...byDay.keys()].sort()) {
    const devices = byDay.get(day)!;
    const ids = [...devices.keys()].sort();
    let sum: DayRollup | undefined;
    for (const id of ids) sum = sum ? add(sum, devices.get(id)!) : clone(devices.get(id)!);
    out.push(sum!);
  }
  return out;
}

function clone(r: DayRollup): DayRollup {
  const features: Record<string, FeatureCount> = {};
  for (const k in r.features) features[k] = { n: r.features[k].n, value: r.features[k].value };
  return { v: 1, day: r.day, tz: r.tz, rev: r.rev, activeMs: r.activeMs, features, firsts: { ...r.firsts } };
}

function maxMerge(a: DayRollup, b: DayRollup): DayRollup {
  const out = clone(a);
  out.rev = Math.max(a.rev, b.rev);
  out.activeMs = Math.max(a.activeMs, b.activeMs);
  // The newest copy's zone wins; ties go to the smaller name so the merge is order-free.
  if (b.rev > a.rev || (b.rev === a.rev && b.tz < a.tz)) out.tz = b.tz;
  for (const k in b.features) {
    const f = b.features[k];
    const have = out.features[k];
    out.features[k] = have ? { n: Math.max(have.n, f.n), value: Math.max(have.value, f.value) } : { n: f.n, value: f.value };
  }
  for (const k in b.firsts) if (!(k in out.firsts) || b.firsts[k] < out.firsts[k]) out.firsts[k] = b.firsts[k];
  return out;
}

function add(a: DayRollup, b: DayRollup): DayRollup {
  a.rev += b.rev;
  a.activeMs += b.activeMs;
  for (const k in b.features) {
    const f = b.features[k];
    const have = a.features[k];
    a.features[k] = have ? { n: have.n + f.n, value: have.value + f.value } : { n: f.n, value: f.value };
  }
  for (const k in b.firsts) if (!(k in a.firsts) || b.firsts[k] < a.firsts[k]) a.firsts[k] = b.firsts[k];
  return a;
}

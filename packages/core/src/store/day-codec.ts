import type { DayRollup } from '../rollup/day-rollup';

/**
 * A day as IndexedDB keeps it (v2): feature names live once in the store's names list and
 * a day holds `[index, n, value]` triples, so a year of heavy use stays under 100 KB where
 * repeating every name in every day took several times that. Callers see `DayRollup`.
 */
export interface StoredDay {
  v: 2;
  d: string;
  z: string;
  r: number;
  a: number;
  /** `[name index, n, value]` per feature. */
  f: number[];
  /** `[name index, epoch ms]` per first use kept. */
  t: number[];
}

/** The names list and a lookup into it; `encode` appends names it has not seen. */
export function createNames(list: unknown) {
  const names: string[] = Array.isArray(list) ? list.filter((n) => typeof n === 'string') : [];
  const index = new Map(names.map((n, i) => [n, i]));
  let grew = false;
  const at = (name: string) => {
    let i = index.get(name);
    if (i === undefined) index.set(name, (i = names.push(name) - 1)), (grew = true);
    return i;
  };
  return {
    names,
    /** True once `encode` added a name: the list must be written with the day. */
    grew: () => grew,
    encode(day: DayRollup): StoredDay {
      const f: number[] = [];
      const t: number[] = [];
      for (const name in day.features) f.push(at(name), day.features[name].n, day.features[name].value);
      for (const name in day.firsts) t.push(at(name), day.firsts[name]);
      return { v: 2, d: day.day, z: day.tz, r: day.rev, a: day.activeMs, f, t };
    },
    /** The rollup a stored record stands for (v1 records are rollups already); undefined when it cannot be read. */
    decode(x: unknown): DayRollup | undefined {
      const s = x as Partial<StoredDay> | undefined;
      if ((s as { v?: number } | undefined)?.v === 1) return x as DayRollup;
      if (s?.v !== 2 || !Array.isArray(s.f) || !Array.isArray(s.t) || s.f.length % 3 || s.t.length % 2) return undefined;
      const features: DayRollup['features'] = {};
      const firsts: DayRollup['firsts'] = {};
      for (let i = 0; i < s.f.length; i += 3) {
        const name = names[s.f[i]];
        if (name === undefined) return undefined;
        features[name] = { n: s.f[i + 1], value: s.f[i + 2] };
      }
      for (let i = 0; i < s.t.length; i += 2) {
        const name = names[s.t[i]];
        if (name === undefined) return undefined;
        firsts[name] = s.t[i + 1];
      }
      return { v: 1, day: s.d as string, tz: s.z as string, rev: s.r as number, activeMs: s.a as number, features, firsts };
    },
  };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { idbKV, memoryKV, type KV } from '../store/kv';
import { createStore } from '../store/store';
import { readDays } from '../store/days';
import { internalOf } from './internal';
import { destroyAll, nextApp, setup, storedDays } from './test-setup';
import type { HabitualError } from '../types';

/** A day as the store gives it back. */
const storedDay = async (appId: string, day: string, user = 'u1') => (await storedDays(appId, user)).find((d) => d.day === day);

afterEach(destroyAll);

describe('track and store', () => {
  it('counts uses and sums values into the local day', async () => {
    const { tracker } = setup();
    tracker.track('invoice.sent', { value: 3 });
    tracker.track('invoice.sent', { value: 2 });
    tracker.track('customer.created');
    await tracker.flush();
    const { days, profile } = await tracker.exportData();
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({
      v: 1,
      day: '2026-11-24',
      tz: 'Europe/Helsinki',
      rev: 1,
      features: { 'invoice.sent': { n: 2, value: 5 }, 'customer.created': { n: 1, value: 0 } },
    });
    // First-use times are kept only for funnel steps, their one reader.
    expect(days[0].firsts).toEqual({});
    expect(profile).toMatchObject({ userId: 'u1', firstSeen: '2026-11-24' });
    expect(profile.deviceId).toMatch(/\S{8,}/);
  });

  it('stores on its own after the debounce, without flush()', async () => {
    const { tracker, options } = setup();
    tracker.track('invoice.sent');
    await vi.waitFor(async () => {
      const stored = await storedDay(options.appId, '2026-11-24');
      expect(stored?.features).toEqual({ 'invoice.sent': { n: 1, value: 0 } });
    });
  });

  it('survives a new instance (reload): counts add up in the stored day', async () => {
    const first = setup();
    first.tracker.track('invoice.sent');
    await first.tracker.destroy();
    const second = setup({ appId: first.options.appId });
    second.tracker.track('invoice.sent');
    const { days } = await second.tracker.exportData();
    expect(days[0].features['invoice.sent'].n).toBe(2);
    expect(days[0].rev).toBe(2);
  });

  it('two instances on one database lose and double nothing', async () => {
    const a = setup();
    const b = setup({ appId: a.options.appId });
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      a.tracker.track('invoice.sent', { value: 1 });
      b.tracker.track('invoice.sent', { value: 2 });
      if (i % 7 === 0) flushes.push(a.tracker.flush(), b.tracker.flush());
    }
    await Promise.all([...flushes, a.tracker.flush(), b.tracker.flush()]);
    const { days } = await a.tracker.exportData();
    expect(days[0].features['invoice.sent']).toEqual({ n: 100, value: 150 });
  });

  it('with features configured, a day keeps those plus other (configured names count in full)', async () => {
    const { tracker, errors } = setup({
      config: {
        features: { 'invoice.sent': { key: true }, 'import.completed': {} },
        funnels: [{ id: 'imp', start: 'import.opened', done: 'import.completed' }],
      },
    });
    for (let i = 0; i < 70; i++) tracker.track(`thing.n${i}`);
    await tracker.flush();
    tracker.track('invoice.sent');
    tracker.track('import.opened'); // named by a funnel: kept though not a feature
    const { days } = await tracker.exportData();
    expect(days[0].features).toEqual({
      other: { n: 70, value: 0 },
      'invoice.sent': { n: 1, value: 0 },
      'import.opened': { n: 1, value: 0 },
    });
    expect(days[0].firsts).toEqual({ 'import.opened': Date.parse('2026-11-24T10:00:00Z') });
    expect(errors).toEqual([]);
  });

  it('an invalid config is refused with the field named, and the defaults stand', async () => {
    const { tracker, errors } = setup({ config: { features: { 'invoice.sent': { weight: -1 } } } });
    await tracker.flush();
    expect(errors.map((e) => e.code)).toEqual(['config-invalid']);
    expect(errors[0].message).toContain('features.invoice.sent.weight');
    expect(internalOf(tracker).config()).toEqual({});
  });

  it('a rejected config is said on the console without debug, once per distinct problem, and to onError each time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bad = { funnels: [{ id: 'import', start: 'import.opened' }] };
    const { tracker, errors } = setup({ config: bad as never });
    await tracker.flush();
    tracker.configure(bad as never);
    tracker.configure({ features: { 'invoice.sent': { weight: -1 } } });
    await tracker.flush();
    expect(errors.map((e) => e.code)).toEqual(['config-invalid', 'config-invalid', 'config-invalid']);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0][0])).toMatch(/^\[habitual\] The config was not applied \(funnels(\.0|\[0\])\.done/);
    expect(String(warn.mock.calls[1][0])).toContain('features.invoice.sent.weight');
    warn.mockRestore();
  });

  it('before any config names a feature, a day keeps 64 names, then other', async () => {
    const { tracker } = setup();
    for (let i = 0; i < 70; i++) tracker.track(`thing.n${i}`);
    await tracker.flush();
    tracker.track('thing.n3');
    tracker.track('thing.n99');
    const { days } = await tracker.exportData();
    expect(Object.keys(days[0].features)).toHaveLength(65);
    expect(days[0].features.other.n).toBe(7);
    expect(days[0].features['thing.n3'].n).toBe(2);
  });

  it('prunes days older than the retention window', async () => {
    const first = setup({ config: { retentionDays: 3 } });
    const { tracker, clock } = first;
    tracker.track('invoice.sent');
    await tracker.flush();
    clock.t += 5 * 86_400_000;
    tracker.track('invoice.sent');
    await tracker.destroy();
    const again = setup({ appId: first.options.appId, config: { retentionDays: 3 } });
    again.clock.t = clock.t;
    await again.tracker.flush();
    // The keeper prunes at its start (which flush() waits for), from the read that loads the days.
    const { days } = await again.tracker.exportData();
    expect(days.map((d) => d.day)).toEqual(['2026-11-29']);
  });
});

describe('day keys', () => {
  it('follows the local calendar across a 25-hour DST day and the next midnight', async () => {
    const { tracker, clock } = setup({}, { timeZone: () => 'America/New_York' });
    // 2026-11-01 is 25 hours long in New York (clocks go back at 02:00).
    const at = (iso: string) => {
      clock.t = Date.parse(iso);
      tracker.track('invoice.sent');
    };
    at('2026-11-01T00:30:00-04:00');
    at('2026-11-01T01:30:00-04:00');
    at('2026-11-01T01:30:00-05:00'); // the repeated hour
    at('2026-11-01T23:59:59-05:00');
    at('2026-11-02T00:00:00-05:00');
    const { days } = await tracker.exportData();
    expect(days.map((d) => [d.day, d.features['invoice.sent'].n])).toEqual([
      ['2026-11-01', 4],
      ['2026-11-02', 1],
    ]);
  });

  it('follows the local calendar across a 23-hour DST day', async () => {
    const { tracker, clock } = setup({}, { timeZone: () => 'Europe/Helsinki' });
    // 2026-03-29 is 23 hours long in Helsinki (03:00 -> 04:00).
    for (const iso of [
      '2026-03-28T23:59:00+02:00',
      '2026-03-29T00:00:00+02:00',
      '2026-03-29T02:59:00+02:00',
      '2026-03-29T04:00:00+03:00',
      '2026-03-29T23:59:59+03:00',
      '2026-03-30T00:00:00+03:00',
    ]) {
      clock.t = Date.parse(iso);
      tracker.track('invoice.sent');
    }
    const { days } = await tracker.exportData();
    expect(days.map((d) => [d.day, d.features['invoice.sent'].n])).toEqual([
      ['2026-03-28', 1],
      ['2026-03-29', 4],
      ['2026-03-30', 1],
    ]);
  });

  it('a user who changes time zone: new days use the new zone, recorded days keep theirs', async () => {
    let tz = 'Europe/Helsinki';
    const { tracker, clock } = setup({}, { timeZone: () => tz });
    clock.t = Date.parse('2026-11-24T21:30:00Z'); // 23:30 in Helsinki
    tracker.track('invoice.sent');
    await tracker.flush();
    tz = 'America/Los_Angeles'; // flew west: it is 13:45 on the 24th there
    clock.t = Date.parse('2026-11-24T21:45:00Z');
    tracker.track('invoice.sent');
    clock.t = Date.parse('2026-11-25T09:00:00Z'); // 01:00 on the 25th in LA
    tracker.track('invoice.sent');
    const { days } = await tracker.exportData();
    expect(days.map((d) => [d.day, d.tz, d.features['invoice.sent'].n])).toEqual([
      ['2026-11-24', 'Europe/Helsinki', 2],
      ['2026-11-25', 'America/Los_Angeles', 1],
    ]);
  });
});

describe('engagement state', () => {
  const config = {
    features: { 'invoice.sent': { key: true, value: 'invoices' }, 'customer.created': { key: true } },
    milestones: [{ id: 'first-invoice', title: 'First invoice sent', event: 'invoice.sent', count: 1 }],
  };

  it('state follows what was tracked; a milestone fires once, in one tab only', async () => {
    const a = setup({ config });
    const seen: string[] = [];
    const states: number[] = [];
    a.tracker.on('milestone', (m) => seen.push(`a:${m.id}`));
    a.tracker.on('state', (s) => states.push(s.totals['invoice.sent']?.n ?? 0));
    a.tracker.track('customer.created');
    await a.tracker.flush();
    expect(a.tracker.getState()?.totals['invoice.sent']).toBeUndefined();
    a.tracker.track('invoice.sent', { value: 2 });
    a.tracker.track('invoice.sent', { value: 1 });
    await a.tracker.flush();
    expect(a.tracker.getState()?.totals['invoice.sent']).toEqual({ n: 2, value: 3 });
    expect(a.tracker.getState()?.qualifiedDays).toEqual(['2026-11-24']);
    expect(seen).toEqual(['a:first-invoice']);
    expect(states.at(-1)).toBe(2);

    // A second tab on the same database: the milestone is already in the profile.
    const b = setup({ appId: a.options.appId, config });
    b.tracker.on('milestone', (m) => seen.push(`b:${m.id}`));
    b.tracker.track('invoice.sent');
    await b.tracker.flush();
    expect(b.tracker.getState()?.totals['invoice.sent'].n).toBe(3);
    a.tracker.track('invoice.sent');
    await a.tracker.flush();
    expect(seen).toEqual(['a:first-invoice']);
    expect((await a.tracker.exportData()).profile.milestones).toEqual({ 'first-invoice': '2026-11-24' });
  });

  it('state does not fire again when nothing changed', async () => {
    const { tracker } = setup({ config });
    let fired = 0;
    tracker.on('state', () => fired++);
    tracker.track('invoice.sent');
    await tracker.flush();
    const after = fired;
    await tracker.flush();
    await tracker.flush();
    expect(after).toBeGreaterThan(0);
    expect(fired).toBe(after);
  });
});

describe('journal', () => {
  it('replays what a page that went away left in localStorage, each batch once', async () => {
    const appId = nextApp();
    const prefix = `habitual-journal:habitual-${appId}-u1:`;
    const delta = (n: number) => [{ day: '2026-11-24', tz: 'Europe/Helsinki', activeMs: 0, features: { 'invoice.sent': { n, value: 0 } }, firsts: {} }];
    localStorage.setItem(`${prefix}tab1-1`, JSON.stringify(delta(3)));
    localStorage.setItem(`${prefix}tab2-1`, JSON.stringify(delta(4)));
    // tab2's IndexedDB write had landed before the page went: its marker is there.
    const kv = idbKV(`habitual-${appId}-u1`);
    await kv.set('applied:tab2-1', Date.now());
    await kv.set('day:2026-11-24', {
      v: 1,
      day: '2026-11-24',
      tz: 'Europe/Helsinki',
      rev: 1,
      activeMs: 0,
      features: { 'invoice.sent': { n: 4, value: 0 } },
      firsts: {},
    });
    const env = { window, document, navigator } as never;
    const { tracker } = setup({ appId }, { env });
    const { days } = await tracker.exportData();
    expect(days[0].features['invoice.sent'].n).toBe(7);
    expect(Object.keys(localStorage).filter((k) => k.startsWith(prefix))).toEqual([]);
  });

  it('writes the unflushed deltas synchronously when the page is hidden', async () => {
    const appId = nextApp();
    const env = { window, document, navigator } as never;
    const { tracker } = setup({ appId }, { env, flushDelayMs: 60_000 });
    tracker.track('invoice.sent', { value: 2 });
    const spy = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    window.dispatchEvent(new Event('pagehide'));
    const saved = Object.entries(localStorage).filter(([k]) => k.startsWith(`habitual-journal:habitual-${appId}-u1:`));
    expect(saved).toHaveLength(1);
    expect(JSON.parse(saved[0][1])[0].features).toEqual({ 'invoice.sent': { n: 1, value: 2 } });
    await tracker.flush();
    spy.mockRestore();
    // Once IndexedDB has it, the journal entry is gone and the count is stored once.
    expect(Object.keys(localStorage).filter((k) => k.startsWith(`habitual-journal:habitual-${appId}`))).toEqual([]);
    expect((await tracker.exportData()).days[0].features['invoice.sent'].n).toBe(1);
  });
});

describe('bad input', () => {
  it('drops bad calls with one debug warning each, never throws, stores nothing for them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { tracker } = setup({ debug: true });
    const bad: Array<[unknown, unknown?]> = [
      [''],
      [42],
      [undefined],
      ['Invoice Sent'],
      ['invoice'],
      [`${'a.'.repeat(40)}b`],
      ['invoice.sent', { value: NaN }],
      ['invoice.sent', { value: Infinity }],
      ['invoice.sent', { value: '3' }],
      ['invoice.sent', 'props'],
      ['invoice.sent', Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]))],
    ];
    for (const [name, props] of bad) expect(() => tracker.track(name as string, props as never)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(bad.length);
    expect(String(warn.mock.calls[3][0])).toContain('noun.verb');
    tracker.track('invoice.sent', { value: 1, plan: 'pro' });
    const { days } = await tracker.exportData();
    expect(days[0].features).toEqual({ 'invoice.sent': { n: 1, value: 1 } });
    warn.mockRestore();
  });

  it('a throwing listener is reported, not thrown at the host', async () => {
    const { tracker, errors } = setup();
    tracker.on('track', () => {
      throw new Error('host bug');
    });
    expect(() => tracker.track('invoice.sent')).not.toThrow();
    expect(errors.map((e) => e.code)).toEqual(['bad-call']);
  });
});

describe('consent', () => {
  it('pending keeps data in memory only; granted stores it', async () => {
    const { tracker, options } = setup({ requireConsent: true });
    const kv = idbKV(`habitual-${options.appId}-u1`);
    tracker.track('invoice.sent');
    await tracker.flush();
    expect(await kv.entries()).toEqual([]);
    expect((await tracker.exportData()).days[0].features['invoice.sent'].n).toBe(1);
    tracker.consent('granted');
    tracker.track('invoice.sent');
    await tracker.flush();
    const stored = await storedDay(options.appId, '2026-11-24');
    expect(stored?.features['invoice.sent'].n).toBe(2);
  });

  it('denied stores and keeps nothing', async () => {
    const { tracker, options } = setup();
    tracker.consent('denied');
    tracker.track('invoice.sent');
    await tracker.flush();
    expect((await tracker.exportData()).days).toEqual([]);
    expect(await idbKV(`habitual-${options.appId}-u1`).get('day:2026-11-24')).toBeUndefined();
  });

  it('forget() deletes everything local and starts a new device identity', async () => {
    const { tracker, options } = setup();
    tracker.track('invoice.sent');
    const before = await tracker.exportData();
    await tracker.forget();
    const after = await tracker.exportData();
    expect(after.days).toEqual([]);
    expect(after.profile.deviceId).not.toBe(before.profile.deviceId);
    const rows = await idbKV(`habitual-${options.appId}-u1`).entries();
    expect(rows.map(([k]) => k)).toEqual(['profile']);
  });
});

describe('identity', () => {
  it('an anonymous visitor who signs in keeps their history', async () => {
    const { tracker, options } = setup({ user: undefined });
    tracker.track('invoice.sent');
    await tracker.flush();
    tracker.identify({ id: 'u9', accountId: 'acme' });
    tracker.track('invoice.sent');
    const { days, profile } = await tracker.exportData();
    expect(profile).toMatchObject({ userId: 'u9', accountId: 'acme' });
    expect(days[0].features['invoice.sent'].n).toBe(2);
    expect(await idbKV(`habitual-${options.appId}-anonymous`).entries()).toEqual([]);
  });

  it("switching users keeps each user's record apart", async () => {
    const { tracker } = setup();
    tracker.track('invoice.sent');
    tracker.identify({ id: 'u2' });
    tracker.track('customer.created');
    const { days } = await tracker.exportData();
    expect(Object.keys(days[0].features)).toEqual(['customer.created']);
  });
});

describe('storage failures', () => {
  const broken = (): KV => {
    const fail = () => Promise.reject(new DOMException('blocked', 'InvalidStateError'));
    return { get: fail, set: fail, update: fail, transact: fail, entries: fail, delMany: fail, clear: fail };
  };

  it('keeps tracking in memory when IndexedDB fails, and says so once', async () => {
    const { tracker, errors } = setup({}, { openKV: broken });
    tracker.track('invoice.sent');
    await tracker.flush();
    tracker.track('invoice.sent');
    await tracker.flush();
    const { days } = await tracker.exportData();
    expect(days[0].features['invoice.sent'].n).toBe(2);
    expect(errors.filter((e) => e.code === 'storage-unavailable')).toHaveLength(1);
  });

  it('keeps tracking when opening IndexedDB throws', async () => {
    const { tracker, errors } = setup(
      {},
      {
        openKV: () => {
          throw new Error('no indexedDB');
        },
      },
    );
    tracker.track('invoice.sent');
    expect((await tracker.exportData()).days[0].features['invoice.sent'].n).toBe(1);
    expect(errors.map((e) => e.code)).toEqual(['storage-unavailable']);
  });

  it('a stored record that fails validation is set aside, not crashed on', async () => {
    const map = new Map<string, unknown>([
      ['day:2026-11-20', { v: 1, day: '2026-11-20', tz: 'UTC', rev: 1, activeMs: -5, features: {}, firsts: {} }],
      ['day:2026-11-21', { v: 1, day: '2026-11-21', tz: 'UTC', rev: 1, activeMs: 0, features: { 'a.b': { n: 1, value: 0 } }, firsts: {} }],
    ]);
    const errors: HabitualError[] = [];
    const store = createStore(memoryKV(map), (e) => errors.push(e));
    const days = await readDays(store, (e) => errors.push(e));
    expect(days.map((d) => d.day)).toEqual(['2026-11-21']);
    expect(errors[0]).toMatchObject({ code: 'storage-corrupt' });
    expect(errors[0].message).toContain('activeMs');
    const aside = [...map.keys()].filter((k) => k.startsWith('quarantine:day:2026-11-20'));
    expect(aside).toHaveLength(1);
    expect(map.has('day:2026-11-20')).toBe(false);
  });
});

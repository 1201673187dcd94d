import { describe, expect, it } from 'vitest';
import type { When } from '../config/types';
import { validateConfig } from '../config/validate-config';
import { computeState } from '../engine/compute-state';
import { CONFIG, noon, onDays, roll } from '../engine/test-days';
import { matchesWhen, type WhenContext } from './when';

const TODAY = '2026-03-20';
// A user first seen 10 days ago who sent invoices on 3 days (2 of them in the last 7) and
// opened the import 3 days ago without finishing it: stuck on the import.
const days = [...onDays(TODAY, [10, 6, 2]), roll('2026-03-17', { 'import.opened': 1 }), roll(TODAY, { 'customer.created': 2 })];
const state = computeState(days, CONFIG, noon(TODAY), 'UTC');
const ctx = (over: Partial<WhenContext> = {}): WhenContext => ({
  state,
  path: '/invoices/42',
  locale: 'fi',
  device: 'desktop',
  traits: { plan: 'team', role: 'admin', seats: 5 },
  accountTraits: { plan: 'business', region: 'eu' },
  ...over,
});
const holds = (when: When, over?: Partial<WhenContext>) => matchesWhen(when, ctx(over));

describe('matchesWhen', () => {
  it('holds with no conditions, and with every listed condition true', () => {
    expect(matchesWhen(undefined, ctx())).toBe(true);
    expect(holds({})).toBe(true);
    expect(
      holds({
        stages: [state.stage],
        bands: [state.band],
        daysSinceFirstSeen: { min: 10, max: 10 },
        used: { 'invoice.sent': 3 },
        notUsed: ['report.viewed'],
        stuckOn: ['import'],
        path: ['/invoices*'],
        traits: { plan: ['team', 'business'], role: 'admin' },
        locale: ['fi'],
        device: ['desktop'],
      }),
    ).toBe(true);
  });

  it('stages and bands: any of the list', () => {
    expect(state.stuck?.funnel).toBe('import');
    expect(holds({ stages: ['power', state.stage] })).toBe(true);
    expect(holds({ stages: ['power', 'dormant'].filter((s) => s !== state.stage) as When['stages'] })).toBe(false);
    expect(holds({ bands: ['red', 'yellow', 'green'].filter((b) => b !== state.band) as When['bands'] })).toBe(false);
  });

  it('daysSinceFirstSeen counts whole days from the first day of use (0 on it)', () => {
    expect(holds({ daysSinceFirstSeen: { min: 11 } })).toBe(false);
    expect(holds({ daysSinceFirstSeen: { max: 9 } })).toBe(false);
    expect(holds({ daysSinceFirstSeen: { max: 0 } }, { state: computeState([roll(TODAY, { 'invoice.sent': 1 })], CONFIG, noon(TODAY), 'UTC') })).toBe(true);
  });

  it('used and notUsed count uses within withinDays, today included (default 28)', () => {
    expect(holds({ used: { 'invoice.sent': 4 } })).toBe(false);
    expect(holds({ used: { 'invoice.sent': 2 }, withinDays: 7 })).toBe(true);
    expect(holds({ used: { 'invoice.sent': 3 }, withinDays: 7 })).toBe(false);
    expect(holds({ used: { 'customer.created': 2 }, withinDays: 1 })).toBe(true);
    expect(holds({ notUsed: ['invoice.sent'] })).toBe(false);
    expect(holds({ notUsed: ['invoice.sent'], withinDays: 2 })).toBe(true);
  });

  it('stuckOn names the funnel the user is stuck on', () => {
    expect(holds({ stuckOn: ['other'] })).toBe(false);
    expect(holds({ stuckOn: ['import'] }, { state: computeState(onDays(TODAY, [0]), CONFIG, noon(TODAY), 'UTC') })).toBe(false);
  });

  it('path globs match the whole pathname; * is any run of characters', () => {
    expect(holds({ path: ['/invoices'] })).toBe(false);
    expect(holds({ path: ['/reports', '/invoices/*'] })).toBe(true);
    expect(holds({ path: ['/invoices*'] }, { path: '/invoices' })).toBe(true);
    expect(holds({ path: ['/invoices*'] }, { path: '/settings/invoices' })).toBe(false);
    expect(holds({ path: ['/a.b'] }, { path: '/aXb' })).toBe(false);
  });

  it('traits: user traits first, then account traits; equal or one of the list', () => {
    expect(holds({ traits: { plan: 'business' } })).toBe(false); // the user's own plan wins
    expect(holds({ traits: { region: 'eu' } })).toBe(true); // only the account has it
    expect(holds({ traits: { seats: [5, 10] } })).toBe(true);
    expect(holds({ traits: { seats: '5' } })).toBe(false);
    expect(holds({ traits: { missing: 'x' } })).toBe(false);
  });

  it('locale (a regional variant matches its language) and device', () => {
    expect(holds({ locale: ['en'] })).toBe(false);
    expect(holds({ locale: ['zh'] }, { locale: 'zh-CN' })).toBe(true);
    expect(holds({ device: ['mobile'] })).toBe(false);
    expect(holds({ device: ['mobile'] }, { device: 'mobile' })).toBe(true);
  });

  it('conditions on the engine state do not hold before there is one; page conditions do', () => {
    expect(holds({ path: ['/invoices*'] }, { state: null })).toBe(true);
    expect(holds({ stages: ['new'] }, { state: null })).toBe(false);
    expect(holds({ notUsed: ['x'] }, { state: null })).toBe(false);
  });
});

describe('validating when', () => {
  const at = (when: unknown) => validateConfig({ ...CONFIG, widgets: { nudges: { items: [{ target: '#x', text: 'Hi', when }] } } });

  it('accepts the full example', () => {
    expect(
      at({
        stages: ['new', 'activated'].slice(0, 1),
        bands: ['red', 'yellow'],
        daysSinceFirstSeen: { min: 1, max: 30 },
        used: { 'invoice.sent': 1 },
        notUsed: ['import.completed'],
        withinDays: 28,
        stuckOn: ['import'],
        path: ['/invoices*', '/reports'],
        traits: { plan: ['team', 'business'], role: 'admin' },
        locale: ['fi'],
        device: ['desktop'],
      }),
    ).toEqual([]);
  });

  it('names the field of each problem', () => {
    const p = 'widgets.nudges.items.0.when';
    expect(at({ stage: ['new'] })).toEqual([{ path: `${p}.stage`, message: expect.stringContaining('is not a targeting condition') }]);
    expect(at({ stages: ['sleepy'] })).toEqual([{ path: `${p}.stages.0`, message: expect.stringContaining("must be one of 'new'") }]);
    expect(at({ bands: 'red' })).toEqual([{ path: `${p}.bands`, message: expect.stringContaining('must be an array') }]);
    expect(at({ used: { 'invoice.snet': 1 } })).toEqual([{ path: `${p}.used.invoice.snet`, message: expect.stringContaining('not in features') }]);
    expect(at({ used: { 'invoice.sent': 0 } })).toEqual([{ path: `${p}.used.invoice.sent`, message: expect.stringContaining('>= 1') }]);
    expect(at({ notUsed: ['nope'] })[0].path).toBe(`${p}.notUsed.0`);
    expect(at({ withinDays: 91 })[0].message).toContain('<= 90');
    expect(at({ stuckOn: ['export'] })[0].message).toContain('not a configured funnel id');
    expect(at({ daysSinceFirstSeen: {} })[0].message).toContain('needs min or max');
    expect(at({ traits: { plan: { a: 1 } } })[0].path).toBe(`${p}.traits.plan`);
    expect(at({ device: ['tablet'] })[0].message).toContain("'desktop', 'mobile'");
    expect(at({ locale: ['de'] })[0].path).toBe(`${p}.locale.0`);
    expect(at('new')).toEqual([{ path: p, message: expect.stringContaining('must be an object') }]);
  });

  it('applies to every widget, checklist item and milestone', () => {
    const bad = { stages: ['x'] };
    const problems = validateConfig({
      ...CONFIG,
      milestones: [{ id: 'm', title: 'M', streak: 3, when: bad }],
      widgets: { digest: { when: bad }, checklist: { items: [{ id: 'a', label: 'A', event: 'invoice.sent', when: bad }] } },
    }).map((p) => p.path);
    expect(problems).toEqual(expect.arrayContaining(['milestones.0.when.stages.0', 'widgets.checklist.items.0.when.stages.0']));
  });
});

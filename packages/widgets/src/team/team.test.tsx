import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HabitualConfig, HabitualError, TeamWeek } from '@habitual/core';
import { flushRender, mountWidgets } from '../test/render';
import type { TeamCache } from './use-team';

const config: HabitualConfig = {
  locale: 'en',
  features: {
    'invoice.sent': { label: 'Send an invoice', key: true, value: { one: 'invoice', other: 'invoices' } },
    'report.viewed': { label: 'Reports', key: true },
    'customer.created': { label: 'Add a customer', key: true },
  },
  widgets: { team: { enabled: true, holdout: 0 } },
};
const user = { id: 'u_ana', accountId: 'acme', hash: 'a'.repeat(64), traits: { name: 'Ana' } };
const endpoint = 'https://collector.test/';

const week = (over: Partial<TeamWeek> = {}): TeamWeek => ({
  accountId: 'acme',
  week: { from: '2025-03-10', to: '2025-03-12' },
  members: 4,
  active: 3,
  totals: [{ feature: 'invoice.sent', unit: 'invoices', week: 40 }],
  me: { optedIn: false },
  leaderboard: [],
  buddies: [],
  ...over,
});

type Answer = TeamWeek | 'down' | number;
/** A collector that answers every GET /v1/team with `get` and each PUT /v1/team/me with the next of `puts`; records each request. */
function collector(get: Answer, ...puts: Answer[]) {
  const calls: Array<{ url: string; method: string; body?: unknown; cache?: string }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (!String(url).includes('/v1/team')) return new Response('{}', { status: 503 });
      const method = init.method ?? 'GET';
      calls.push({ url: String(url), method, body: init.body ? JSON.parse(String(init.body)) : undefined, cache: init.cache });
      const a = method === 'GET' ? get : puts.length > 1 ? puts.shift()! : puts[0];
      if (a === 'down') throw new TypeError('Failed to fetch');
      if (typeof a === 'number') return new Response(JSON.stringify({ error: 'identity.hash is not the HMAC' }), { status: a });
      return new Response(JSON.stringify(a), { status: 200 });
    }),
  );
  return calls;
}

/** The widget's own counts in today's rollup. */
const counts = async (w: Awaited<ReturnType<typeof mountWidgets>>) => {
  await w.instance.flush();
  const { days } = await w.instance.exportData();
  return Object.fromEntries(
    Object.entries(days.at(-1)?.features ?? {})
      .filter(([k]) => k.startsWith('hb:team'))
      .map(([k, f]) => [k, f.n]),
  );
};

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openTeam(init: Parameters<typeof mountWidgets>[0] = {}) {
  const w = await mountWidgets({ config, ...init, options: { endpoint, user, ...init.options } });
  cleanup = w.handle.unmount;
  w.$('.launcher')!.click();
  await flushRender();
  return w;
}

describe('team progress', () => {
  it("shows the account's week from GET /v1/team with the verified identity, and keeps it on the device", async () => {
    const calls = collector(week());
    const w = await openTeam();
    await vi.waitFor(() => expect(w.$('[data-totals]')?.textContent).toBe('Together: 40 invoices'));
    expect(w.$('[data-active]')!.textContent).toBe('3 of 4 teammates active');
    const url = new URL(calls[0].url);
    expect(url.origin + url.pathname).toBe('https://collector.test/v1/team');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appId: expect.any(String),
      key: 'wk_test',
      userId: 'u_ana',
      accountId: 'acme',
      hash: user.hash,
      day: '2025-03-12',
    });
    // Not opted in: no leaderboard, no names; the join form offers the user's name.
    expect(w.$('[data-board]')).toBeNull();
    expect(w.$<HTMLInputElement>('input[name=displayName]')!.value).toBe('Ana');
    const kept = (await w.instance.exportData()).profile.widgets.team as TeamCache;
    expect(kept).toMatchObject({ user: 'u_ana', account: 'acme', day: '2025-03-12', week: week() });
    expect(w.text()).toContain('Updated');
    expect(await counts(w)).toEqual({ 'hb:team.shown': 1 });
  });

  it('joins the leaderboard with PUT /v1/team/me, then shows it, the buddy line, and a way to leave', async () => {
    const joined = week({
      me: { optedIn: true, displayName: 'Ana' },
      leaderboard: [
        { name: 'Sam', days: 3, units: 12 },
        { name: 'Ana', days: 2, units: 8, me: true },
      ],
      // Sam sent more invoices than he viewed reports; this user sends invoices but never opened reports.
      buddies: [
        { name: 'Sam', feature: 'invoice.sent', n: 9 },
        { name: 'Sam', feature: 'report.viewed', n: 5 },
      ],
    });
    const calls = collector(week(), joined, week());
    const w = await openTeam({ days: { '2025-03-11': { 'invoice.sent': 2 } } });
    await vi.waitFor(() => expect(w.$('form')).not.toBeNull());
    w.$('button[type=submit]')!.click();
    await vi.waitFor(() => expect(w.$('[data-board]')).not.toBeNull());
    const put = () => calls.filter((c) => c.method === 'PUT');
    expect(put()[0]).toMatchObject({
      method: 'PUT',
      url: 'https://collector.test/v1/team/me',
      body: { optIn: true, displayName: 'Ana', day: '2025-03-12', identity: { userId: 'u_ana', accountId: 'acme' } },
    });
    expect(w.$$('[data-board] li').map((li) => li.textContent)).toEqual(['Sam12 invoices · 3 days', 'Ana (you)8 invoices · 2 days']);
    expect(w.$('[data-buddy]')!.textContent).toBe('Sam used Reports 5 times this week');
    expect(await counts(w)).toMatchObject({ 'hb:team.shown': 1, 'hb:team.join.click': 1 });
    [...w.root.querySelectorAll('button')].find((b) => b.textContent === 'Leave the leaderboard')!.click();
    await vi.waitFor(() => expect(w.$('[data-board]')).toBeNull());
    expect(put()[1]).toMatchObject({ method: 'PUT', body: { optIn: false } });
  });

  it('the buddy nudge: once a week a toast for a user on the leaderboard, through the attention budget; it opens the panel', async () => {
    const joined = week({
      me: { optedIn: true, displayName: 'Ana' },
      leaderboard: [{ name: 'Ana', days: 1, units: 1, me: true }],
      buddies: [{ name: 'Sam', feature: 'report.viewed', n: 5 }],
    });
    collector(joined);
    const w = await mountWidgets({ config, options: { endpoint, user } });
    cleanup = w.handle.unmount;
    const toast = () => w.$('[data-toast="team.2025-03-10.Sam.report.viewed"]');
    // A signed-in page first waits up to 1.5 s for the user's attention record from the collector (here: none).
    await vi.waitFor(() => expect(toast()?.textContent).toContain('Sam used Reports 5 times this week'), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await counts(w)).toEqual({ 'hb:team.nudge.shown': 1 }));
    expect(toast()!.hasAttribute('data-habitual-interruptive')).toBe(true);
    [...toast()!.querySelectorAll('button')].find((b) => b.textContent === 'See your team')!.click();
    await flushRender();
    expect(toast()).toBeNull();
    expect(w.$('.panel section.team')).not.toBeNull();
    expect(await counts(w)).toMatchObject({ 'hb:team.nudge.shown': 1, 'hb:team.nudge.click': 1 });
    // Done: a new config (every widget re-renders) does not raise the same line again.
    w.instance.configure({ ...config, locale: 'en' });
    await flushRender();
    expect(toast()).toBeNull();
  });

  it('no buddy nudge for a user not on the leaderboard, or with nudge: false', async () => {
    collector(week({ buddies: [] }));
    const w = await mountWidgets({ config: { ...config, widgets: { team: { enabled: true, holdout: 0, nudge: false } } }, options: { endpoint, user } });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('.launcher')).not.toBeNull());
    await flushRender();
    expect(w.$('[data-toast]')).toBeNull();
  });

  it('opening the panel asks again, past the browser cache, even with a fresh copy on the device', async () => {
    const at = Date.parse('2025-03-12T12:00:00Z');
    const calls = collector(week({ active: 4 }));
    const w = await mountWidgets({
      config,
      widgets: { team: { user: 'u_ana', account: 'acme', day: '2025-03-12', at, week: week({ active: 1 }) } satisfies TeamCache },
      options: { endpoint, user },
    });
    cleanup = w.handle.unmount;
    await flushRender();
    // The page's own (background) view keeps the fresh copy: nothing asked.
    expect(calls).toEqual([]);
    w.$('.launcher')!.click();
    await vi.waitFor(() => expect(w.$('[data-active]')!.textContent).toBe('4 of 4 teammates active'));
    expect(calls).toEqual([expect.objectContaining({ method: 'GET', cache: 'no-cache' })]);
  });

  it('refuses a name the collector would refuse, before sending it', async () => {
    const calls = collector(week());
    const w = await openTeam();
    await vi.waitFor(() => expect(w.$('form')).not.toBeNull());
    const input = w.$<HTMLInputElement>('input[name=displayName]')!;
    input.value = '<b>Ana</b>';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await flushRender();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(w.$('[role=alert]')!.textContent).toMatch(/letters, digits/);
    w.$('button[type=submit]')!.click();
    await flushRender();
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it('works offline from the last answer and says how old it is', async () => {
    const at = Date.parse('2025-03-12T09:00:00Z');
    collector('down');
    const errors: HabitualError[] = [];
    const w = await openTeam({
      widgets: { team: { user: 'u_ana', account: 'acme', day: '2025-03-12', at, week: week({ active: 2 }) } satisfies TeamCache },
      options: { onError: (e) => errors.push(e) },
    });
    expect(w.$('[data-active]')!.textContent).toBe('2 of 4 teammates active');
    await vi.waitFor(() => expect(w.$('[data-age]')!.textContent).toBe('Offline: last updated 3 hours ago'));
    // Offline is no error of the integration's.
    expect(errors.filter((e) => e.message.startsWith('Team progress'))).toEqual([]);
  });

  it("does not show another user's copy, and reports a refusal to onError without showing it", async () => {
    collector(403);
    const errors: HabitualError[] = [];
    const w = await openTeam({
      widgets: { team: { user: 'u_sam', account: 'acme', day: '2025-03-12', at: Date.now(), week: week({ active: 9 }) } satisfies TeamCache },
      options: { onError: (e) => errors.push(e) },
    });
    await vi.waitFor(() => expect(errors.map((e) => e.message)).toContainEqual(expect.stringContaining('answered 403')));
    expect(w.$('[data-active]')).toBeNull();
    expect(w.text()).not.toContain('403');
  });

  it('without a verified user it asks nothing and shows nothing, and throws nothing', async () => {
    const calls = collector(week());
    const w = await mountWidgets({ config, options: { endpoint, user: { id: 'u_ana', accountId: 'acme' } } });
    cleanup = w.handle.unmount;
    document.body.insertAdjacentHTML('beforeend', '<habitual-team></habitual-team>');
    await flushRender();
    const el = document.querySelector('habitual-team')!;
    expect(el.shadowRoot!.querySelector('section')).toBeNull();
    expect(w.$('.launcher')).toBeNull();
    expect(calls).toEqual([]);
    el.remove();
  });

  it('<habitual-team> shows the week inline, in the chosen language', async () => {
    collector(week());
    const w = await mountWidgets({ config: { ...config, locale: 'fi' }, options: { endpoint, user } });
    cleanup = w.handle.unmount;
    document.body.insertAdjacentHTML('beforeend', '<habitual-team></habitual-team>');
    const el = document.querySelector('habitual-team')!;
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('[data-active]')?.textContent).toBe('3/4 tiimiläisestä aktiivisia'));
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toBe('Tiimisi tällä viikolla');
    el.remove();
  });
});

// @vitest-environment happy-dom
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { addDays, todayKey } from '@habitual/core';
import type { Window as HappyWindow } from 'happy-dom';
import { h, render, type ComponentChild } from 'preact';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/open-pglite';
import { ADMIN, adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { widgetsCsv } from '../widgets/widgets-csv';
import { ExperimentsPage, experimentIds } from './experiments-page';
import { shownSeries, WidgetsPage } from './widgets-page';

const TODAY = todayKey(Date.now(), 'UTC');
const counts = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, n]) => [k, { n, value: 0 }]));
const config = {
  features: { 'invoice.sent': { key: true, value: 'invoices' } },
  widgets: { nudges: { enabled: true, items: [{ feature: 'invoice.sent', target: '#send', text: 'Send' }] }, records: { enabled: true } },
  experiments: [{ id: 'cadence', widget: 'reminders', variants: [{ id: 'daily' }], holdout: 0.5 }],
};

describe('the Widgets and Experiments pages', () => {
  let db: Db;
  let server: ServerType;
  const mount = (vnode: ComponentChild) => {
    const root = document.createElement('main');
    document.body.append(root);
    render(vnode, root);
    return root;
  };

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    const fx = await adminFixture(db);
    await fx.call('PUT', '/v1/admin/config', { config });
    const send = (userId: string, days: unknown[]) => fx.app.request('/v1/summaries', post(summaries({ identity: { userId, deviceId: `d_${userId}` }, days })));
    await send('u_1', [
      day(addDays(TODAY, -3), 1, counts({ 'hb:nudge.invoice_sent.shown': 2, 'hb:nudge.invoice_sent.clicked': 1 })),
      day(TODAY, 1, counts({ 'hb:nudge.invoice_sent.shown': 1 })),
    ]);
    await send('u_2', [day(TODAY, 1, counts({ 'hb:nudge.invoice_sent.shown': 1, 'hb:nudge.invoice_sent.dismissed': 1 }))]);
    // Twelve users a side of "cadence", 40 days ago: their 28 days have ended.
    const start = addDays(TODAY, -40);
    for (let i = 0; i < 24; i++) {
      const arm = i % 2 ? 'daily' : 'holdout';
      const active = (arm === 'daily' ? 12 : 8) + (i % 3);
      await send(
        `x_${i}`,
        Array.from({ length: active }, (_, k) =>
          day(addDays(start, k), 1, { 'invoice.sent': { n: 1, value: 1 }, ...(k ? {} : counts({ [`hb:exp.cadence.${arm}`]: 1 })) }),
        ),
      );
    }
    server = serve({ fetch: fx.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    (window as unknown as HappyWindow).happyDOM.setURL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`);
    sessionStorage.setItem('habitual-admin-token', ADMIN);
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await db?.close();
  });

  it('Widgets: numbers per widget and item, a chart of shown per day, and the CSV', async () => {
    const root = mount(h(WidgetsPage, {}));
    await vi.waitFor(() => expect(root.querySelector('[data-widget=nudges]')).not.toBeNull(), { timeout: 5_000 });
    const cells = (sel: string) => [...root.querySelector(sel)!.querySelectorAll('td')].slice(1, 6).map((td) => td.textContent);
    expect(cells('[data-widget=nudges]')).toEqual(['2', '4', '1', '0', '1']);
    expect(cells('[data-item=invoice_sent]')).toEqual(['2', '4', '1', '0', '1']);
    expect(root.querySelector('[data-widget=nudges] [role=img]')!.getAttribute('aria-label')).toMatch(/28 days: 0(, 0)*, 2, 0, 0, 2$/);

    const report = await (await fetch('/v1/widgets', { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    expect(shownSeries(report.widgets[0], report.from, report.to)).toHaveLength(28);
    expect(widgetsCsv(report.widgets).split('\n').slice(0, 4)).toEqual([
      'widget,item,day,usersReached,shown,clicked,completed,dismissed',
      'nudges,,,2,4,1,0,1',
      'nudges,invoice_sent,,2,4,1,0,1',
      `nudges,,${addDays(TODAY, -3)},1,2,1,0,0`,
    ]);
  });

  it('Experiments: each experiment and each widget holdout, the interval drawn, the verdict and what it needs', async () => {
    expect(experimentIds(config)).toEqual([{ id: 'cadence' }, { id: 'widget-nudges', widget: 'Nudges' }]);
    const root = mount(h(ExperimentsPage, {}));
    await vi.waitFor(() => expect(root.querySelector('[data-experiment=cadence] [data-arm=daily]')).not.toBeNull(), { timeout: 10_000 });
    const daily = root.querySelector('[data-experiment=cadence] [data-arm=daily]')!;
    expect(daily.querySelector('[data-interval]')!.getAttribute('aria-label')).toMatch(/^\+4\.00 days, 95% interval \+\d\.\d\d to \+\d\.\d\d$/);
    // Qualified days spread little here: twelve a side is the sample the interval needs.
    expect(daily.querySelector('[data-verdict]')!.textContent).toMatch(/^\+4\.0 days \(95%: \+3\.\d to \+4\.\d\): better/);
    // Every user was active in the last week of the window in neither arm: that share needs more users.
    expect(daily.querySelector('[data-verdict]')!.textContent).toMatch(
      /Active at day 28: 0 pts \(95%: −\d+ pts to \+\d+ pts\): not enough users yet \(needs \d+ measured users an arm; has 12\)$/,
    );
    // The nudges' own 5% holdout: nobody counted yet.
    await vi.waitFor(() => expect(root.querySelector('[data-experiment=widget-nudges] [data-arm=on]')).not.toBeNull(), { timeout: 5_000 });
    expect(root.querySelector('[data-experiment=widget-nudges] [data-arm=on] [data-verdict]')!.textContent).toMatch(/^not enough users yet/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { ExportedData, HabitualInstance } from '@habitual/core';
import { until } from './until';

// These run the built, minified habitual.js from a real script-tag page in Chromium.

type Api = ((...call: unknown[]) => unknown) & HabitualInstance & { instance?: HabitualInstance; q?: unknown[] };
type FixtureWindow = Window & { habitual: Api; __errors: string[] };

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((f) => f.remove()));

/** Opens the fixture page in a same-origin iframe and waits until habitual.js has taken over. */
async function openPage(query: Record<string, string>): Promise<{ frame: HTMLIFrameElement; win: () => FixtureWindow }> {
  const frame = document.createElement('iframe');
  frame.src = `/fixtures/tracker.html?${new URLSearchParams(query)}`;
  document.body.append(frame);
  frames.push(frame);
  const win = () => frame.contentWindow as FixtureWindow;
  await until(() => win()?.habitual?.instance, 'habitual.js to load');
  return { frame, win };
}

async function reload(page: { frame: HTMLIFrameElement; win: () => FixtureWindow }) {
  const old = page.win().habitual;
  page.win().location.reload();
  await until(() => page.win()?.habitual?.instance && page.win().habitual !== old && page.win().habitual, 'the reloaded page');
}

let n = 0;
const freshApp = () => `browser-${Date.now()}-${++n}`;
const count = (data: ExportedData, name: string) => data.days.reduce((sum, d) => sum + (d.features[name]?.n ?? 0), 0);

describe('script tag', () => {
  it('replays calls queued before the script arrived, then is the live instance', async () => {
    const page = await openPage({ app: freshApp(), track: 'invoice.sent' });
    const h = page.win().habitual;
    expect(typeof h).toBe('function');
    h('track', 'invoice.sent', { value: 1 }); // queue form keeps working
    h.track('invoice.sent', { value: 4 }); // and the methods are on it
    const data = (await h.exportData()) as ExportedData;
    expect(count(data, 'page.opened')).toBe(1);
    expect(data.days[0].features['invoice.sent']).toEqual({ n: 3, value: 7 });
  });

  it('with every widget off the page never downloads the widgets; switching one on loads and shows it', async () => {
    const page = await openPage({ app: freshApp() });
    const h = page.win().habitual;
    await h.flush(); // the keeper (habitual-engine.js) has loaded by now
    const loaded = () =>
      page
        .win()
        .performance.getEntriesByType('resource')
        .map((e) => e.name.split('/').pop());
    expect(loaded()).toContain('habitual-engine.js');
    // Asserting that something does not happen: a fixed wait gives a stray load its chance.
    await new Promise((r) => setTimeout(r, 300));
    expect(loaded()).not.toContain('habitual-widgets.js');
    h.configure({ widgets: { records: { enabled: true } } });
    const host = await until(() => page.win().document.querySelector('habitual-widgets'), 'the widgets host');
    expect(loaded()).toContain('habitual-widgets.js');
    await until(() => host.shadowRoot?.querySelector('button'), 'a widget inside the shadow root');
  });

  it('events survive a reload', async () => {
    const app = freshApp();
    const page = await openPage({ app });
    page.win().habitual.track('invoice.sent');
    await page.win().habitual.flush();
    await reload(page);
    page.win().habitual.track('invoice.sent');
    const data = await page.win().habitual.exportData();
    expect(count(data, 'invoice.sent')).toBe(2);
    expect(count(data, 'page.opened')).toBe(2);
  });

  it('events tracked right before the page goes away are stored by the pagehide flush', async () => {
    const app = freshApp();
    const page = await openPage({ app });
    for (let i = 0; i < 5; i++) page.win().habitual.track('invoice.sent');
    await reload(page); // no flush(): the debounce has not fired, pagehide must store them
    const data = await page.win().habitual.exportData();
    expect(count(data, 'invoice.sent')).toBe(5);
  });

  it('two tabs tracking at once into one database lose and double nothing', async () => {
    const app = freshApp();
    const [a, b] = await Promise.all([openPage({ app }), openPage({ app })]);
    const ha = a.win().habitual;
    const hb = b.win().habitual;
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < 300; i++) {
      ha.track('invoice.sent', { value: 1 });
      hb.track('invoice.sent', { value: 2 });
      if (i % 25 === 0) pending.push(ha.flush(), hb.flush());
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all([...pending, ha.flush(), hb.flush()]);
    const data = await ha.exportData();
    expect(data.days[0].features['invoice.sent']).toEqual({ n: 600, value: 900 });
    expect(count(data, 'page.opened')).toBe(2);
  });

  it('a page whose IndexedDB open fails still tracks in memory and says so once', async () => {
    const page = await openPage({ app: freshApp(), breakidb: '1' });
    const h = page.win().habitual;
    h.track('invoice.sent');
    await h.flush();
    h.track('invoice.sent');
    const data = await h.exportData();
    expect(count(data, 'invoice.sent')).toBe(2);
    expect(page.win().__errors.filter((c) => c === 'storage-unavailable')).toEqual(['storage-unavailable']);
  });
});

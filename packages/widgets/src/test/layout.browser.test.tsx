import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cdp, page } from 'vitest/browser';
import type { HabitualConfig } from '@habitual/core';
import { anchor } from '../host/anchor';
import { boxOf } from '../host/controls';
import { mount } from '../host/mount';
import { allWidgets, targetsHtml, yesterday } from './pages';
import { realInstance } from './real-instance';

// Real layout in Chromium: hostile page CSS, top-layer stacking, anchored positioning, media.

const cleanups: Array<() => void> = [];
beforeEach(() => page.viewport(1000, 700));
afterEach(async () => {
  cleanups.splice(0).forEach((c) => c());
  document.body.innerHTML = '';
  document.head.querySelectorAll('style[data-hostile]').forEach((s) => s.remove());
  window.scrollTo(0, 0);
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

async function start(config: HabitualConfig = allWidgets) {
  const real = await realInstance({ config, days: yesterday });
  const handle = mount(real.instance);
  cleanups.push(handle.unmount);
  await handle.ready;
  const host = document.querySelector('habitual-widgets') as HTMLElement;
  return { ...real, host, shadow: host.shadowRoot! };
}

/** The element at the centre of `el` is `el` (or inside it): nothing of the page covers it. */
function onTop(shadow: ShadowRoot, el: Element) {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  expect(document.elementFromPoint(x, y)).toBe(shadow.host);
  expect(el.contains(shadow.elementFromPoint(x, y))).toBe(true);
}

const visible = (el: Element | null) => {
  expect(el).not.toBeNull();
  const r = el!.getBoundingClientRect();
  expect(r.width).toBeGreaterThan(20);
  expect(r.height).toBeGreaterThan(10);
  expect(getComputedStyle(el!).visibility).toBe('visible');
};

describe('hostile page CSS', () => {
  it('leaves every widget shown, styled and on top', async () => {
    const style = document.createElement('style');
    style.dataset.hostile = '';
    style.textContent = `
      * { all: unset }
      div { display: none !important }
      .cover { display: block; position: fixed; inset: 0; z-index: 2147483647; background: rgba(255, 0, 0, 0.3) }
      habitual-records { color: red; font-size: 40px }`;
    document.head.append(style);
    document.body.insertAdjacentHTML('beforeend', `${targetsHtml}<habitual-records></habitual-records><section class="cover"></section>`);
    const { use, host, shadow } = await start();
    await use('report.viewed'); // the milestone: a reward toast
    await vi.waitFor(() => expect(shadow.querySelector('[data-toast]') && shadow.querySelector('.digest')).not.toBeNull());
    await vi.waitFor(() => expect(shadow.querySelector<HTMLElement>('.nudge')?.hidden).toBe(false));

    expect(host.matches(':popover-open')).toBe(true);
    const launcher = shadow.querySelector('.launcher')!;
    visible(launcher);
    onTop(shadow, launcher);
    expect(getComputedStyle(launcher).backgroundColor).toBe('rgb(79, 70, 229)');
    expect(getComputedStyle(launcher).fontSize).toBe('14px');
    const digest = shadow.querySelector('.digest')!;
    visible(digest);
    onTop(shadow, digest);
    expect(digest.getBoundingClientRect().width).toBe(320);
    const toast = shadow.querySelector('[data-toast]')!;
    visible(toast);
    onTop(shadow, toast);
    visible(shadow.querySelector('.nudge'));

    (launcher as HTMLElement).click();
    await frame();
    const panel = shadow.querySelector('.panel')!;
    visible(panel);
    onTop(shadow, panel);
    expect(getComputedStyle(panel.querySelector('.items li')!).display).toBe('flex');

    // The inline element keeps its own look; page rules on the element itself stop at the host.
    const records = document.querySelector('habitual-records')!;
    visible(records);
    expect(getComputedStyle(records).display).toBe('block');
    expect(getComputedStyle(records.shadowRoot!.querySelector('h2')!).fontSize).toBe('15px');
    expect(getComputedStyle(records.shadowRoot!.querySelector('h2')!).color).not.toBe('rgb(255, 0, 0)');
  });
});

describe('anchored nudges', () => {
  const place = () => {
    document.body.innerHTML =
      '<div style="height: 3000px; position: relative"><button id="target" style="position: absolute; top: 500px; left: 300px; width: 120px; height: 40px">Send</button></div>';
    return document.getElementById('target')!;
  };
  const config: HabitualConfig = {
    locale: 'en',
    widgets: { nudges: { enabled: true, items: [{ feature: 'invoice.sent', target: '#target', text: 'Send it straight from here' }] } },
  };

  /** Below the target, 8px apart, centred on it (or shifted inside the viewport). */
  function expectNextTo(nudge: Element, target: Element) {
    const n = nudge.getBoundingClientRect();
    const t = target.getBoundingClientRect();
    const below = Math.abs(n.top - (t.bottom + 8)) <= 1;
    const above = Math.abs(n.bottom - (t.top - 8)) <= 1; // flipped near the bottom edge
    expect(below || above, `nudge ${n.top}-${n.bottom}, target ${t.top}-${t.bottom}`).toBe(true);
    const centred = Math.abs(n.left + n.width / 2 - (t.left + t.width / 2)) <= 1;
    const shifted = n.left >= 8 - 1 && n.right <= innerWidth - 8 + 1;
    expect(centred || shifted).toBe(true);
  }

  it('sits next to its target and follows scroll and resize', async () => {
    const target = place();
    const { shadow } = await start(config);
    await vi.waitFor(() => expectNextTo(shadow.querySelector('.nudge')!, target));
    const nudge = shadow.querySelector('.nudge')!;
    visible(nudge);
    const before = nudge.getBoundingClientRect().top;

    window.scrollTo(0, 300);
    await vi.waitFor(() => {
      expect(nudge.getBoundingClientRect().top).toBeCloseTo(before - 300, 0);
      expectNextTo(nudge, target);
    });

    await page.viewport(500, 400);
    await vi.waitFor(() => expectNextTo(nudge, target));

    // Near the bottom edge it flips above the target.
    window.scrollTo(0, 500 - 400 + 60);
    await vi.waitFor(() => {
      expect(nudge.getBoundingClientRect().bottom).toBeLessThanOrEqual(target.getBoundingClientRect().top);
      expectNextTo(nudge, target);
    });

    // Scrolled far away: it hides with its target instead of sticking to an edge.
    window.scrollTo(0, 1500);
    await vi.waitFor(() => expect(nudge.checkVisibility({ visibilityProperty: true })).toBe(false));
    window.scrollTo(0, 300);
    await vi.waitFor(() => {
      expect(nudge.checkVisibility({ visibilityProperty: true })).toBe(true);
      expectNextTo(nudge, target);
    });
  });

  const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true });

  it('hides while the page covers or hides its target, and comes back after', async () => {
    const target = place();
    const { shadow } = await start(config);
    await vi.waitFor(() => expect(shadow.querySelector('.nudge') && shown(shadow.querySelector('.nudge')!)).toBe(true));
    const nudge = shadow.querySelector('.nudge')!;
    // The app opens its own dialog over everything.
    document.body.insertAdjacentHTML('beforeend', '<div id="modal" style="position: fixed; inset: 0; background: #0004"></div>');
    await vi.waitFor(() => expect(shown(nudge)).toBe(false));
    document.getElementById('modal')!.remove();
    await vi.waitFor(() => expect(shown(nudge)).toBe(true));
    target.style.display = 'none';
    await vi.waitFor(() => expect(shown(nudge)).toBe(false));
    target.style.display = '';
    await vi.waitFor(() => expect(shown(nudge)).toBe(true));
  });

  it("reaches a target inside the app's own open shadow root, added later", async () => {
    document.body.innerHTML = '<div style="height: 3000px"></div>';
    const { shadow } = await start(config);
    expect(shadow.querySelector<HTMLElement>('.nudge')!.hidden).toBe(true);
    const card = document.createElement('app-card');
    card.style.cssText = 'position: absolute; top: 200px; left: 300px';
    card.attachShadow({ mode: 'open' }).innerHTML = '<button id="target" style="width: 120px; height: 40px">Send</button>';
    document.body.append(card);
    const target = card.shadowRoot!.getElementById('target')!;
    await vi.waitFor(() => {
      const nudge = shadow.querySelector('.nudge')!;
      expect(shown(nudge)).toBe(true);
      expectNextTo(nudge, target);
    });
  });

  it('two nudges on neighbouring targets never overlap', async () => {
    document.body.innerHTML =
      '<button id="a" style="position: absolute; top: 300px; left: 300px">A</button><button id="b" style="position: absolute; top: 300px; left: 360px">B</button>';
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div class="nudge"></div><div class="nudge"></div>';
    const [one, two] = [...shadow.querySelectorAll<HTMLElement>('.nudge')];
    for (const n of [one, two]) n.style.cssText = 'position: fixed; top: 0; left: 0; width: 220px; height: 60px; background: #ccc';
    const stops = [anchor(document.getElementById('a')!, one, () => [boxOf(two)]), anchor(document.getElementById('b')!, two, () => [boxOf(one)])];
    cleanups.push(() => stops.forEach((s) => s()));
    // Each re-places once the other has moved (what the placer's `placed` event does for the overlay).
    shadow.dispatchEvent(new Event('placed'));
    await vi.waitFor(() => {
      const [r, t] = [one.getBoundingClientRect(), two.getBoundingClientRect()];
      expect(shown(one) && shown(two)).toBe(true);
      const apart = r.right <= t.left || t.right <= r.left || r.bottom <= t.top || t.bottom <= r.top;
      expect(apart, `${JSON.stringify(r)} / ${JSON.stringify(t)}`).toBe(true);
    });
  });

  it('cleans up: dismissing stops following', async () => {
    const target = place();
    const { shadow } = await start(config);
    await vi.waitFor(() => expect(shadow.querySelector('.nudge button')).not.toBeNull());
    (shadow.querySelector('.nudge button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow.querySelector('.nudge')).toBeNull());
    target.remove();
    window.scrollTo(0, 100);
    // A fixed wait on purpose: what is checked is that nothing happens (no error from a
    // leftover autoUpdate on the removed target), which no condition can signal.
    await new Promise((r) => setTimeout(r, 50));
  });
});

describe('media preferences', () => {
  const rewardsOn: HabitualConfig = {
    locale: 'en',
    // Two toasts on screen together: this is about their animation, not the budget.
    attention: { maxAtOnce: 2 },
    milestones: [
      { id: 'a', title: 'A', event: 'a.done' },
      { id: 'b', title: 'B', event: 'b.done' },
    ],
    widgets: { rewards: { enabled: true } },
  };
  const emulate = (name: string, value: string) => cdp().send('Emulation.setEmulatedMedia', { features: [{ name, value }] });

  it('animates the reward toast only without a reduced-motion preference', async () => {
    const { use, shadow } = await start(rewardsOn);
    await emulate('prefers-reduced-motion', 'reduce');
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
    await use('a.done');
    await vi.waitFor(() => expect(shadow.querySelector('[data-toast="milestone:a"]')).not.toBeNull());
    expect(getComputedStyle(shadow.querySelector('[data-toast="milestone:a"]')!).animationName).toBe('none');

    await emulate('prefers-reduced-motion', 'no-preference');
    await use('b.done');
    await vi.waitFor(() => expect(shadow.querySelector('[data-toast="milestone:b"]')).not.toBeNull());
    await frame();
    const toast = shadow.querySelector('[data-toast="milestone:b"]')!;
    expect(getComputedStyle(toast).animationName).toBe('pop');
    expect(toast.getAnimations().length).toBe(1);
  });

  it('follows prefers-color-scheme, and theme properties override', async () => {
    const { use, shadow } = await start(rewardsOn);
    await use('a.done');
    await vi.waitFor(() => expect(shadow.querySelector('.card')).not.toBeNull());
    const card = shadow.querySelector('.card')!;
    await emulate('prefers-color-scheme', 'light');
    expect(getComputedStyle(card).backgroundColor).toBe('rgb(255, 255, 255)');
    await emulate('prefers-color-scheme', 'dark');
    expect(getComputedStyle(card).backgroundColor).toBe('rgb(29, 32, 41)');
    // The page themes the widgets through inherited custom properties.
    document.documentElement.style.setProperty('--habitual-bg', 'rgb(1, 2, 3)');
    expect(getComputedStyle(card).backgroundColor).toBe('rgb(1, 2, 3)');
    document.documentElement.style.removeProperty('--habitual-bg');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { HabitualConfig } from '@habitual/core';
import { mount } from '../host/mount';
import { coveredControls, crowdedCss, crowdedHtml, focusCovered, interruptiveOnScreen, overlappingSurfaces } from './crowded';
import { allWidgets, yesterday } from './pages';
import { realInstance } from './real-instance';

// Issue 12, "never in the way": every widget on, over a page crowded with buttons, at a
// desktop and a phone size. After each step of a scripted session no control of the page has
// one of our surfaces over its centre, the focused control is never covered, and our
// surfaces do not overlap each other.

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  document.body.innerHTML = '';
  document.head.querySelectorAll('style[data-crowded]').forEach((s) => s.remove());
  window.scrollTo(0, 0);
  history.replaceState(null, '', location.pathname + location.search);
});

const config: HabitualConfig = {
  ...allWidgets,
  widgets: {
    ...allWidgets.widgets,
    nudges: {
      enabled: true,
      items: [
        { feature: 'invoice.sent', target: '#send', text: 'Send it straight from here' },
        { feature: 'customer.created', target: '#later', text: 'Add your customers here' },
      ],
    },
  },
};

async function start(width: number, height: number, startConfig: HabitualConfig = config) {
  await page.viewport(width, height);
  const style = document.createElement('style');
  style.dataset.crowded = '';
  style.textContent = crowdedCss;
  document.head.append(style);
  document.body.innerHTML = crowdedHtml();
  const real = await realInstance({ config: startConfig, days: yesterday });
  const handle = mount(real.instance);
  cleanups.push(handle.unmount);
  const overlay = document.querySelector('habitual-widgets')!.shadowRoot!;
  return { ...real, overlay, $: <T extends HTMLElement>(s: string) => overlay.querySelector<T>(s) };
}

describe.each([
  ['desktop', 1280, 800],
  ['phone', 390, 844],
])('a crowded page on a %s (%ix%i)', (name, width, height) => {
  const phone = name === 'phone';
  // The bottom sheet the user opened on a phone covers the lower part of the page while it is
  // open (it gets out of the way of focus, checked below); everything else never covers.
  const sheet = phone ? ['panel'] : [];

  it('no control of the page is ever under one of our surfaces', async () => {
    const { overlay, use, $ } = await start(width, height);
    const clear = (step: string, allow: string[] = []) =>
      vi.waitFor(() => {
        expect(coveredControls(overlay, allow), step).toEqual([]);
        expect(overlappingSurfaces(overlay), step).toEqual([]);
        expect(focusCovered(overlay), step).toBeNull();
      });

    // 1. First visit: digest, nudge and launcher at once.
    await vi.waitFor(() => expect($('.nudge[data-nudge="invoice.sent"]')?.hidden).toBe(false));
    const launcher = $('.launcher')!;
    await clear('first visit');
    // The launcher is always on screen.
    const l = launcher.getBoundingClientRect();
    expect(l.left >= 0 && l.top >= 0 && l.right <= innerWidth && l.bottom <= innerHeight, 'launcher on screen').toBe(true);
    expect(launcher.checkVisibility({ visibilityProperty: true })).toBe(true);

    // 2. A milestone: a reward toast on top of it all.
    await use('report.viewed');
    await vi.waitFor(() => expect($('[data-toast]')).not.toBeNull());
    await clear('toast');
    // The helper the attention budget's check builds on: what is interruptive and on screen.
    const shown = interruptiveOnScreen(overlay);
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(shown).toBeLessThanOrEqual(overlay.querySelectorAll('[data-habitual-interruptive]').length);

    // 3. Scrolling moves the page's controls under where our surfaces were.
    for (const y of [300, 700, 1200]) {
      window.scrollTo(0, y);
      await clear(`scrolled to ${y}`);
    }
    window.scrollTo(0, 0);

    // 4. Tabbing through the page: the focused control is never covered.
    (document.querySelector('.c-head button') as HTMLElement).focus();
    for (let i = 0; i < 14; i++) {
      await userEvent.tab();
      if (overlay.host.contains(document.activeElement)) break;
      await vi.waitFor(() => expect(focusCovered(overlay)).toBeNull());
    }

    // 5. The user opens the launcher: its panel (a bottom sheet on a phone) and the checklist.
    launcher.click();
    await vi.waitFor(() => expect($('.panel')).not.toBeNull());
    await clear('panel open', sheet);
    const p = $('.panel')!.getBoundingClientRect();
    if (phone) {
      expect(Math.abs(p.width - visualViewport!.width), 'sheet spans the screen').toBeLessThanOrEqual(1);
      expect(Math.abs(p.bottom - visualViewport!.height), 'sheet at the bottom').toBeLessThanOrEqual(1);
    }

    // 6. "Show me" on an item: a nudge by its target, clear of the panel and the page. On a
    // phone the sheet leaves it only the sides next to its target's row: the user asked for
    // it, so it takes the side that covers least (it never takes the sheet's place).
    ($('[data-item=invoice] button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect($('.nudge[data-nudge="checklist:invoice"]')?.checkVisibility({ visibilityProperty: true })).toBe(true));
    await clear('show me', phone ? ['panel', 'nudge'] : []);
    // On a phone the sheet steps aside while the nudge points at the page under it.
    if (phone) expect($('.panel')!.checkVisibility({ visibilityProperty: true })).toBe(false);
    $<HTMLElement>('.nudge[data-nudge="checklist:invoice"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => {
      expect($('.nudge[data-nudge="checklist:invoice"]')).toBeNull();
      expect($('.panel')!.checkVisibility({ visibilityProperty: true })).toBe(true);
      expect(overlay.activeElement?.textContent).toBe('Show me');
    });

    // 7. Focus leaves for a page control the sheet or panel covers: it gets out of the way.
    const under = [...document.querySelectorAll<HTMLElement>('.c-main button')].find((b) => {
      const r = b.getBoundingClientRect();
      return r.top > p.top && r.bottom < p.bottom && r.left > p.left && r.right < p.right;
    });
    if (under) {
      under.focus();
      await vi.waitFor(() => expect(focusCovered(overlay)).toBeNull());
    }

    // 8. Escape closes the panel; the page is clear again.
    $<HTMLElement>('.panel')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect($('.panel')).toBeNull());
    await clear('panel closed');

    // 9. A route change: the app swaps its content; the late nudge target arrives with it.
    history.pushState(null, '', '#/customers');
    document.querySelector('.c-main')!.innerHTML = crowdedHtml(8, ['later', 'send']).match(/<main[^>]*>([\s\S]*)<\/main>/)![1];
    await clear('route change');

    // 10. Pointing at a control: a surface that appears does not land on it.
    const pointed = document.querySelectorAll<HTMLElement>('.c-main button')[3];
    await userEvent.hover(pointed);
    await use('invoice.sent');
    await clear('pointing');

    // The next nudge's target came with the new route: the nudge sits by it.
    const later = document.getElementById('later')!;
    later.scrollIntoView({ block: 'center' });
    await vi.waitFor(() => {
      const nudge = $('.nudge[data-nudge="customer.created"]')!;
      expect(nudge.checkVisibility({ visibilityProperty: true })).toBe(true);
      const [n, t] = [nudge.getBoundingClientRect(), later.getBoundingClientRect()];
      const gaps = [n.top - t.bottom, t.top - n.bottom, n.left - t.right, t.left - n.right];
      expect(
        gaps.some((g) => Math.abs(g - 8) <= 1),
        `gaps ${gaps}`,
      ).toBe(true);
    });
    await clear('late target');

    // 11. The app puts a new control right where the launcher is: the launcher moves.
    const l2 = launcher.getBoundingClientRect();
    document.body.insertAdjacentHTML(
      'beforeend',
      `<button id="chat" style="position: fixed; left: ${l2.left}px; top: ${l2.top}px; width: ${l2.width}px; height: ${l2.height}px">Chat</button>`,
    );
    await clear('a control appears under the launcher');
    expect(launcher.checkVisibility({ visibilityProperty: true })).toBe(true);

    // 12. The window changes size (a phone turned, a window narrowed): everything re-picks.
    await page.viewport(phone ? 844 : 390, phone ? 390 : 844);
    await clear('resized', phone ? [] : ['panel']);
  });

  it('with the default budget, never more interruptive surfaces on screen than attention.maxAtOnce', async () => {
    const budgeted: HabitualConfig = { ...config, attention: undefined };
    const { overlay, use, $, instance } = await start(width, height, budgeted);
    const atMost = (step: string) => expect(interruptiveOnScreen(overlay), step).toBeLessThanOrEqual(1);
    // Digest, nudge and (below) a reward toast all want the screen; one at a time gets it.
    await vi.waitFor(() => expect(interruptiveOnScreen(overlay)).toBe(1));
    atMost('first visit');
    await use('report.viewed');
    await vi.waitFor(() => expect(instance.getState()?.milestones.map((m) => m.id)).toContain('m'));
    atMost('a milestone while a nudge is up (its toast waits)');
    history.pushState(null, '', '#/customers');
    document.querySelector('.c-main')!.innerHTML = crowdedHtml(8, ['later', 'send']).match(/<main[^>]*>([\s\S]*)<\/main>/)![1];
    await use('invoice.sent');
    atMost('route change');
    $('.launcher')!.click();
    await vi.waitFor(() => expect($('.panel')).not.toBeNull());
    atMost('panel open (not interruptive)');
  });
});

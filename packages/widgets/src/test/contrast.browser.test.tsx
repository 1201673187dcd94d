import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import type { HabitualConfig } from '@habitual/core';
import { mount } from '../host/mount';
import { allWidgets, targetsHtml, yesterday } from './pages';
import { realInstance } from './real-instance';

// axe-core's colour-contrast rule over every widget (digest, checklist, records, reminders,
// the milestone toast, the nudge with its help link, the inline custom elements), in light
// and dark schemes, with three accents: the demo's teal, a pale yellow and a dark navy. Text
// on the accent and the accent as text are chosen for 4.5:1 by the host (host/contrast.ts).

const ACCENTS = { teal: '#0f766e', 'pale yellow': '#fde68a', navy: '#1e2a5a' };

const cleanups: Array<() => void> = [];
afterEach(async () => {
  cleanups.splice(0).forEach((c) => c());
  document.body.innerHTML = '';
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

/** axe's colour-contrast violations on the page now, and how many widget texts it checked inside shadow roots. */
async function contrast(): Promise<{ violations: string[]; checked: number }> {
  const results = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'passes'] });
  const violations = results.violations.flatMap((v) => v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`));
  const checked = results.passes.flatMap((p) => p.nodes).filter((n) => Array.isArray(n.target[0])).length;
  return { violations, checked };
}

describe.each(['light', 'dark'])('%s scheme', (scheme) => {
  it.each(Object.entries(ACCENTS))('accent %s (%s): no contrast violation in any widget', async (_, accent) => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
    document.body.innerHTML = `${targetsHtml}<habitual-checklist></habitual-checklist><habitual-records></habitual-records><habitual-digest></habitual-digest>`;
    const config: HabitualConfig = {
      ...allWidgets,
      widgets: {
        ...allWidgets.widgets,
        digest: { enabled: true, link: { text: 'Open reports', href: '/reports' } },
        nudges: { enabled: true, items: [{ feature: 'invoice.sent', target: '#send', text: 'Send it straight from here', href: '/help/send' }] },
        theme: { '--habitual-accent': accent },
      },
    };
    const real = await realInstance({ config, days: { '2025-03-11': { ...yesterday['2025-03-11'], 'customer.created': 1, 'report.viewed': 1 } } });
    const handle = mount(real.instance);
    cleanups.push(handle.unmount);
    const shadow = document.querySelector('habitual-widgets')!.shadowRoot!;
    await expect.poll(() => shadow.querySelector('.digest a') && shadow.querySelector('.nudge a')).not.toBeNull();
    await expect.poll(() => document.querySelector('habitual-records')?.shadowRoot?.querySelector('button')).not.toBeNull();

    const seen: string[] = [];
    const check = async (what: string) => {
      const { violations, checked } = await contrast();
      expect(violations, what).toEqual([]);
      expect(checked, `${what}: texts axe checked inside the widgets`).toBeGreaterThan(5);
      seen.push(what);
    };
    await check('digest, nudge, inline elements');
    shadow.querySelector<HTMLElement>('.launcher')!.click();
    for (const tab of ['checklist', 'records', 'reminders']) {
      await expect.poll(() => shadow.querySelector(`[data-tab=${tab}]`)).not.toBeNull();
      shadow.querySelector<HTMLElement>(`[data-tab=${tab}]`)!.click();
      await expect.poll(() => shadow.querySelector(`[data-tab=${tab}]`)?.getAttribute('aria-selected')).toBe('true');
      await check(`${tab} panel`);
    }
    await real.use('invoice.sent', 1, 1);
    await expect.poll(() => shadow.querySelector('.toast')).not.toBeNull();
    await check('milestone toast');
    expect(seen).toHaveLength(5);
  });
});

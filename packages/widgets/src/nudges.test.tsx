import { afterEach, describe, expect, it } from 'vitest';
import type { HabitualConfig, NudgeItem } from '@habitual/core';
import { pickNudge } from './nudges';
import { safeHref } from './safe-href';
import { engagementState } from './test/fake-instance';
import { mountWidgets, settle } from './test/render';

const items: NudgeItem[] = [
  { feature: 'invoice.sent', target: '#send', text: 'Send it straight from here', href: '/help/send' },
  { funnel: 'import', target: '#import', text: 'Importing from a spreadsheet?' },
];
const config: HabitualConfig = { locale: 'en', widgets: { nudges: { enabled: true, items } } };

let cleanup = () => {};
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('pickNudge', () => {
  it('a feature not adopted yet, else the funnel the user is stuck on', () => {
    expect(pickNudge(items, engagementState(), [])?.key).toBe('invoice.sent');
    const adopted = engagementState({ totals: { 'invoice.sent': { n: 1, value: 1 } } });
    expect(pickNudge(items, adopted, [])).toBeNull();
    expect(pickNudge(items, { ...adopted, stuck: { funnel: 'import', since: '2025-03-01' } }, [])?.key).toBe('import');
    expect(pickNudge(items, engagementState(), ['invoice.sent'])).toBeNull();
    expect(pickNudge(items, null, [])).toBeNull();
  });
});

describe('safeHref', () => {
  it('keeps relative and http(s) links, drops script URLs', () => {
    expect(safeHref('/help/import')).toBe('/help/import');
    expect(safeHref('https://x.test/a')).toBe('https://x.test/a');
    expect(safeHref('help#x')).toBe('help#x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' JavaScript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
  });
});

describe('nudges', () => {
  it('shows one anchored nudge with text and help link; dismissed stays dismissed', async () => {
    document.body.innerHTML = '<button id="send">Send</button><button id="import">Import</button>';
    const stuck = engagementState({ stuck: { funnel: 'import', since: '2025-03-01' } });
    const w = await mountWidgets({ config, state: stuck });
    cleanup = w.handle.unmount;
    expect(w.$$('.nudge')).toHaveLength(1); // at most one on screen
    const nudge = w.$('.nudge')!;
    expect(nudge.hidden).toBe(false);
    expect(nudge.textContent).toContain('Send it straight from here');
    expect(nudge.querySelector('a')!.getAttribute('href')).toBe('/help/send');
    // Autonomous nudges do not steal focus.
    expect(w.root.activeElement).toBeNull();
    (nudge.querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(w.instance.getProfile().widgets.nudges).toEqual(['invoice.sent']);
    // The next one takes its place.
    expect(w.$('.nudge')!.textContent).toContain('Importing from a spreadsheet?');
    w.handle.unmount();

    const again = await mountWidgets({ config, state: engagementState(), widgets: { nudges: ['invoice.sent'] } });
    cleanup = again.handle.unmount;
    expect(again.$('.nudge')).toBeNull();
  });

  it('a "show me" from the checklist takes the one slot', async () => {
    document.body.innerHTML = '<button id="send">Send</button><button id="customer">Add</button>';
    const w = await mountWidgets({
      config: {
        ...config,
        widgets: { ...config.widgets, checklist: { enabled: true, items: [{ id: 'c', label: 'Add a customer', event: 'c', target: '#customer' }] } },
      },
      state: engagementState(),
    });
    cleanup = w.handle.unmount;
    expect(w.$('.nudge')!.dataset.nudge).toBe('invoice.sent');
    w.$('.launcher')!.click();
    await settle();
    (w.$('[data-item=c] button') as HTMLButtonElement).click();
    await settle();
    expect(w.$$('.nudge').map((n) => n.dataset.nudge)).toEqual(['checklist:c']);
  });

  it('waits for its target and ignores an invalid selector', async () => {
    const w = await mountWidgets({
      config: { widgets: { nudges: { enabled: true, items: [{ feature: 'a', target: '#later', text: 'Later' }] } } },
      state: engagementState(),
    });
    cleanup = w.handle.unmount;
    expect(w.$('.nudge')!.hidden).toBe(true);
    document.body.insertAdjacentHTML('beforeend', '<div id="later"></div>');
    await settle();
    expect(w.$('.nudge')!.hidden).toBe(false);
    w.instance.configure({ widgets: { nudges: { enabled: true, items: [{ feature: 'a', target: '##bad[', text: 'Bad' }] } } });
    await settle();
    expect(w.$('.nudge')!.hidden).toBe(true);
  });
});

describe('hostile config strings', () => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  it('stay text in every widget', async () => {
    document.body.innerHTML = '<button id="t">t</button>';
    const w = await mountWidgets(
      {
        config: {
          locale: 'en',
          features: { 'f.x': { label: evil, value: evil } },
          milestones: [{ id: 'm', title: evil }],
          widgets: {
            digest: { enabled: true, link: { text: evil, href: '/x' } },
            checklist: { enabled: true, title: evil, items: [{ id: 'i', label: evil, event: 'e', target: '#t', help: evil }] },
            records: { enabled: true },
            rewards: { enabled: true },
            nudges: { enabled: true, items: [{ feature: 'n', target: '#t', text: evil }] },
          },
        },
        state: engagementState({ totals: { 'f.x': { n: 1, value: 1 } }, milestones: [{ id: 'm', title: evil, day: '2025-03-01' }] }),
        days: [{ v: 1, day: '2025-03-11', tz: 'UTC', rev: 1, activeMs: 0, features: { 'f.x': { n: 1, value: 1 } }, firsts: {} }],
      },
      (instance) => instance.digest(() => [{ label: evil, value: 1 }]),
    );
    cleanup = w.handle.unmount;
    w.instance.emit('milestone', { id: 'm', title: evil, day: '2025-03-01' });
    w.$('.launcher')!.click();
    await settle();
    w.$$('[role=tab]')[1].click();
    await settle();
    expect(w.root.querySelectorAll('img, script')).toHaveLength(0);
    expect(w.text().split(evil).length - 1).toBeGreaterThanOrEqual(6);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, type HabitualConfig, type ShareMessage } from '@habitual/core';
import { clickButton, flushRender, mountWidgets } from '../test/render';

let cleanup = () => {};
afterEach(() => cleanup());

const milestones = (title = 'First invoice sent') => [
  { id: 'first-invoice', title, event: 'invoice.sent' },
  { id: 'other', title: 'Other', event: 'invoice.sent', count: 2 },
];
const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': {} },
  milestones: milestones(),
  widgets: { rewards: { enabled: true, share: ['slack', 'discord'] } },
};

/** Mounts, reaches the first milestone for real, and waits for its toast. */
async function reach(over: Partial<HabitualConfig> = {}, before?: Parameters<typeof mountWidgets>[1]) {
  const w = await mountWidgets({ config: { ...config, ...over } }, before);
  cleanup = w.handle.unmount;
  await w.use('invoice.sent');
  await vi.waitFor(() => expect(w.$('[data-toast="milestone:first-invoice"]')).not.toBeNull());
  return w;
}

/** Shares land here: the collector relay is the network boundary. */
const relay =
  (sent: ShareMessage[], fail = false) =>
  ({ instance }: { instance: Parameters<typeof internalOf>[0] }) => {
    internalOf(instance).share = async (m) => {
      if (fail) throw new Error('503');
      sent.push(m);
    };
  };

describe('reward toast', () => {
  it('appears in a polite live region on a milestone', async () => {
    const w = await mountWidgets({ config });
    cleanup = w.handle.unmount;
    const region = w.$('[role=status]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.children).toHaveLength(0);
    await w.use('invoice.sent');
    await vi.waitFor(() => expect(region.querySelector('[data-toast="milestone:first-invoice"]')!.textContent).toContain('First invoice sent'));
  });

  it('shares through the collector, which words the message: the page sends the milestone and a name the collector takes', async () => {
    const shared: ShareMessage[] = [];
    const w = await reach({}, relay(shared));
    clickButton(w.root, 'Share to Slack');
    clickButton(w.root, 'Share to Discord');
    await vi.waitFor(() => expect(w.text()).toContain('Shared'));
    expect(shared).toEqual([
      { target: 'slack', milestone: 'first-invoice', displayName: undefined },
      { target: 'discord', milestone: 'first-invoice', displayName: undefined },
    ]);
    // Signed in with a name: it goes along; a name the collector would refuse (a link) does not.
    for (const [name, sent] of [
      ['Robin Ek', 'Robin Ek'],
      ['<a href=x>Robin</a>', undefined],
    ] as const) {
      w.instance.identify({ id: 'u_1', traits: { name } });
      await vi.waitFor(() => expect(internalOf(w.instance).user()?.traits?.name).toBe(name));
      clickButton(w.root, 'Share to Slack');
      await vi.waitFor(() => expect(shared.at(-1)).toEqual({ target: 'slack', milestone: 'first-invoice', displayName: sent }));
      shared.length = 0;
    }
  });

  it('says so when sharing fails', async () => {
    const w = await reach({}, relay([], true));
    clickButton(w.root, 'Share to Slack');
    await vi.waitFor(() => expect(w.text()).toContain('Could not share. Try again later.'));
  });

  it('copies plain text', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const w = await reach();
    clickButton(w.root, 'Copy text');
    await vi.waitFor(() => expect(w.text()).toContain('Copied'));
    expect(writeText).toHaveBeenCalledWith('🎉 Milestone reached: First invoice sent\nMarch 12, 2025');
  });

  it('offers only the configured share targets, and none when rewards are off', async () => {
    const w = await reach({ widgets: { rewards: { enabled: true, share: ['discord'] } } });
    expect(w.$$('[data-share]').map((b) => b.dataset.share)).toEqual(['discord']);
    w.instance.configure({ ...config, widgets: { rewards: { enabled: false } } });
    await flushRender();
    await w.use('invoice.sent');
    await flushRender();
    expect(w.instance.getState()!.milestones.map((m) => m.id)).toContain('other');
    expect(w.$('[data-toast="milestone:other"]')).toBeNull();
  });

  it('closes with its button and keeps a hostile title as text', async () => {
    const w = await reach({ milestones: milestones('<img src=x onerror=alert(1)>') });
    expect(w.root.querySelector('img')).toBeNull();
    expect(w.text()).toContain('<img src=x onerror=alert(1)>');
    (w.$('[data-toast] button[aria-label=Close]') as HTMLButtonElement).click();
    await flushRender();
    expect(w.$('[data-toast]')).toBeNull();
  });
});

describe('a celebration the budget held back', () => {
  it('is owed across a reload, shows on a later page load, and is then settled', async () => {
    const quiet = { ...config, attention: { perDay: 0 } };
    const first = await mountWidgets({ config: quiet });
    await first.use('invoice.sent');
    const saved = () => internalOf(first.instance).profile()?.widgets.rewards as { owed?: Array<{ id: string }> } | undefined;
    await vi.waitFor(() => expect(saved()?.owed?.map((m) => m.id)).toEqual(['first-invoice']));
    await flushRender();
    expect(first.$('[data-toast]')).toBeNull();
    first.handle.unmount();

    // The next page load: the milestone is not reached again, yet its toast comes.
    const next = await mountWidgets({ config, widgets: { rewards: saved() } });
    cleanup = next.handle.unmount;
    await vi.waitFor(() => expect(next.$('[data-toast="milestone:first-invoice"]')?.textContent).toContain('First invoice sent'));
    await vi.waitFor(() => expect(internalOf(next.instance).profile()?.widgets.rewards).toEqual({ owed: [] }));
    next.handle.unmount();

    // A day late it is stale: dropped, never shown (the day's slot goes to what matters today).
    const late = await mountWidgets({ config, now: Date.parse('2025-03-13T12:00:00Z'), widgets: { rewards: { owed: saved()!.owed } } });
    cleanup = late.handle.unmount;
    await vi.waitFor(() => expect(internalOf(late.instance).profile()?.widgets.rewards).toEqual({ owed: [] }));
    expect(late.$('[data-toast]')).toBeNull();
  });
});

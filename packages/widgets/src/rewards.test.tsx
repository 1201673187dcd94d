import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { discordPayload, slackPayload } from './share';
import { engagementState } from './test/fake-instance';
import { clickButton, mountWidgets, settle } from './test/render';

const config: HabitualConfig = { locale: 'en', widgets: { rewards: { enabled: true, share: ['slack', 'discord'] } } };
const milestone = { id: 'first-invoice', title: 'First invoice sent', day: '2025-03-12' };

let cleanup = () => {};
afterEach(() => cleanup());

describe('share payloads', () => {
  it('Slack: Block Kit with mrkdwn control characters escaped', () => {
    const p = slackPayload('Reached <!channel> & <https://evil|click>', 'March 12, 2025');
    expect(p.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ':tada: *Reached &lt;!channel&gt; &amp; &lt;https://evil|click&gt;*' },
    });
    expect(p.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'March 12, 2025' }] });
    expect(p.text).not.toContain('<');
  });
  it('Discord: one embed, mentions never ping', () => {
    const p = discordPayload('@everyone look', 'March 12, 2025');
    expect(p.allowed_mentions).toEqual({ parse: [] });
    expect(p.embeds).toEqual([{ title: '🎉 @everyone look', description: 'March 12, 2025', color: 0x4f46e5 }]);
    expect(discordPayload('x'.repeat(300), '').embeds[0].title).toHaveLength(256);
  });
});

describe('reward toast', () => {
  it('appears in a polite live region on a milestone', async () => {
    const w = await mountWidgets({ config, state: engagementState() });
    cleanup = w.handle.unmount;
    const region = w.$('[role=status]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.children).toHaveLength(0);
    w.instance.emit('milestone', milestone);
    await settle();
    expect(region.querySelector('[data-toast="milestone:first-invoice"]')!.textContent).toContain('First invoice sent');
  });

  it('shares through the collector as Slack and Discord payloads', async () => {
    const w = await mountWidgets({ config });
    cleanup = w.handle.unmount;
    w.instance.emit('milestone', milestone);
    await settle();
    clickButton(w.root, 'Share to Slack');
    clickButton(w.root, 'Share to Discord');
    await settle();
    expect(w.instance.shared.map((s) => [s.target, s.milestone])).toEqual([
      ['slack', 'first-invoice'],
      ['discord', 'first-invoice'],
    ]);
    expect(JSON.stringify(w.instance.shared[0].payload)).toContain('Milestone reached: First invoice sent');
    expect(JSON.stringify(w.instance.shared[0].payload)).toContain('March 12, 2025');
    expect(w.text()).toContain('Shared');
  });

  it('says so when sharing fails', async () => {
    const w = await mountWidgets({ config }, (instance) => {
      instance.share = () => Promise.reject(new Error('503'));
    });
    cleanup = w.handle.unmount;
    w.instance.emit('milestone', milestone);
    await settle();
    clickButton(w.root, 'Share to Slack');
    await settle();
    expect(w.text()).toContain('Could not share. Try again later.');
  });

  it('copies plain text', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const w = await mountWidgets({ config });
    cleanup = w.handle.unmount;
    w.instance.emit('milestone', milestone);
    await settle();
    clickButton(w.root, 'Copy text');
    await settle();
    expect(writeText).toHaveBeenCalledWith('🎉 Milestone reached: First invoice sent\nMarch 12, 2025');
    expect(w.text()).toContain('Copied');
  });

  it('offers only the configured share targets, and none when rewards are off', async () => {
    const w = await mountWidgets({ config: { widgets: { rewards: { enabled: true, share: ['discord'] } } } });
    cleanup = w.handle.unmount;
    w.instance.emit('milestone', milestone);
    await settle();
    expect(w.$$('[data-share]').map((b) => b.dataset.share)).toEqual(['discord']);
    w.instance.configure({ widgets: { rewards: { enabled: false } } });
    await settle();
    w.instance.emit('milestone', { ...milestone, id: 'other' });
    await settle();
    expect(w.$('[data-toast="milestone:other"]')).toBeNull();
  });

  it('closes with its button and keeps a hostile title as text', async () => {
    const w = await mountWidgets({ config });
    cleanup = w.handle.unmount;
    w.instance.emit('milestone', { ...milestone, title: '<img src=x onerror=alert(1)>' });
    await settle();
    expect(w.root.querySelector('img')).toBeNull();
    expect(w.text()).toContain('<img src=x onerror=alert(1)>');
    (w.$('[data-toast] button[aria-label=Close]') as HTMLButtonElement).click();
    await settle();
    expect(w.$('[data-toast]')).toBeNull();
  });
});

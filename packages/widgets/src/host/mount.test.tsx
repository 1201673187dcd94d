import { afterEach, describe, expect, it } from 'vitest';
import type { HabitualConfig, InitOptions } from '@habitual/core';
import { internalOf } from '@habitual/core';
import { vi } from 'vitest';
import { realInstance } from '../test/real-instance';
import { flushRender, mountWidgets } from '../test/render';
import { mount } from './mount';

let cleanup = () => {};
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const all: HabitualConfig = {
  locale: 'en',
  // Room for every interruptive widget at once: these tests are about mounting, not the budget.
  attention: { maxAtOnce: 4, perDay: 4 },
  features: { 'invoice.sent': { value: 'invoices' }, 'customer.created': {}, 'report.viewed': {} },
  widgets: {
    digest: { enabled: true },
    checklist: { enabled: true, items: [{ id: 'a', label: 'Add a customer', event: 'customer.created' }] },
    rewards: { enabled: true },
    records: { enabled: true },
    reminders: { enabled: true },
    nudges: { enabled: true, items: [{ feature: 'report.viewed', target: '#send', text: 'See your reports' }] },
  },
};
// An invoice sent yesterday: the digest has a yesterday to show.
const yesterday = { '2025-03-11': { 'invoice.sent': 1 } };

describe('mount', () => {
  it('renders into one open shadow root with a constructed stylesheet', async () => {
    const w = await mountWidgets({ config: all });
    cleanup = w.handle.unmount;
    expect(document.querySelectorAll('habitual-widgets')).toHaveLength(1);
    expect(w.host.shadowRoot!.mode).toBe('open');
    expect(w.root.adoptedStyleSheets).toHaveLength(1);
    expect(w.root.querySelector('style')).toBeNull();
    // Nothing of ours in the page's light DOM besides the host.
    expect(w.host.children).toHaveLength(0);
  });

  it('unmount removes the host and every listener', async () => {
    const real = await realInstance({ config: all });
    const on = vi.spyOn(real.instance, 'on');
    const offs: Array<ReturnType<typeof vi.fn>> = [];
    on.mockImplementation((event, fn) => {
      const off = vi.fn(on.getMockImplementation() === undefined ? () => {} : () => {});
      offs.push(off);
      void event;
      void fn;
      return off;
    });
    const handle = mount(real.instance);
    await flushRender();
    expect(offs.length).toBeGreaterThanOrEqual(3); // config, state, milestone
    handle.unmount();
    expect(document.querySelector('habitual-widgets')).toBeNull();
    for (const off of offs) expect(off).toHaveBeenCalledTimes(1);
  });

  it('mounts into a given root', async () => {
    const root = document.createElement('section');
    document.body.append(root);
    const handle = mount((await realInstance({ config: all })).instance, { root });
    cleanup = handle.unmount;
    expect(root.querySelector('habitual-widgets')).not.toBeNull();
  });

  it('shows replaced messages from init({ messages }), as the SDK passes them', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    // Typed as the SDK's option, so this only compiles while mount() accepts that shape.
    const messages: InitOptions['messages'] = {
      en: { checklist: 'Start here', showMe: 'Take me there', itemsDone: 7 as unknown as string, 'no.such.key': 'x' },
      de: { showMe: 'Zeig mir' },
      fi: { showMe: 'Vie minut' },
    };
    const { instance } = await realInstance({
      config: { locale: 'en', widgets: { checklist: { enabled: true, items: [{ id: 'a', label: 'Send one', event: 'invoice.sent', target: '#send' }] } } },
      options: { messages },
    });
    cleanup = mount(instance, { messages: internalOf(instance).options().messages }).unmount;
    await flushRender();
    const root = document.querySelector('habitual-widgets')!.shadowRoot!;
    expect(root.querySelector('.launcher')!.textContent).toBe('Start here 0/1');
    (root.querySelector('.launcher') as HTMLElement).click();
    await flushRender();
    expect(root.querySelector('[data-item=a] button')!.textContent).toBe('Take me there');
    // A value that is not a message falls back to the built-in one.
    expect(root.textContent).toContain('0 of 1 done');
    instance.configure({ ...internalOf(instance).config(), locale: 'fi' });
    await vi.waitFor(() => expect(root.querySelector('[data-item=a] button')!.textContent).toBe('Vie minut'));
  });

  it('config toggles mount and unmount widgets without a reload', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    const w = await mountWidgets({ config: { locale: 'en', widgets: {} }, days: yesterday });
    cleanup = w.handle.unmount;
    expect(w.root.querySelector('.launcher, .digest, .nudge')).toBeNull();

    w.instance.configure(all);
    await vi.waitFor(() => expect(w.$('.digest')).not.toBeNull());
    expect(w.$('.launcher')).not.toBeNull();
    expect(w.$('.nudge')).not.toBeNull();

    w.instance.configure({ ...all, widgets: { ...all.widgets, digest: { enabled: false }, nudges: { enabled: false }, rewards: { enabled: false } } });
    await vi.waitFor(() => expect(w.$('.digest')).toBeNull());
    expect(w.$('.nudge')).toBeNull();
    expect(w.$('.launcher')).not.toBeNull();

    w.instance.configure({ locale: 'en', widgets: { checklist: { enabled: false } } });
    await vi.waitFor(() => expect(w.$('.launcher')).toBeNull());
  });

  it('applies theme custom properties from config, and only those', async () => {
    const w = await mountWidgets({
      config: { widgets: { theme: { '--habitual-accent': 'hotpink', '--habitual-radius': '2px', color: 'red' } } },
    });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.host.style.getPropertyValue('--habitual-accent')).toBe('hotpink'));
    expect(w.host.style.getPropertyValue('--habitual-radius')).toBe('2px');
    expect(w.host.style.getPropertyValue('color')).toBe('');
    w.instance.configure({ widgets: { theme: { '--habitual-accent': 'teal' } } });
    await vi.waitFor(() => expect(w.host.style.getPropertyValue('--habitual-accent')).toBe('teal'));
    expect(w.host.style.getPropertyValue('--habitual-radius')).toBe('');
  });

  it('the stylesheet themes through custom properties with light and dark defaults', async () => {
    const { css } = await import('./styles');
    expect(css).toContain('var(--habitual-accent,');
    expect(css).toMatch(/@media \(prefers-color-scheme:dark\)\{:host\{--a:var\(--habitual-accent/);
    expect(css).toMatch(/@media \(prefers-reduced-motion:no-preference\)\{\.toast\{animation/);
  });
});

describe('custom elements', () => {
  it('render inline into their own shadow roots with the mounted instance', async () => {
    const w = await mountWidgets({
      config: {
        locale: 'en',
        features: { 'invoice.sent': { label: 'Send an invoice', value: 'invoices' }, 'customer.created': {} },
        widgets: { checklist: { enabled: false, items: [{ id: 'a', label: 'Add a customer', event: 'customer.created' }] } },
      },
      days: { '2025-03-11': { 'invoice.sent': [3, 3] } },
    });
    cleanup = w.handle.unmount;
    document.body.insertAdjacentHTML(
      'beforeend',
      '<habitual-checklist></habitual-checklist><habitual-records></habitual-records><habitual-digest></habitual-digest>',
    );
    const score = () => String(Math.round(w.instance.getState()!.score));
    const shadow = (name: string) => document.querySelector(name)!.shadowRoot!;
    await vi.waitFor(() => expect(shadow('habitual-digest').textContent).toContain('3 invoices'));
    expect(shadow('habitual-checklist').textContent).toContain('Add a customer');
    expect(shadow('habitual-checklist').adoptedStyleSheets).toHaveLength(1);
    expect(shadow('habitual-records').querySelector('[data-score]')!.textContent).toBe(score());

    const before = score();
    await w.use('invoice.sent', 3, 3);
    expect(score()).not.toBe(before);
    await vi.waitFor(() => expect(shadow('habitual-records').querySelector('[data-score]')!.textContent).toBe(score()));

    w.handle.unmount();
    cleanup = () => {};
    expect(shadow('habitual-records').textContent).toBe('');
  });

  it('are registered once, even over several mounts', async () => {
    const a = mount((await realInstance()).instance);
    a.unmount();
    const b = mount((await realInstance()).instance);
    cleanup = b.unmount;
    expect(customElements.get('habitual-checklist')).toBeTypeOf('function');
    expect(customElements.get('habitual-records')).toBeTypeOf('function');
    expect(customElements.get('habitual-digest')).toBeTypeOf('function');
  });
});

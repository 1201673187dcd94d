import { afterEach, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { mount } from '../host/mount';
import { realInstance } from './real-instance';

// Keyboard only, real focus in Chromium: Tab into the shadow root, open, "show me", close.

afterEach(() => {
  document.body.innerHTML = '';
});

it('walks through the checklist with the keyboard alone', async () => {
  document.body.innerHTML = '<button id="before">Before</button><button id="new-customer" style="margin: 200px">New customer</button>';
  const { instance, use } = await realInstance({
    config: {
      locale: 'en',
      widgets: {
        checklist: {
          enabled: true,
          items: [
            { id: 'customer', label: 'Add your first customer', event: 'customer.created', target: '#new-customer', help: 'Start here' },
            { id: 'invoice', label: 'Send an invoice', event: 'invoice.sent' },
          ],
        },
      },
    },
  });
  const handle = mount(instance);
  await handle.ready;
  const shadow = document.querySelector('habitual-widgets')!.shadowRoot!;
  const launcher = shadow.querySelector('.launcher') as HTMLElement;
  const active = () => shadow.activeElement;

  document.getElementById('before')!.focus();
  for (let i = 0; i < 5 && active() !== launcher; i++) await userEvent.tab();
  expect(active()).toBe(launcher);
  // Visible focus ring from :focus-visible.
  expect(getComputedStyle(launcher).outlineStyle).toBe('solid');
  expect(getComputedStyle(launcher).outlineWidth).toBe('2px');

  await userEvent.keyboard('{Enter}');
  await vi.waitFor(() => expect(shadow.querySelector('.panel')).not.toBeNull());
  const panel = shadow.querySelector('.panel') as HTMLElement;
  expect(launcher.getAttribute('aria-expanded')).toBe('true');
  expect(active()).toBe(panel);

  await userEvent.tab(); // the close button
  expect(active()!.getAttribute('aria-label')).toBe('Close');
  await userEvent.tab(); // "Show me" on the first open item
  const showMe = active() as HTMLElement;
  expect(showMe.textContent).toBe('Show me');
  expect(showMe.closest('li')!.dataset.item).toBe('customer');

  await userEvent.keyboard('{Enter}');
  await vi.waitFor(() => expect(shadow.querySelector<HTMLElement>('.nudge')?.hidden).toBe(false));
  const nudge = shadow.querySelector('.nudge') as HTMLElement;
  expect(nudge.hidden).toBe(false);
  expect(nudge.textContent).toContain('Start here');
  expect(nudge.contains(active())).toBe(true);
  const target = document.getElementById('new-customer')!.getBoundingClientRect();
  expect(Math.abs(nudge.getBoundingClientRect().top - (target.bottom + 8))).toBeLessThanOrEqual(1);

  await userEvent.keyboard('{Escape}');
  await vi.waitFor(() => expect(shadow.querySelector('.nudge')).toBeNull());
  expect(active()).toBe(showMe);

  // The item completes while the panel is open; the list updates in place.
  await use('customer.created');
  await vi.waitFor(() => expect(shadow.querySelector('[data-item=customer]')!.classList.contains('ok')).toBe(true));
  expect(launcher.textContent).toBe('Get set up 1/2');
  // Its "show me" button went away with focus on it: focus moves to the panel, not the page.
  expect(active()).toBe(panel);

  await userEvent.keyboard('{Escape}');
  await vi.waitFor(() => expect(shadow.querySelector('.panel')).toBeNull());
  expect(launcher.getAttribute('aria-expanded')).toBe('false');
  expect(active()).toBe(launcher);
  handle.unmount();
});

import { afterEach, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { mount } from '../host/mount';
import { allWidgets, targetsHtml, yesterday } from './pages';
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
  await vi.waitFor(() => expect(active()).toBe(showMe));

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

it("tab stops: the page's first, ours after them, the launcher last; nothing we raise takes focus", async () => {
  document.body.innerHTML = `${targetsHtml}<input id="field">`;
  const field = document.getElementById('field') as HTMLInputElement;
  field.focus();
  const { instance, use } = await realInstance({ config: allWidgets, days: yesterday });
  const handle = mount(instance);
  await handle.ready; // the rewards view listens for milestones once its chunk is here
  const host = document.querySelector('habitual-widgets')!;
  const shadow = host.shadowRoot!;
  // The app renders more content after the widgets mounted: the widgets' host moves after it.
  document.body.insertAdjacentHTML('beforeend', '<footer><button id="late">Late</button></footer>');
  await vi.waitFor(() => expect(document.body.lastElementChild).toBe(host));
  expect(host.matches(':popover-open')).toBe(true);
  // A digest, a nudge and a reward toast arrive while the user types: focus stays in the field.
  await use('report.viewed');
  await vi.waitFor(() => expect(shadow.querySelector('[data-toast]') && shadow.querySelector('.digest')).not.toBeNull());
  await vi.waitFor(() => expect(shadow.querySelector<HTMLElement>('.nudge')?.hidden).toBe(false));
  expect(document.activeElement).toBe(field);

  // Tab from the top of the page: every stop of the page comes before any of ours.
  document.getElementById('new-customer')!.focus();
  const order: string[] = [];
  for (let i = 0; i < 20; i++) {
    await userEvent.tab();
    const el = shadow.activeElement ?? document.activeElement;
    if (!el || el === document.body || order.includes(el.id || el.className + el.textContent)) break;
    order.push(shadow.activeElement ? `ours:${el.className || el.textContent}` : `page:${el.id}`);
  }
  const firstOurs = order.findIndex((s) => s.startsWith('ours:'));
  expect(order.slice(0, firstOurs)).toEqual(['page:send', 'page:field', 'page:late']);
  expect(order.slice(firstOurs).every((s) => s.startsWith('ours:'))).toBe(true);
  expect(order.at(-1)).toMatch(/^ours:launcher/);
  handle.unmount();
});

import axe from 'axe-core';
import { afterEach, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { internalOf, type HabitualConfig } from '@habitual/core';
import { mount } from '../host/mount';
import { realInstance } from '../test/real-instance';

// The journal in real Chromium: keyboard only, axe-core over the panel and the inline element
// (with a confirmation open), and the month in review drawn on a real canvas into a real PNG.

const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': { key: true, value: 'invoices' } },
  milestones: [{ id: 'first', title: 'First invoice sent', event: 'invoice.sent' }],
  widgets: { journal: { enabled: true, share: ['slack', 'discord'] } },
};
const days = { '2025-03-03': { 'invoice.sent': [2, 5] as [number, number] }, '2025-03-10': { 'invoice.sent': 1 } };

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

async function open(init: Parameters<typeof realInstance>[0] = {}, before?: (host: ReturnType<typeof internalOf>) => void) {
  document.body.innerHTML = '<button id="before">Before</button><main><habitual-journal></habitual-journal></main>';
  const real = await realInstance({ config, days, ...init });
  before?.(internalOf(real.instance));
  const handle = mount(real.instance);
  cleanups.push(handle.unmount);
  await handle.ready;
  const shadow = document.querySelector('habitual-widgets')!.shadowRoot!;
  return { ...real, shadow, launcher: shadow.querySelector<HTMLElement>('.launcher')! };
}

/** axe-core's violations (every WCAG A/AA rule) inside the widgets' shadow roots. */
async function violations(): Promise<string[]> {
  const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  return results.violations
    .filter((v) => v.id !== 'region' && v.id !== 'page-has-heading-one' && v.id !== 'landmark-one-main')
    .flatMap((v) => v.nodes.map((n) => `${v.id} ${JSON.stringify(n.target)}: ${n.failureSummary}`));
}

it('writes, saves and deletes a note with the keyboard alone', async () => {
  const { shadow, launcher, instance } = await open();
  const active = () => shadow.activeElement;
  document.getElementById('before')!.focus();
  for (let i = 0; i < 40 && active() !== launcher; i++) await userEvent.tab();
  expect(active()).toBe(launcher);
  await userEvent.keyboard('{Enter}');
  await expect.poll(() => shadow.querySelector('textarea')).not.toBeNull();
  for (let i = 0; i < 10 && active()?.localName !== 'textarea'; i++) await userEvent.tab();
  expect(active()!.closest('label')!.textContent).toBe('Note for Mar 12, 2025');
  await userEvent.keyboard('Closed the month');
  await userEvent.tab();
  expect(active()!.textContent).toBe('Save');
  await userEvent.keyboard('{Enter}');
  await expect
    .poll(async () => ((await instance.exportData()).profile.widgets.journal as { notes: Record<string, { text: string }> })?.notes['2025-03-12']?.text)
    .toBe('Closed the month');
  await userEvent.tab();
  expect(active()!.textContent).toBe('Delete note');
  await userEvent.keyboard('{Enter}');
  await expect.poll(() => active()?.textContent).toBe('Cancel');
  await userEvent.keyboard('{Escape}');
  // Escape closes the launcher's panel; focus goes back to the launcher.
  await expect.poll(() => active()).toBe(launcher);
});

it('has no axe violations in the panel and inline, with notes, a confirmation and the month in review', async () => {
  // A signed-in user of an account with team notes on: the team's list shows too (the collector faked at fetch).
  vi.spyOn(window, 'fetch').mockImplementation(
    async () => new Response(JSON.stringify({ notes: [{ day: '2025-03-11', text: 'Closed the books', name: 'Sam' }] })),
  );
  const notes = { '2025-03-12': { text: 'today', at: 1, shared: true }, '2025-03-10': { text: 'Monday', at: 1 } };
  const { shadow, launcher } = await open(
    { config: { ...config, widgets: { journal: { enabled: true, team: true, share: ['slack'] } } }, widgets: { journal: { notes } } },
    (host) => {
      const options = host.options();
      host.options = () => ({ ...options, endpoint: 'https://collector.test' });
      host.user = () => ({ id: 'u_1', accountId: 'acme', hash: 'a'.repeat(64) });
    },
  );
  launcher.click();
  await expect.poll(() => shadow.querySelector('[data-review] [data-totals] li')).not.toBeNull();
  await expect.poll(() => shadow.querySelector('[data-team] li')?.textContent).toContain('Closed the books');
  expect(shadow.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked).toBe(true);
  const inline = () => document.querySelector('habitual-journal')?.shadowRoot?.querySelector('[data-review]');
  await expect.poll(inline).not.toBeNull();
  [...shadow.querySelectorAll('button')].find((b) => b.textContent === 'Delete note')!.click();
  await expect.poll(() => shadow.querySelector('[role=alertdialog]')).not.toBeNull();
  expect(await violations()).toEqual([]);
});

it('downloads the month in review as a real PNG, drawn on a canvas', async () => {
  const { shadow, launcher, instance } = await open();
  const saved: Array<{ name: string; href: string }> = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  });
  launcher.click();
  await expect
    .poll(() => [...shadow.querySelectorAll('[data-totals] li')].map((li) => li.textContent))
    .toEqual(['2 active days', '6 invoices', '1 milestone reached', 'First invoice sent']);
  [...shadow.querySelectorAll('button')].find((b) => b.textContent === 'Download image')!.click();
  await expect.poll(() => saved.length).toBe(1);
  expect(saved[0].name).toBe('habitual-2025-03.png');
  const bytes = new Uint8Array(await (await fetch(saved[0].href)).arrayBuffer());
  // The PNG signature, then the IHDR chunk: 720 wide, and tall enough for the calendar and the lines.
  expect([...bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer);
  expect(String.fromCharCode(...bytes.slice(12, 16))).toBe('IHDR');
  expect(view.getUint32(16)).toBe(720);
  expect(view.getUint32(20)).toBeGreaterThan(200);
  // It decodes as an image, and the calendar's accent cells were painted.
  const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  expect([img.width, img.height]).toEqual([720, view.getUint32(20)]);
  const days = await instance.exportData();
  expect(days.days.find((d) => d.day === '2025-03-12')?.features['hb:journal.image.downloaded']).toEqual({ n: 1, value: 0 });
});

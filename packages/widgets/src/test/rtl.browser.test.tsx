import { afterEach, expect, it } from 'vitest';
import type { Locale } from '@habitual/core';
import { mount } from '../host/mount';
import { realInstance } from './real-instance';

// Arabic renders mirrored in real layout: the shell sets dir="rtl", so rows, text and the
// digest's header run right to left, while English runs left to right.

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function digestIn(locale: Locale) {
  const real = await realInstance({
    config: { locale, features: { 'invoice.sent': { key: true, value: { en: 'invoices', ar: 'فواتير' } } }, widgets: { digest: { enabled: true } } },
    days: { '2025-03-11': { 'invoice.sent': [4, 4] } },
  });
  const handle = mount(real.instance);
  cleanups.push(handle.unmount);
  const shadow = document.querySelector('habitual-widgets')!.shadowRoot!;
  await expect.poll(() => shadow.querySelector('.digest h2')).not.toBeNull();
  const card = shadow.querySelector<HTMLElement>('.digest')!;
  return { shadow, card, title: card.querySelector('h2')!.getBoundingClientRect(), close: card.querySelector('button.x')!.getBoundingClientRect() };
}

it('Arabic is laid out right to left: the title on the right, the close button on the left', async () => {
  const { shadow, card, title, close } = await digestIn('ar');
  const root = shadow.querySelector<HTMLElement>('[lang]')!;
  expect(root.getAttribute('lang')).toBe('ar');
  expect(root.getAttribute('dir')).toBe('rtl');
  expect(getComputedStyle(card).direction).toBe('rtl');
  expect(card.querySelector('h2')!.textContent).toBe('يومك في لمحة');
  expect(title.left).toBeGreaterThan(close.right);
  // Text starts at the right edge of the card.
  const cardBox = card.getBoundingClientRect();
  expect(cardBox.right - title.right).toBeLessThan(title.left - cardBox.left);
});

it('English, the control: left to right', async () => {
  const { card, title, close } = await digestIn('en');
  expect(getComputedStyle(card).direction).toBe('ltr');
  expect(title.right).toBeLessThan(close.left);
});

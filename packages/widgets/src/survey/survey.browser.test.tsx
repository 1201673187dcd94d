import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { internalOf } from '@habitual/core';
import { mount } from '../host/mount';
import { realInstance } from '../test/real-instance';

// The survey in real Chromium: axe-core finds no serious or critical violation in its forms
// (light and dark), and the keyboard alone answers one: focus in, arrows pick, Tab to Send,
// Escape closes and gives focus back to the Cancel button that opened it.

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  document.body.innerHTML = '';
});

async function open(form: string) {
  document.body.innerHTML = `<main><h1>Settings</h1><button id="cancel" data-habitual-survey="${form}">Cancel subscription</button></main>`;
  const real = await realInstance({ config: { locale: 'en', widgets: { survey: { enabled: true } } } });
  internalOf(real.instance).respond = async () => {};
  const handle = mount(real.instance);
  cleanups.push(handle.unmount);
  await handle.ready;
  const shadow = document.querySelector('habitual-widgets')!.shadowRoot!;
  const button = document.getElementById('cancel')!;
  button.focus();
  button.click();
  await expect.poll(() => shadow.querySelector(`[data-survey=${form}]`)).not.toBeNull();
  return { shadow, button, real };
}

async function serious(): Promise<string[]> {
  const results = await axe.run(document, { resultTypes: ['violations'] });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

describe('survey in Chromium', () => {
  for (const form of ['exit', 'nps', 'csat']) {
    it(`the ${form} form has no serious axe-core violation`, async () => {
      await open(form);
      expect(await serious()).toEqual([]);
    });
  }

  it('is answered with the keyboard alone; Escape then closes it and focus goes back to the opener', async () => {
    const { shadow, button, real } = await open('exit');
    // Focus is in: the first reason.
    expect((shadow.activeElement as HTMLInputElement).value).toBe('price');
    await userEvent.keyboard('{ArrowDown}');
    expect((shadow.activeElement as HTMLInputElement).value).toBe('missing');
    await userEvent.keyboard('{Tab}');
    expect(shadow.activeElement?.tagName).toBe('TEXTAREA');
    await userEvent.keyboard('No recurring invoices');
    await userEvent.keyboard('{Tab}{Space}{Tab}{Enter}');
    await expect.poll(() => shadow.querySelector('[data-survey=exit]')?.textContent).toContain('Thank you for your answer.');
    const kept = internalOf(real.instance).profile()!.widgets.survey as { answers: Array<Record<string, unknown>> };
    expect(kept.answers[0]).toMatchObject({ choice: 'missing', comment: 'No recurring invoices', share: true });
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => shadow.querySelector('[data-survey]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});

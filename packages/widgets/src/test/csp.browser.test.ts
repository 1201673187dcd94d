import { afterEach, expect, it } from 'vitest';
import { until } from '../../../../test/browser/until';

// A real page served with `Content-Security-Policy: default-src 'self'` (the test server's
// fixture route sets the header) runs the widgets from an external same-origin module.
// Styles come from constructed stylesheets and CSSOM writes, which that policy allows; a
// <style> element or a style attribute would be blocked and reported.

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((f) => f.remove()));

type CspWindow = Window & { __violations: string[]; __mounted?: boolean; __error?: string };

it('shows every widget under a strict CSP with no violation', async () => {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '800px';
  // Any fixture page works; its own inline scripts are blocked before our module runs.
  frame.src = '/fixtures/tracker.html?csp=strict';
  const loaded = new Promise((r) => (frame.onload = r));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as CspWindow;
  const script = doc.createElement('script');
  script.type = 'module';
  script.src = new URL('./csp-page.ts', import.meta.url).pathname;
  script.onerror = () => (win.__error = `could not load ${script.src}`);
  doc.head.append(script);
  await until(() => win.__mounted || win.__error, 'the widgets to mount');
  expect(win.__error).toBeUndefined();

  const shadow = doc.querySelector('habitual-widgets')!.shadowRoot!;
  expect(shadow.adoptedStyleSheets.length).toBe(1);
  const launcher = shadow.querySelector('.launcher') as HTMLElement;
  // The stylesheet applied (fixed in the corner) and the theme's CSSOM write too.
  expect(win.getComputedStyle(launcher).position).toBe('fixed');
  expect(win.getComputedStyle(launcher).backgroundColor).toBe('rgb(0, 128, 0)');
  expect(shadow.querySelector('.digest')!.getBoundingClientRect().width).toBeGreaterThan(200);
  expect(shadow.querySelector('[data-toast="milestone:m"]')).not.toBeNull();
  expect(shadow.querySelector('.nudge')!.getBoundingClientRect().width).toBeGreaterThan(50);
  launcher.click();
  await until(() => shadow.querySelector('.panel .bar i'), 'the checklist panel');
  expect((shadow.querySelector('.bar i') as HTMLElement).getBoundingClientRect().width).toBe(0);
  const inline = doc.querySelector('habitual-checklist')!.shadowRoot!;
  expect(win.getComputedStyle(inline.querySelector('.bar')!).height).toBe('6px');
  expect(win.__violations).toEqual([]);

  // Control: the policy is live, so a <style> element is reported.
  const style = doc.createElement('style');
  style.textContent = 'p{color:red}';
  doc.head.append(style);
  await until(() => win.__violations.length > 0, 'the control violation');
  expect(win.__violations[0]).toMatch(/^style-src-elem inline/);
});

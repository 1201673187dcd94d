import { afterEach, expect, it } from 'vitest';
import { until } from './until';

// The built bundles under `Content-Security-Policy: default-src 'self'`, embedded the way a
// strict-CSP customer must: snippet and init() in a same-origin file (fixtures/csp-init.js),
// then habitual.js -> habitual-engine.js (when idle) -> habitual-widgets.js, all from
// packages/sdk/dist. Needs `npm run build` first.

type CspWindow = Window & { __violations: string[]; __inlineRan?: boolean };

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((f) => f.remove()));

it('the built widgets render under a strict CSP with no violation', async () => {
  const url = `/fixtures/csp.html?csp=strict&app=csp-${Date.now()}`;
  expect((await fetch(url)).headers.get('content-security-policy')).toBe("default-src 'self'");

  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '800px';
  frame.src = url;
  document.body.append(frame);
  frames.push(frame);
  const win = () => frame.contentWindow as CspWindow;
  const launcher = await until(
    () => win()?.document.querySelector('habitual-widgets')?.shadowRoot?.querySelector<HTMLElement>('.launcher'),
    'the widgets chunk to mount',
  );
  const doc = win().document;
  const shadow = doc.querySelector('habitual-widgets')!.shadowRoot!;
  const digest = await until(() => doc.querySelector('habitual-digest')?.shadowRoot?.querySelector<HTMLElement>('section.card'), 'the digest card');

  // Every part came from dist, not from source modules.
  const loaded = win()
    .performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname);
  expect(loaded).toEqual(expect.arrayContaining(['/habitual.js', '/habitual-engine.js', '/habitual-widgets.js']));

  // The constructed stylesheet applied (fixed in the corner) and the theme's CSSOM write too.
  expect(shadow.adoptedStyleSheets).toHaveLength(1);
  expect(win().getComputedStyle(launcher).position).toBe('fixed');
  expect(win().getComputedStyle(launcher).backgroundColor).toBe('rgb(0, 128, 0)');
  expect(launcher.textContent).toBe('Get set up 0/2');
  expect(launcher.getBoundingClientRect().width).toBeGreaterThan(50);
  expect(digest.getBoundingClientRect().width).toBeGreaterThan(200);

  launcher.click();
  const items = await until(() => {
    const found = [...shadow.querySelectorAll<HTMLElement>('[data-item]')];
    return found.length ? found : undefined;
  }, 'the checklist panel');
  expect(items.map((li) => li.dataset.item)).toEqual(['customer', 'invoice']);
  expect(items[0].getBoundingClientRect().height).toBeGreaterThan(0);
  expect(shadow.querySelector('[role=tab][data-tab=records]')).not.toBeNull();
  expect(win().__violations).toEqual([]);

  // Control: the policy is live, so an inline script is blocked and a <style> element reported.
  const script = doc.createElement('script');
  script.textContent = 'window.__inlineRan = true';
  doc.head.append(script);
  const style = doc.createElement('style');
  style.textContent = 'p{color:red}';
  doc.head.append(style);
  await until(() => win().__violations.length >= 2, 'the control violations');
  expect(win().__inlineRan).toBeUndefined();
  expect(win().__violations).toEqual([expect.stringMatching(/^script-src-elem inline/), expect.stringMatching(/^style-src-elem inline/)]);
});

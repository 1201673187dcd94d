import { afterEach, expect, it } from 'vitest';
import { until } from './until';

// The built bundles under `Content-Security-Policy: default-src 'self'`, embedded the way a
// strict-CSP customer must: snippet and init() in a same-origin file (fixtures/csp-init.js),
// then habitual.js -> habitual-engine.js (when idle) -> habitual-widgets.js, all from
// packages/sdk/dist. Needs `npm run build` first.

type CspWindow = Window & { __violations: string[]; __inlineRan?: boolean; __uncaught: string[]; __errors: string[]; __launcher: string[] };

const frames: HTMLIFrameElement[] = [];
afterEach(async () => {
  frames.splice(0).forEach((f) => f.remove());
  await cookieStore.delete('habitual-fail');
});

/** csp.html (strict CSP) in a frame, once the widgets' launcher is on screen. */
async function openPage(query = '') {
  const url = `/fixtures/csp.html?csp=strict&app=csp-${Date.now()}${query}`;
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
  const shadow = win().document.querySelector('habitual-widgets')!.shadowRoot!;
  /** The paths this page fetched, by the browser's resource timing. */
  const fetched = () =>
    win()
      .performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname);
  return { url, win, doc: win().document, shadow, launcher, fetched };
}

const widgetChunks = (paths: string[]) => paths.filter((p) => p.startsWith('/habitual-widget-')).sort();

it('the built widgets render under a strict CSP with no violation', async () => {
  const { url, win, doc, shadow, launcher, fetched } = await openPage();
  expect((await fetch(url)).headers.get('content-security-policy')).toBe("default-src 'self'");
  const digest = await until(() => doc.querySelector('habitual-digest')?.shadowRoot?.querySelector<HTMLElement>('section.card'), 'the digest card');

  // Every part came from dist, not from source modules: the shell and the chunks of the
  // three widgets the config switches on, and no other widget's.
  expect(fetched()).toEqual(expect.arrayContaining(['/habitual.js', '/habitual-engine.js', '/habitual-widgets.js']));
  expect(widgetChunks(fetched())).toEqual(['/habitual-widget-checklist.js', '/habitual-widget-digest.js', '/habitual-widget-records.js']);
  // No flash: the launcher's first text is its final one (every view arrived before any showed).
  expect(win().__launcher).toEqual(['Get set up 0/2']);

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
  expect(win().__uncaught).toEqual([]);
});

it('a config that switches on only the checklist fetches the shell and the checklist chunk, no other widget chunk', async () => {
  const { win, shadow, launcher, fetched } = await openPage('&only=checklist');
  expect(launcher.textContent).toBe('Get set up 0/2');
  launcher.click();
  await until(() => shadow.querySelector('[data-item=customer]'), 'the checklist panel');
  expect(shadow.querySelector('[role=tab]')).toBeNull(); // one widget with a panel: no tabs
  expect(fetched()).toContain('/habitual-widgets.js');
  expect(widgetChunks(fetched())).toEqual(['/habitual-widget-checklist.js']);
  expect(win().__violations).toEqual([]);
});

it('the survey opens under a strict CSP: its chunk arrives with the config, its form shows with no violation', async () => {
  const { win, shadow, fetched } = await openPage('&only=survey');
  (win() as unknown as { habitual(method: string, form: string): void }).habitual('survey', 'exit');
  const form = await until(() => shadow.querySelector<HTMLElement>('[data-survey=exit]'), 'the exit form');
  // Its own chunk came with the config (the fixture's inline <habitual-digest> brings the digest's); no other widget's.
  expect(widgetChunks(fetched())).toContain('/habitual-widget-survey.js');
  expect(widgetChunks(fetched())).not.toContain('/habitual-widget-records.js');
  expect(win().getComputedStyle(form).position).toBe('fixed');
  expect(form.querySelectorAll('input[type=radio]')).toHaveLength(6);
  expect(win().__violations).toEqual([]);
  expect(win().__uncaught).toEqual([]);
});

it("a widget's chunk that fails to load leaves the page and the other widgets working, and tells onError", async () => {
  // The fixture server answers 404 for the file this cookie names (serve-fixtures.ts).
  await cookieStore.set({ name: 'habitual-fail', value: 'habitual-widget-records.js', path: '/' });
  const { win, doc, shadow, launcher, fetched } = await openPage();
  await until(() => win().__errors.length, 'the load error');
  expect(win().__errors).toEqual([expect.stringMatching(/^load-failed The records widget did not load .*habitual-widget-records\.js/)]);
  expect(win().__uncaught).toEqual([]);
  expect(widgetChunks(fetched())).toEqual(['/habitual-widget-checklist.js', '/habitual-widget-digest.js', '/habitual-widget-records.js']);
  // The rest shows as usual, with no records tab.
  await until(() => doc.querySelector('habitual-digest')?.shadowRoot?.querySelector('section.card'), 'the digest card');
  launcher.click();
  await until(() => shadow.querySelector('[data-item=customer]'), 'the checklist panel');
  expect(shadow.querySelector('[data-tab=records]')).toBeNull();
});

it('the shortcuts (launcher and inline) and an announcement card render under a strict CSP, from their own chunks', async () => {
  const { win, doc, shadow, launcher, fetched } = await openPage('&only=quick');
  const card = await until(() => shadow.querySelector<HTMLElement>('section.announce'), 'the announcement card');
  expect(card.getAttribute('aria-label')).toBe('Reports are here');
  expect(card.querySelector('a.cta')!.getAttribute('href')).toBe('#reports');
  // Its stylesheet applied (fixed, placed by a CSSOM write), the page's controls left clear.
  expect(win().getComputedStyle(card).position).toBe('fixed');
  expect(card.style.inset).not.toBe('');
  const inline = await until(
    () => doc.querySelector('habitual-shortcuts')?.shadowRoot?.querySelector<HTMLElement>('section.shortcuts'),
    'the inline shortcuts',
  );
  expect(inline.textContent).toContain('All features');
  launcher.click();
  await until(() => shadow.querySelector('.panel section.shortcuts'), 'the shortcuts panel');
  expect(widgetChunks(fetched())).toEqual(expect.arrayContaining(['/habitual-widget-announce.js', '/habitual-widget-shortcuts.js']));
  expect(win().__violations).toEqual([]);
  expect(win().__uncaught).toEqual([]);
  expect(win().__errors).toEqual([]);
});

// Shared by the widgets' browser tests that load a page more than once over real IndexedDB:
// one page load (a real instance over the stored data, the widgets mounted), and axe-core over
// the page with the widgets' shadow root in it.
import axe from 'axe-core';
import { expect } from 'vitest';
import type { KV } from '@habitual/core';
import { mount } from '../host/mount';
import { realInstance, type RealInit } from './real-instance';

const open: Array<() => Promise<unknown>> = [];

/**
 * One page load over the data stored in `init.kv`: the instance, the widgets mounted and ready,
 * their shadow root, and `close` (the page going away). `closePages` closes what a test left open.
 */
export async function loadPage(init: RealInit & { kv: KV }) {
  const real = await realInstance(init);
  const handle = mount(real.instance);
  await handle.ready;
  const shadow = document.querySelector('habitual-widgets')!.shadowRoot!;
  const close = async () => (handle.unmount(), await real.instance.destroy());
  open.push(close);
  return { ...real, shadow, close };
}

/** Closes every page `loadPage` opened and empties the document (call from afterEach). */
export async function closePages(): Promise<void> {
  for (const close of open.splice(0)) await close();
  document.body.innerHTML = '';
}

/**
 * axe-core's violations on the page, one line each; `shadowPasses` is how many of its passing
 * checks must lie inside the shadow root, so an empty page cannot pass.
 */
export async function shadowViolations(shadowPasses: number): Promise<string[]> {
  const results = await axe.run(document, { resultTypes: ['violations', 'passes'] });
  // axe looked inside the shadow root, not at an empty page.
  expect(results.passes.flatMap((p) => p.nodes).filter((n) => Array.isArray(n.target[0])).length).toBeGreaterThan(shadowPasses);
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${JSON.stringify(n.target)}: ${n.failureSummary}`));
}

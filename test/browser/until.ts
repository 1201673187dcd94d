/** Polls `fn` until it returns something truthy; fails after `ms` naming what it waited for. */
export async function until<T>(fn: () => T | undefined | null | false, what: string, ms = 15_000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

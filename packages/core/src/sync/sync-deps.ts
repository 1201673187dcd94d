import type { SyncDeps, SyncOptions } from './types';

/** The browser platform, reached here only (core's engine and validation run in Node too). */
export function defaultSyncDeps(): SyncDeps {
  const g = globalThis as typeof globalThis & { window?: Window };
  let storage: SyncDeps['storage'];
  try {
    // Reading localStorage throws a SecurityError where storage is blocked (sandboxed iframes).
    storage = g.localStorage;
  } catch {
    storage = undefined;
  }
  return {
    fetch: (input, init) => g.fetch(input, init),
    locks: g.navigator?.locks,
    storage,
    now: () => Date.now(),
    random: () => Math.random(),
    setTimeout: (fn, ms) => g.setTimeout(fn, ms),
    clearTimeout: (id) => g.clearTimeout(id as number),
    online: () => g.navigator?.onLine !== false,
    target: g.window,
    gzip: typeof g.CompressionStream === 'function' ? gzipWithStreams : undefined,
  };
}

async function gzipWithStreams(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const defaultSyncOptions: SyncOptions = {
  timeoutMs: 30_000,
  batchDays: 50,
  intervalMs: 300_000,
  retryBaseMs: 2_000,
  retryMaxMs: 300_000,
  keepaliveBytes: 60_000,
  lockName: 'habitual-sync',
};

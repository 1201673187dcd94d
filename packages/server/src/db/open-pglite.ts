import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';
import { lockDataDir } from './data-dir-lock';
import { PGLITE_WORKER } from './pglite-worker';
import { autovacuumPglite } from './autovacuum-pglite';
import { isRoutineCall } from './routines';

type Reply = { id: number; rows?: Array<Record<string, unknown>>; json?: string[]; error?: { message: string; code?: string } };

const parseJson = (x: unknown) => (typeof x === 'string' ? JSON.parse(x) : x);

/** The worker's rows with their JSON columns (sent as text) parsed. */
function rowsOf({ rows = [], json }: Reply): unknown[] {
  if (json) {
    for (const row of rows) {
      for (const name of json) row[name] = Array.isArray(row[name]) ? (row[name] as unknown[]).map(parseJson) : parseJson(row[name]);
    }
  }
  return rows;
}

/**
 * A statement that only reads: SELECT, without INTO (which makes a table), a locking clause or
 * a routine's call (which writes).
 * Outside a transaction it takes PGlite's read lane (see PGLITE_WORKER).
 */
const ONLY_READS = (sql: string) =>
  /^\s*select\b/i.test(sql) && !/\binto\b|\bfor\s+(no\s+key\s+update|update|key\s+share|share)\b/i.test(sql) && !isRoutineCall(sql);

/** PGlite's ES module, found from here (the sources, or the bundled server.mjs). */
const pgliteModule = () => pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'index.js')).href;

/**
 * How V8 compiles PostgreSQL's WASM (9 MB of code), as process-wide V8 flags set before PGlite
 * compiles it:
 * - `baseline`: Liftoff only, V8's one-pass compiler. V8's default (Liftoff first, hot functions
 *   recompiled by TurboFan in the background) spent 50-60 MB of malloc on those recompiles,
 *   which stayed resident: the scale bench's collector peaked at 272-333 MB, and 241-260 MB with
 *   Liftoff only. Code runs slower (the unthrottled ingest ceiling is about 14 % lower) but never
 *   pauses to recompile.
 * - `optimized`: TurboFan only, each function compiled the first time it runs: the ceiling of
 *   V8's default, about 20 MB above `baseline`, and a start 1.5 s slower.
 */
export const WASM_FLAGS = { baseline: '--liftoff --liftoff-only', optimized: '--no-liftoff-only --no-liftoff' } as const;
export type PgliteWasm = keyof typeof WASM_FLAGS;

/** `raw` as a WASM_FLAGS name (unset or empty: `baseline`), or an error naming `what` and the choices. */
export function pgliteWasm(raw: string | undefined, what: string): PgliteWasm {
  if (!raw) return 'baseline';
  if (Object.hasOwn(WASM_FLAGS, raw)) return raw as PgliteWasm;
  throw new Error(`${what} "${raw}" is not one of ${Object.keys(WASM_FLAGS).join(', ')}.`);
}

export interface PgliteOptions {
  /** How PostgreSQL's WASM is compiled (see WASM_FLAGS): for the whole process. @default 'baseline' */
  wasm?: PgliteWasm;
  /**
   * How often PGlite's stand-in for autovacuum looks for tables to ANALYZE or VACUUM (see
   * `autovacuumPglite`); 0 turns it off. @default 60000
   */
  autovacuumMs?: number;
  /** Where a failed autovacuum pass is reported. @default console.error */
  log?: (message: string) => void;
}

/**
 * PostgreSQL in WASM: on disk in `dataDir`, or in memory without one (tests).
 *
 * PGlite runs on a worker thread of its own: a query's work (PostgreSQL itself, in WASM) never
 * holds the collector's event loop, which keeps answering requests meanwhile; rows come back
 * by message. PGlite has a single connection, which the thread hands to one statement or one
 * whole transaction at a time; reads outside a transaction (a dashboard page, a key lookup) go
 * ahead of the writes queued before them, so they wait for at most what holds the connection
 * now, not for a backlog of ingest. So a read may not yet see a write sent before it whose answer
 * has not come back, as on a pool of connections; a write answered before the read was sent it
 * always sees.
 * A data folder belongs to one process at a time: a second one is refused (see
 * `lockDataDir`). PGlite has no autovacuum: `autovacuumPglite` runs every `autovacuumMs`.
 */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Db> {
  const { autovacuumMs = 60_000, log = (m) => console.error(m) } = options;
  const wasm = pgliteWasm(options.wasm, "PGlite's WASM compiler");
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  setFlagsFromString(WASM_FLAGS[wasm]);
  const worker = new Worker(PGLITE_WORKER, {
    eval: true,
    workerData: { pglite: pgliteModule(), dataDir, sharedBuffers: '16MB' },
    // V8 lets a thread's young generation grow to 48 MB, and PGlite's rows churn through it: 12 MB
    // kept the thread's heap 20 MB smaller for the same reads, at no measurable cost in time.
    resourceLimits: { maxYoungGenerationSizeMb: 12 },
  });
  const waiting = new Map<number, { done: (r: Reply) => void; failed: (e: Error) => void }>();
  let next = 1;
  let gone: Error | undefined;
  // The worker keeps the process alive only while a request waits on it, as a socket would.
  const hold = () => (waiting.size ? worker.ref() : worker.unref());
  const settle = (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    hold();
    if (!reply.error) w.done(reply);
    else w.failed(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
  };
  const lost = (error: Error) => {
    gone ??= error;
    for (const id of [...waiting.keys()]) settle({ id, error: { message: `PGlite stopped: ${error.message}` } });
  };
  worker.on('message', settle);
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`its thread exited (${code})`)));
  const ask = (message: Record<string, unknown>, id = next++): Promise<Reply> =>
    new Promise((done, failed) => {
      if (gone) return failed(new Error(`PGlite is closed: ${gone.message}`));
      waiting.set(id, { done, failed });
      hold();
      worker.postMessage({ ...message, id });
    });

  try {
    // The worker says { id: 0 } once PGlite is open, or why it could not open.
    await new Promise<Reply>((done, failed) => {
      waiting.set(0, { done, failed });
      hold();
    });
  } catch (error) {
    await worker.terminate();
    release();
    throw error;
  }

  const on = (tx?: number): Omit<Db, 'transaction' | 'close'> => ({
    kind: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) =>
      rowsOf(await ask({ op: 'query', sql, params, tx, ...(!tx && ONLY_READS(sql) ? { lane: 'read' } : {}) })) as T[],
    exec: async (sql) => void (await ask({ op: 'exec', sql, tx })),
  });
  const nested = (): Promise<never> => Promise.reject(new Error('Nested transactions are not supported.'));
  let vacuuming: Promise<unknown> | undefined;
  const timer =
    autovacuumMs > 0
      ? setInterval(() => {
          vacuuming ??= autovacuumPglite(db)
            .catch((error) => gone || log(`habitual-server: PGlite's autovacuum pass failed (it runs again in ${autovacuumMs} ms): ${error.message}`))
            .finally(() => (vacuuming = undefined));
        }, autovacuumMs).unref()
      : undefined;
  const db: Db = {
    ...on(),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const tx = next++;
      await ask({ op: 'begin' }, tx);
      let result: T;
      try {
        result = await fn({ ...on(tx), transaction: nested, close: async () => {} });
      } catch (error) {
        await ask({ op: 'rollback', tx }).catch(() => {});
        throw error;
      }
      await ask({ op: 'commit', tx });
      return result;
    },
    async close() {
      clearInterval(timer);
      await vacuuming;
      if (!gone) await ask({ op: 'close' }).catch(() => {});
      gone ??= new Error('closed');
      await worker.terminate();
      release();
    },
  };
  return db;
}

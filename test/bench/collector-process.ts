import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** What scale-collector.mjs reports of itself. */
export interface CollectorStats {
  loopMaxMs: number;
  loopP99Ms: number;
  stallsOver50: number;
  /** The longest time the collector's main thread itself ran inside one stall; null where Linux's schedstat is missing. */
  ranMaxMs: number | null;
  stalls: Array<{ ms: number; ran?: number; waited?: number }>;
  peakRssMB: number;
  /** At the peak RSS: the main thread's JS heap, and what its buffers held outside it (the rest is PGlite's thread, code, Node). */
  peakHeapMB: number;
  peakExternalMB: number;
  maxRssMB: number;
  /** CPU time of the whole process since the last reset (all its threads). */
  cpuMs: number;
}

export interface CollectorProcess {
  child: ChildProcess;
  url: string;
  ask(m: 'reset' | 'stats'): Promise<CollectorStats>;
  /** Runs `sql` on the collector's own database (a PGlite folder is that process's alone). */
  sql<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * The built collector as a process of its own (scale-collector.mjs), with `args` (--data or
 * --database-url) and extra `env` (BENCH_SERVER_MODULE runs another build's server.mjs).
 * BENCH_COLLECTOR_NODE_OPTIONS: flags for its node (e.g. --cpu-prof to see a stall).
 */
export function startCollectorProcess(args: string[], env: Record<string, string> = {}): Promise<CollectorProcess> {
  const execArgv = process.env.BENCH_COLLECTOR_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = fork(join(import.meta.dirname, 'scale-collector.mjs'), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
    env: { ...process.env, ...env },
  });
  const send = <T>(m: unknown) => new Promise<T>((r) => (child.once('message', (x) => r(x as T)), child.send(m as string)));
  return new Promise((resolve, reject) => {
    child.once('message', (m) =>
      resolve({
        child,
        url: (m as { url: string }).url,
        ask: (m) => send<CollectorStats>(m),
        sql: async <T>(sql: string) => (await send<{ rows: T[] }>({ sql })).rows,
        async stop() {
          const exited = new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
          child.send('stop');
          await exited;
        },
      }),
    );
    child.once('exit', (code) => reject(new Error(`the bench collector exited with ${code}`)));
  });
}

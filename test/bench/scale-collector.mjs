// The collector as a process of its own for the scale bench: the built server with the rate
// limits lifted (capacity, not policy), reporting its event-loop delay and memory over IPC.
// node scale-collector.mjs --data <dir> | --database-url <url>
// Messages: 'reset', 'stats', { sql } (run on its database), 'stop'.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

// BENCH_SERVER_MODULE: another build's server.mjs (an older commit's, to compare with).
const module = process.env.BENCH_SERVER_MODULE ?? new URL('../../packages/server/dist/server.mjs', import.meta.url).href;
const { readSettings, startServer } = await import(module.startsWith('/') ? `file://${module}` : module);
const settings = readSettings([...process.argv.slice(2), '--port', '0', '--host', '127.0.0.1'], { ...process.env, DATABASE_URL: '' });
const unlimited = { burst: 1e9, perMinute: 1e9 };
// BENCH_NO_STATES: no state refresher (to tell its share of the ingest cost; kept states go stale).
const idle = { kick() {}, start() {}, settle: async () => {}, stop: async () => {} };
const server = await startServer(settings, {
  log: () => {},
  rateLimit: unlimited,
  appRateLimit: unlimited,
  ...(process.env.BENCH_NO_STATES ? { states: idle } : {}),
});
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
// The peak, and where it was: the main thread's JS heap (heapTotal), what its buffers hold outside
// it (external), and the rest (PGlite's thread: its JS heap and WASM memory; code; Node itself).
let peak = process.memoryUsage();
setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > peak.rss) peak = now;
}, 100).unref();
// Each gap over 50 ms between 10 ms ticks, split (from Linux's schedstat for this thread) into
// time the main thread ran and time it waited for a CPU: on a shared machine most of a long gap
// can be other processes' work, not ours. Elsewhere only the gap is known.
const schedFile = `/proc/self/task/${process.pid}/schedstat`;
const sched = () => {
  try {
    const [run, wait] = readFileSync(schedFile, 'utf8').split(' ').map(Number);
    return { run: run / 1e6, wait: wait / 1e6 };
  } catch {
    return undefined;
  }
};
let stalls = [];
let cpu = process.cpuUsage();
let tick = performance.now();
let last = sched();
setInterval(() => {
  const at = performance.now();
  const now = sched();
  if (at - tick > 60) {
    stalls.push({ ms: Math.round(at - tick - 10), ...(now && last ? { ran: Math.round(now.run - last.run), waited: Math.round(now.wait - last.wait) } : {}) });
  }
  tick = at;
  last = now;
}, 10).unref();

process.on('message', async (m) => {
  if (m === 'reset') {
    cpu = process.cpuUsage();
    loop.reset();
    stalls = [];
    peak = process.memoryUsage();
    process.send({ ok: true });
  } else if (m === 'stats') {
    process.send({
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMeanMs: loop.mean / 1e6,
      stallsOver50: stalls.length,
      // CPU time of the whole process (every thread: PGlite's too) since the last reset.
      cpuMs: ((u) => (u.user + u.system) / 1000)(process.cpuUsage(cpu)),
      // The longest time the main thread itself ran within one stall (null without schedstat).
      ranMaxMs: stalls.some((x) => x.ran !== undefined) ? Math.max(0, ...stalls.map((x) => x.ran ?? 0)) : null,
      stalls: [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 12),
      rssMB: process.memoryUsage().rss / 2 ** 20,
      peakRssMB: peak.rss / 2 ** 20,
      peakHeapMB: peak.heapTotal / 2 ** 20,
      peakExternalMB: peak.external / 2 ** 20,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    });
  } else if (typeof m === 'object' && m.sql) {
    // Set-up the parent cannot do itself (PGlite's folder is this process's alone).
    process.send({ rows: await server.db.query(m.sql) });
  } else if (m === 'stop') {
    await server.close();
    process.exit(0);
  }
});
process.send({ url: server.url });

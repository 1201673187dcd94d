import { afterAll, beforeAll, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium';
import { startBenchServer, type BenchServer } from './browser-server';
import { median, printTable, writeResults } from './stats';

// Where the script tag's main-thread time goes on a first visit (empty storage, widgets
// off), by a CPU profile of the page's first 6 s (CDP Profiler, 100 µs samples) and the
// main thread's tasks (CDP Tracing): the long tasks, and self time by function and script.
// Figures only: nothing here fails on a timing. The totals are in browser.bench.test.ts.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
let browser: Browser;
let server: BenchServer;

beforeAll(async () => {
  server = await startBenchServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; functionName?: string } };
}

it('script-tag main thread, by task and by function (habitual, first visit)', async () => {
  const bySource = new Map<string, number[]>();
  const byFunction = new Map<string, number[]>();
  const tasks: Array<Array<{ ms: number; label: string }>> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    await page.goto(`${server.origin}/page/habitual`);
    await page.waitForTimeout(6000);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    await cdp.send('Tracing.end');
    await done;
    await context.close();

    // Self time per node from the samples (each sample's delta is the time to the next one).
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
    const round = { source: new Map<string, number>(), fn: new Map<string, number>() };
    for (const node of profile.nodes) {
      const ms = self.get(node.id) ?? 0;
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      if (!ms || functionName === '(idle)' || functionName === '(program)') continue;
      const file = url ? new URL(url).pathname : functionName.startsWith('(') ? functionName : '(native)';
      round.source.set(file, (round.source.get(file) ?? 0) + ms);
      const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
      round.fn.set(key, (round.fn.get(key) ?? 0) + ms);
    }
    for (const [k, v] of round.source) bySource.set(k, [...(bySource.get(k) ?? []), v]);
    for (const [k, v] of round.fn) byFunction.set(k, [...(byFunction.get(k) ?? []), v]);

    // The renderer's main thread: the thread that ran the page's scripts.
    const main = events.find((e) => e.name === 'EvaluateScript' || e.name === 'FunctionCall');
    const onMain = (e: TraceEvent) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X';
    const long = events
      .filter((e) => onMain(e) && e.name === 'RunTask' && (e.dur ?? 0) >= 1000)
      .map((task) => {
        // Named by the longest event inside it (a script's compile or run, a timer, an IndexedDB callback...).
        const inner = events
          .filter((e) => onMain(e) && e.name !== 'RunTask' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0))
          .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
        const what = inner?.args?.data?.url ? new URL(inner.args.data.url, 'http://x').pathname : (inner?.args?.data?.functionName ?? '');
        return { ms: (task.dur ?? 0) / 1000, label: inner ? `${inner.name}${what ? ` ${what}` : ''}` : '' };
      })
      .sort((a, b) => b.ms - a.ms);
    tasks.push(long);
  }
  const med = (xs: number[]) => median([...xs, ...Array(Math.max(0, ROUNDS - xs.length)).fill(0)]);
  const top = (m: Map<string, number[]>, n: number, min = 0.3) =>
    [...m]
      .map(([k, v]) => [k, med(v)] as const)
      .filter(([, v]) => v >= min)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n);
  printTable(
    `Main-thread tasks of 1 ms or more, each round: their total, and the 8 longest by what ran longest in them (ms)`,
    tasks.flatMap((t, i) => [
      { round: String(i + 1), ms: t.reduce((s, d) => s + d.ms, 0).toFixed(1), task: 'all tasks of 1 ms or more' },
      ...t.slice(0, 8).map((d) => ({ round: '', ms: d.ms.toFixed(1), task: d.label })),
    ]),
  );
  printTable(
    `Self time by script, median of ${ROUNDS} (ms)`,
    top(bySource, 12, 0).map(([k, v]) => ({ script: k, ms: v.toFixed(1) })),
  );
  printTable(
    `Self time by function, median of ${ROUNDS} (ms, 0.3 ms or more)`,
    top(byFunction, 25).map(([k, v]) => ({ function: k, ms: v.toFixed(1) })),
  );
  writeResults('keeper-profile', { tasks, bySource: Object.fromEntries(top(bySource, 50, 0)), byFunction: Object.fromEntries(top(byFunction, 100, 0)) });
}, 600_000);

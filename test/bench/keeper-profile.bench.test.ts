import { afterAll, beforeAll, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium';
import { startBenchServer, type BenchServer } from './browser-server';
import { median, printTable, writeResults } from './stats';

// Where the script tag's main-thread time goes on a first visit (empty storage, widgets
// off), against a blank page: the main thread's tasks in the first 6 s (CDP Tracing), each
// named by what ran longest in it, and a CPU profile (CDP Profiler, 100 µs samples) for
// self time by script and function. Figures only: nothing here fails on a timing. The
// totals against posthog-js and Amplitude are in browser.bench.test.ts.

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

/** One first visit to `/page/<name>`, traced and profiled for 6 s. */
async function visit(name: 'blank' | 'habitual') {
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
  await page.goto(`${server.origin}/page/${name}`);
  await page.waitForTimeout(6000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  return { events, profile };
}

/** The renderer main thread's tasks, each named by the longest event inside it. */
function tasksOf(events: TraceEvent[]) {
  const first = events.find((e) => e.name === 'ParseHTML' || e.name === 'EvaluateScript');
  const onMain = (e: TraceEvent) => !!first && e.tid === first.tid && e.pid === first.pid && e.ph === 'X';
  const inner = events.filter((e) => onMain(e) && e.name !== 'RunTask').sort((a, b) => a.ts - b.ts);
  return events
    .filter((e) => onMain(e) && e.name === 'RunTask')
    .map((task) => {
      const end = task.ts + (task.dur ?? 0);
      let top: TraceEvent | undefined;
      for (const e of inner) if (e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) > (top?.dur ?? 0)) top = e;
      const what = top?.args?.data?.url ? ` ${new URL(top.args.data.url, 'http://x').pathname}` : '';
      return { ms: (task.dur ?? 0) / 1000, label: top ? `${top.name}${what}` : '(other)' };
    });
}

it('script-tag main thread against a blank page, by kind of task and by function (first visit)', async () => {
  const byKind = { blank: new Map<string, number[]>(), habitual: new Map<string, number[]>() };
  const totals = { blank: [] as number[], habitual: [] as number[] };
  const bySource = new Map<string, number[]>();
  const byFunction = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, round: number, key: string, ms: number) => {
    const xs = m.get(key) ?? Array(ROUNDS).fill(0);
    xs[round] += ms;
    m.set(key, xs);
  };
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of r % 2 ? (['habitual', 'blank'] as const) : (['blank', 'habitual'] as const)) {
      const { events, profile } = await visit(name);
      const tasks = tasksOf(events);
      totals[name].push(tasks.reduce((s, t) => s + t.ms, 0));
      for (const t of tasks) add(byKind[name], r, t.label, t.ms);
      if (name === 'blank') continue;
      // Self time per profile node from the samples (a sample's delta is the time to the next one).
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
      for (const node of profile.nodes) {
        const ms = self.get(node.id) ?? 0;
        const { functionName, url, lineNumber, columnNumber } = node.callFrame;
        if (!ms || functionName === '(idle)' || functionName === '(program)') continue;
        // Not every frame's url is a URL (Chromium's own scripts, e.g. `extensions::SafeBuiltins`).
        const file = url ? (URL.canParse(url) ? new URL(url).pathname : url) : functionName.startsWith('(') ? functionName : '(native)';
        add(bySource, r, file, ms);
        add(byFunction, r, `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`, ms);
      }
    }
  }
  const top = (m: Map<string, number[]>, n: number, min = 0.3) =>
    [...m]
      .map(([k, v]) => [k, median(v)] as const)
      .filter(([, v]) => v >= min)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n);
  const kinds = [...new Set([...byKind.blank.keys(), ...byKind.habitual.keys()])];
  const kindRows = kinds
    .map((k) => {
      const b = median(byKind.blank.get(k) ?? [0]);
      const h = median(byKind.habitual.get(k) ?? [0]);
      return { kind: k, blank: b, habitual: h, over: h - b };
    })
    .filter((r) => Math.abs(r.over) >= 0.3 || r.habitual >= 1)
    .sort((a, b) => b.over - a.over);
  printTable(`Main-thread task time in the first 6 s, median of ${ROUNDS} (ms)`, [
    {
      kind: 'all tasks',
      blank: median(totals.blank).toFixed(1),
      habitual: median(totals.habitual).toFixed(1),
      over: (median(totals.habitual) - median(totals.blank)).toFixed(1),
    },
  ]);
  printTable(
    `The same by kind of task (named by what ran longest in it), median of ${ROUNDS} (ms)`,
    kindRows.map((r) => ({ kind: r.kind, blank: r.blank.toFixed(1), habitual: r.habitual.toFixed(1), over: r.over.toFixed(1) })),
  );
  printTable(
    `Self time by script (habitual page), median of ${ROUNDS} (ms)`,
    top(bySource, 12, 0).map(([k, v]) => ({ script: k, ms: v.toFixed(1) })),
  );
  printTable(
    `Self time by function (habitual page), median of ${ROUNDS} (ms, 0.3 ms or more)`,
    top(byFunction, 25).map(([k, v]) => ({ function: k, ms: v.toFixed(1) })),
  );
  writeResults('keeper-profile', {
    totals,
    byKind: kindRows,
    bySource: Object.fromEntries(top(bySource, 50, 0)),
    byFunction: Object.fromEntries(top(byFunction, 100, 0)),
  });
}, 600_000);

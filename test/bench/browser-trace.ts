import type { CDPSession } from 'playwright-core';

// Main-thread time of one page load, from a Chromium trace: each task on the renderer's
// main thread with its wall time (`dur`) and its thread CPU time (`tdur`). CPU time is the
// figure to trust on a shared machine: a task that waits for a core while other processes
// run grows in wall time, not in CPU time. Each task is put in one kind by what ran in it,
// so a table can say where the time goes.

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; type?: string } };
}

/** Starts tracing the timeline; the returned function ends it and gives the events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,IndexedDB', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** The kinds of task, in the order a task is tested against them (the first that fits wins). */
export const KINDS = [
  'habitual.js: compile and run',
  'habitual-engine.js: compile and evaluate',
  'IndexedDB: open and callbacks',
  'timers',
  'idle callbacks',
  'other script (page, promise jobs, fetch callbacks)',
  'network: loading and responses',
  'HTML, style, layout, paint',
  'other (navigation, browser messages)',
] as const;
export type Kind = (typeof KINDS)[number];

const path = (url?: string) => {
  try {
    return url ? new URL(url).pathname : '';
  } catch {
    return url ?? '';
  }
};

function kindOf(inner: TraceEvent[]): Kind {
  const has = (test: (e: TraceEvent) => boolean) => inner.some(test);
  if (has((e) => e.name === 'EvaluateScript' && path(e.args?.data?.url).endsWith('/habitual.js'))) return KINDS[0];
  if (has((e) => e.name === 'v8.evaluateModule' || e.name === 'v8.compileModule')) return KINDS[1];
  if (has((e) => e.name.startsWith('IDB') || e.name.startsWith('IndexedDB'))) return KINDS[2];
  if (has((e) => e.name === 'TimerFire')) return KINDS[3];
  if (has((e) => e.name === 'FireIdleCallback')) return KINDS[4];
  if (has((e) => e.name === 'EvaluateScript' || e.name === 'FunctionCall' || e.name === 'RunMicrotasks' || e.name === 'v8.run')) return KINDS[5];
  if (has((e) => e.name.startsWith('ResourceFetcher') || e.name.startsWith('ResponseBodyLoader') || e.name === 'ResourceReceivedData')) return KINDS[6];
  if (has((e) => /^(ParseHTML|UpdateLayoutTree|Layout|Paint|UpdateLifecycle|WebFrameWidgetImpl::UpdateLifecycle|Commit)$/.test(e.name))) return KINDS[7];
  return KINDS[8];
}

export interface MainThread {
  /** Wall time of the main thread's tasks, ms. */
  wallMs: number;
  /** Thread CPU time of the main thread's tasks, ms. */
  cpuMs: number;
  /** CPU time spent in garbage collection inside those tasks, ms. */
  gcMs: number;
  /** CPU ms by kind of task. */
  byKind: Record<Kind, number>;
}

/** Sums the page's renderer main thread (the busiest `CrRendererMain`) by task. */
export function mainThread(events: TraceEvent[]): MainThread {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const busy = new Map<string, number>();
  for (const e of events)
    if (e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`))
      busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const on = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const result: MainThread = { wallMs: 0, cpuMs: 0, gcMs: 0, byKind };
  // Top-level tasks, each with the events nested in it (the events are sorted by start).
  let i = 0;
  while (i < on.length) {
    const task = on[i];
    const end = task.ts + (task.dur ?? 0);
    let j = i + 1;
    while (j < on.length && on[j].ts < end) j++;
    if (task.name === 'RunTask') {
      const inner = on.slice(i + 1, j);
      const cpu = (task.tdur ?? task.dur ?? 0) / 1000;
      result.wallMs += (task.dur ?? 0) / 1000;
      result.cpuMs += cpu;
      result.byKind[kindOf(inner)] += cpu;
      // Outermost GC events only (a GC event's phases nest inside it).
      let gcEnd = 0;
      for (const e of inner)
        if (/^(MinorGC|MajorGC|V8\.GC_SCAVENGER|BlinkGC\.AtomicPhase)$/.test(e.name) && e.ts >= gcEnd) {
          result.gcMs += (e.tdur ?? e.dur ?? 0) / 1000;
          gcEnd = e.ts + (e.dur ?? 0);
        }
    }
    i = j;
  }
  return result;
}

import { whenIdle, type HabitualInstance, type InitOptions, type KeeperModule } from '@habitual/core';
import { init } from './init';

/** The keeper (habitual-engine.js) sits next to habitual.js; it is fetched once the page is idle. */
const loadEngine = () =>
  new Promise<void>((ready) => whenIdle(ready, 2000)).then(
    () => import(/* @vite-ignore */ new URL('habitual-engine.js', import.meta.url).href) as Promise<KeeperModule>,
  );

type Call = [method: string, ...args: unknown[]];
type Api = ((...call: Call) => unknown) & Partial<HabitualInstance> & { q?: ArrayLike<Call>; instance?: HabitualInstance };

/**
 * The script-tag entry. The snippet made `window.habitual` a queue; this replaces it with
 * the live API and replays the queue in order. `habitual('track', ...)` keeps working and,
 * from `init` on, the instance methods sit on the same function (`habitual.track(...)`).
 */
function install(w: Window & { habitual?: Api }) {
  const queued = Array.from(w.habitual?.q ?? []);
  if (w.habitual?.instance) return; // loaded twice: the first one stays in charge
  let instance: HabitualInstance | undefined;
  let waiting: Array<{ call: Call; done: (v: unknown) => void }> = [];

  function run([method, ...args]: Call): unknown {
    if (method === 'init') {
      if (instance) return (console.warn('[habitual] init() was called twice; the first call stands.'), instance);
      instance = api.instance = init(args[0] as InitOptions, { keeper: loadEngine });
      // The methods sit on window.habitual too: habitual.track(...), await habitual.exportData().
      for (const [name, fn] of Object.entries(instance)) (api as unknown as Record<string, unknown>)[name] = fn;
      const later = waiting;
      waiting = [];
      for (const { call, done } of later) done(run(call));
      return instance;
    }
    if (!instance) return new Promise((done) => waiting.push({ call: [method, ...args], done }));
    const fn = (instance as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') return console.warn(`[habitual] unknown method "${method}"`);
    return (fn as (...a: unknown[]) => unknown).apply(instance, args);
  }

  const api: Api = (...call) => {
    try {
      return run(call);
    } catch (cause) {
      console.error('[habitual]', cause);
    }
  };
  w.habitual = api;
  for (const call of queued) api(...(Array.from(call as ArrayLike<unknown>) as Call));
}

install(window as Window & { habitual?: Api });

import { createTracker, type HabitualInstance, type InitOptions, type TrackerDeps } from '@habitual/core';
import { loadWidgetsWhenNeeded, type WidgetsModule } from './load-widgets';

/**
 * Starts Habitual for one user of one app and returns its instance. Never throws: bad
 * options are reported through `onError` and the console, and the instance still records.
 * `deps.keeper` brings the keeper and `importWidgets` the widgets: each entry (script tag,
 * ESM) says where they come from.
 */
export function init(options: InitOptions, deps: Partial<TrackerDeps> = {}, importWidgets?: () => Promise<WidgetsModule>): HabitualInstance {
  const opts = { ...(options ?? ({} as InitOptions)) };
  const problems: string[] = [];
  if (typeof opts.appId !== 'string' || !opts.appId) problems.push('appId (a string) is required');
  if (typeof opts.writeKey !== 'string' || !opts.writeKey) problems.push('writeKey (a string) is required');
  if (opts.endpoint !== undefined && !/^https?:\/\/|^\//.test(String(opts.endpoint))) {
    problems.push(`endpoint must be an http(s) URL or a path, got ${String(opts.endpoint)}`);
    delete opts.endpoint;
  }
  if (problems.length) {
    opts.appId ||= 'unconfigured';
    // Misconfiguration is said even without debug: the host's developer must see it.
    console.error(`[habitual] init(): ${problems.join('; ')}.`);
  }
  const instance = createTracker(opts, deps);
  for (const message of problems) opts.onError?.({ code: 'bad-call', message: `init(): ${message}` });
  loadWidgetsWhenNeeded(instance, opts.widgetsUrl, importWidgets);
  return instance;
}

import type { HabitualError, InitOptions } from '../types';

/**
 * Where every error of an instance goes: `onError`, the `error` event, and the console in
 * debug mode. Storage trouble is said once; every other error each time it happens.
 */
export function createReporter(options: InitOptions, emit: (error: HabitualError) => void) {
  let storageSaid = false;
  function report(error: HabitualError) {
    if (error.code === 'storage-unavailable') {
      if (storageSaid) return;
      storageSaid = true;
    }
    if (options.debug) console.warn(`[habitual] ${error.message}`, error.cause ?? '');
    try {
      options.onError?.(error);
    } catch {
      // The host's own error hook failing must not loop back into it.
    }
    emit(error);
  }
  /** A public method threw: reported, never thrown at the host. */
  const threw = (name: string, cause: unknown) => report({ code: 'bad-call', message: `habitual.${name}() failed: ${String(cause)}`, cause });
  return {
    report,
    threw,
    /** A queued operation that failed: IndexedDB trouble (said once) or anything else (each time). */
    failed: (cause: unknown) => report({ code: cause instanceof DOMException ? 'storage-unavailable' : 'bad-call', message: String(cause), cause }),
    /** A dropped call, said in debug mode only. */
    warn: (message: string) => options.debug && console.warn(`[habitual] ${message}`),
    /** Wraps a public method: errors are reported, never thrown at the host. */
    safe<A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback?: R): (...args: A) => R {
      return (...args) => {
        try {
          return fn(...args);
        } catch (cause) {
          threw(name, cause);
          return fallback as R;
        }
      };
    },
  };
}

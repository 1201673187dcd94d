/**
 * One queue for everything that touches the store, so flush(), identify() and forget()
 * happen in the order they were called. A failed step is reported and the queue goes on.
 */
export function createWorkQueue(failed: (cause: unknown) => void) {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(failed);
    return run;
  };
}

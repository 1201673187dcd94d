/**
 * The thread PGlite runs on (`openPglite`): a plain script, so it runs the same from the
 * sources under Vitest and from the bundled `server.mjs`, with PGlite's module given by path.
 *
 * Messages in: `{ id, op: 'query' | 'exec', sql, params?, tx? }`, `{ id, op: 'begin' }` (opens a
 * transaction named by its id, answered once inside it), `{ id, op: 'commit' | 'rollback', tx }`
 * and `{ id, op: 'close' }`. Out: `{ id, rows? }` or `{ id, error: { message, code? } }`; a
 * failed start is `{ id: 0, error }`, a ready one `{ id: 0 }`.
 *
 * PGlite has one connection: its `query()` waits for an open transaction to end, as it does
 * in-process, so a statement outside a transaction never runs inside someone else's.
 */
export const PGLITE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fail = (error) => ({ message: error && error.message ? error.message : String(error), ...(error && error.code ? { code: error.code } : {}) });
(async () => {
  let pg;
  try {
    const { PGlite } = await import(workerData.pglite);
    // PostgreSQL's 128 MB of shared buffers live in the WASM heap, which never shrinks: a
    // quarter of that keeps the collector's memory down, and the OS still caches the files.
    const options = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=' + workerData.sharedBuffers] };
    pg = workerData.dataDir ? await PGlite.create(workerData.dataDir, options) : await PGlite.create(options);
  } catch (error) {
    parentPort.postMessage({ id: 0, error: fail(error) });
    return;
  }
  const open = new Map();
  const on = (tx) => (tx ? open.get(tx).tx : pg);
  parentPort.on('message', async (m) => {
    try {
      if (m.op === 'query') parentPort.postMessage({ id: m.id, rows: (await on(m.tx).query(m.sql, m.params)).rows });
      else if (m.op === 'exec') {
        await on(m.tx).exec(m.sql);
        parentPort.postMessage({ id: m.id });
      } else if (m.op === 'begin') {
        const entry = {};
        entry.done = pg
          .transaction((tx) => new Promise((commit, rollback) => {
            Object.assign(entry, { tx, commit, rollback });
            open.set(m.id, entry);
            parentPort.postMessage({ id: m.id });
          }))
          .finally(() => open.delete(m.id));
        // A transaction that could not begin answers with its error.
        entry.done.catch((error) => open.has(m.id) || entry.tx || parentPort.postMessage({ id: m.id, error: fail(error) }));
      } else if (m.op === 'commit') {
        const entry = open.get(m.tx);
        entry.commit();
        await entry.done;
        parentPort.postMessage({ id: m.id });
      } else if (m.op === 'rollback') {
        const entry = open.get(m.tx);
        entry.rollback(new Error('rolled back'));
        await entry.done.catch(() => {});
        parentPort.postMessage({ id: m.id });
      } else if (m.op === 'close') {
        await pg.close();
        parentPort.postMessage({ id: m.id });
      }
    } catch (error) {
      parentPort.postMessage({ id: m.id, error: fail(error) });
    }
  });
  parentPort.postMessage({ id: 0 });
})();
`;

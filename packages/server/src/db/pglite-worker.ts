/**
 * The thread PGlite runs on (`openPglite`): a plain script, so it runs the same from the
 * sources under Vitest and from the bundled `server.mjs`, with PGlite's module given by path.
 *
 * Messages in: `{ id, op: 'query' | 'exec', sql, params?, tx?, lane? }`, `{ id, op: 'begin' }`
 * (opens a transaction named by its id, answered once inside it), `{ id, op: 'commit' |
 * 'rollback', tx }` and `{ id, op: 'close' }`. Out: `{ id, rows?, json? }` or `{ id, error: { message,
 * code? } }`; a failed start is `{ id: 0, error }`, a ready one `{ id: 0 }`. JSON columns come as
 * their text, named in `json` (arrays of JSON as arrays of text), for the caller to parse: parsing
 * them here made a big read hold the connection a third longer.
 *
 * PGlite has one connection. The thread hands it one thing at a time: a statement outside a
 * transaction, or a whole transaction (from its begin to its commit or rollback; the statements
 * inside it run as they come). A statement outside a transaction therefore never runs inside
 * someone else's. What waits for the connection waits in two lanes: statements sent with
 * `lane: 'read'` go ahead of the writes and transactions that queued before them, so a page of
 * the dashboard waits for at most the statement or transaction holding the connection, not for
 * every ingest write behind it. Each lane keeps its order; a write waits for at most READS_AHEAD
 * reads that jumped it.
 */
export const PGLITE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const READS_AHEAD = 8;
// json, jsonb, and their arrays.
const JSON_TYPES = new Set([114, 3802, 199, 3807]);
const reply = (id, result) => {
  const json = result.fields.filter((f) => JSON_TYPES.has(f.dataTypeID)).map((f) => f.name);
  parentPort.postMessage(json.length ? { id, rows: result.rows, json } : { id, rows: result.rows });
};
const fail = (error) => ({ message: error && error.message ? error.message : String(error), ...(error && error.code ? { code: error.code } : {}) });
(async () => {
  let pg;
  try {
    const { PGlite } = await import(workerData.pglite);
    // PostgreSQL's 128 MB of shared buffers live in the WASM heap, which never shrinks: an
    // eighth of that keeps the collector's memory down (the WASM heap touched 47 MB with 32 MB
    // of buffers, 29 MB with 16), and the OS still caches the files.
    const text = (x) => x;
    const options = {
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=' + workerData.sharedBuffers],
      parsers: { 114: text, 3802: text },
    };
    pg = workerData.dataDir ? await PGlite.create(workerData.dataDir, options) : await PGlite.create(options);
  } catch (error) {
    parentPort.postMessage({ id: 0, error: fail(error) });
    return;
  }
  const open = new Map();
  const reads = [];
  const writes = [];
  let busy = false;
  let jumped = 0;
  const inside = (m) => {
    const entry = open.get(m.tx);
    if (!entry) throw new Error('Transaction ' + m.tx + ' is not open (it ended or never began).');
    return entry;
  };
  // One job holding the connection; resolves when it lets go of it.
  const hold = async (m) => {
    if (m.op === 'begin') {
      const entry = {};
      entry.done = pg
        .transaction((tx) => new Promise((commit, rollback) => {
          Object.assign(entry, { tx, commit, rollback });
          open.set(m.id, entry);
          parentPort.postMessage({ id: m.id });
        }))
        .finally(() => open.delete(m.id));
      // A transaction that could not begin answers with its error.
      await entry.done.catch((error) => entry.tx || parentPort.postMessage({ id: m.id, error: fail(error) }));
      return;
    }
    try {
      if (m.op === 'query') reply(m.id, await pg.query(m.sql, m.params));
      else if (m.op === 'exec') {
        await pg.exec(m.sql);
        parentPort.postMessage({ id: m.id });
      } else if (m.op === 'close') {
        await pg.close();
        parentPort.postMessage({ id: m.id });
      }
    } catch (error) {
      parentPort.postMessage({ id: m.id, error: fail(error) });
    }
  };
  const next = () => {
    if (busy) return;
    const read = reads.length > 0 && (writes.length === 0 || jumped < READS_AHEAD);
    const m = read ? reads.shift() : writes.shift();
    if (!m) return;
    jumped = read && writes.length ? jumped + 1 : 0;
    busy = true;
    hold(m).finally(() => {
      busy = false;
      next();
    });
  };
  parentPort.on('message', async (m) => {
    if (!m.tx) {
      (m.lane === 'read' ? reads : writes).push(m);
      return next();
    }
    try {
      if (m.op === 'query') reply(m.id, await inside(m).tx.query(m.sql, m.params));
      else if (m.op === 'exec') {
        await inside(m).tx.exec(m.sql);
        parentPort.postMessage({ id: m.id });
      } else if (m.op === 'commit') {
        const entry = inside(m);
        entry.commit();
        await entry.done;
        parentPort.postMessage({ id: m.id });
      } else if (m.op === 'rollback') {
        const entry = inside(m);
        entry.rollback(new Error('rolled back'));
        await entry.done.catch(() => {});
        parentPort.postMessage({ id: m.id });
      }
    } catch (error) {
      parentPort.postMessage({ id: m.id, error: fail(error) });
    }
  });
  parentPort.postMessage({ id: 0 });
})();
`;

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { bootstrap } from './apps/bootstrap';
import { listApps } from './apps/app-store';
import { createCollector, type CollectorOptions } from './create-collector';
import type { Db } from './db/database';
import { migrate } from './db/migrate';
import { openPglite } from './db/open-pglite';
import { openPostgres } from './db/open-postgres';
import type { ServerSettings } from './settings';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

/**
 * Makes the PGlite data folder if needed and proves it takes a file, so a read-only folder
 * fails the start with one line instead of a WASM stack trace (or worse, later writes).
 */
function checkWritable(dir: string): void {
  const probe = join(dir, '.habitual-write-check');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    throw new Error(`habitual-server: the data folder ${dir} is not writable (${code}); give the collector write access to it or choose another with --data.`);
  }
}

/**
 * Opens storage (PostgreSQL by URL, else PGlite on disk), migrates, bootstraps the first app,
 * and listens. `log` receives the lines meant for the operator (keys of a new app).
 */
export async function startServer(
  settings: ServerSettings,
  options: Omit<CollectorOptions, 'db'> & { log?: (line: string) => void } = {},
): Promise<RunningServer> {
  const { log = (line) => console.log(line), ...collector } = options;
  let db: Db;
  if (settings.databaseUrl) db = await openPostgres(settings.databaseUrl);
  else {
    const dir = resolve(settings.dataDir);
    checkWritable(dir);
    db = await openPglite(dir, { wasm: settings.pgliteWasm });
  }
  // Dashboard reads (accounts list, scorecards) may go to a read replica.
  const readDb = settings.databaseUrl && settings.databaseReadUrl ? await openPostgres(settings.databaseReadUrl) : db;
  const applied = await migrate(db);
  if (applied.length) log(`habitual-server: migrated ${db.kind} to version ${applied[applied.length - 1]}`);
  const boot = await bootstrap(db, settings.env);
  if (boot.created && boot.app) {
    log(`habitual-server: created app "${boot.app.id}"`);
    log(`  write key  ${boot.app.writeKey}`);
    // A secret the operator set (HABITUAL_SECRET) is theirs already: never echo it into logs.
    if (!settings.env.HABITUAL_SECRET) log(`  secret     ${boot.app.secret}`);
  }
  if (boot.adminToken) log(`  admin token ${boot.adminToken}  (keep it: it is stored hashed)`);
  for (const a of await listApps(db)) {
    if (!a.verifyIdentity)
      log(`habitual-server: app "${a.id}" accepts unverified user ids; sign them in your backend and turn identity verification on (README, "Identity").`);
  }
  const { app, states } = createCollector({ db, readDb, trustProxy: settings.trustProxy, ...collector });
  // The scheduled pass: midnights, config changes, and work a stopped collector left claimed.
  states.start();
  states.kick();
  const server = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host });
  await new Promise<void>((done, failed) => {
    server.once('listening', done);
    server.once('error', failed);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host;
  const url = `http://${shown}:${port}`;
  log(`habitual-server: listening on ${url} (${db.kind}${settings.databaseUrl ? '' : ` in ${resolve(settings.dataDir)}`}); dashboard ${url}/admin`);
  return {
    url,
    port,
    db,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        // Keep-alive sockets would hold close() open until they time out.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await states.stop();
      if (readDb !== db) await readDb.close();
      await db.close();
    },
  };
}

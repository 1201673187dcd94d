// `npm start`: the Ledgerly demo with Habitual embedded and the collector behind it.
// Starts the collector (PGlite), seeds it with a few dozen simulated accounts, serves the
// demo page and prints where everything is. `npm run build` must have run (npm start does).
//
// Env: PORT (collector, 8787), DEMO_PORT (3000), HOST (0.0.0.0), HABITUAL_DATA (collector
// data folder; default a fresh temporary one, removed on exit), HABITUAL_ADMIN_TOKEN,
// HABITUAL_ORIGINS (more allowed origins), HABITUAL_ENDPOINT (the collector's public URL).
// The demo always runs the collector on PGlite: a DATABASE_URL in the environment (CI sets
// one for the collector's own tests) is left alone, never filled with demo accounts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoServer } from './lib/demo-server.mjs';
import { ledgerlyConfig } from './public/ledgerly-config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = ['packages/server/dist/server.mjs', 'packages/server/dist/admin.js', 'packages/sdk/dist/habitual.js', 'demo/dist/seed.mjs'];
const missing = built.filter((f) => !existsSync(join(root, f)));
if (missing.length) {
  console.error(`demo: ${missing.join(', ')} missing; run \`npm run build\` first (\`npm start\` does both).`);
  process.exit(1);
}
const { readSettings, startServer } = await import('../packages/server/dist/server.mjs');
const { seedCollector, seedTeammates } = await import('./dist/seed.mjs');

const env = process.env;
const port = (name, fallback) => {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}="${env[name]}" is not a port number (0-65535).`);
  return n;
};
const host = env.HOST ?? '0.0.0.0';
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
const tempData = env.HABITUAL_DATA ? undefined : mkdtempSync(join(tmpdir(), 'habitual-demo-'));
const keys = {
  appId: 'ledgerly',
  writeKey: `wk_demo_${randomBytes(12).toString('base64url')}`,
  secret: `sk_demo_${randomBytes(24).toString('base64url')}`,
  adminToken: env.HABITUAL_ADMIN_TOKEN || `at_demo_${randomBytes(18).toString('base64url')}`,
};

// The page's origin must be allowed by the collector, so the demo server listens first.
const demo = { ...keys, collectorUrl: '', collectorPort: 0, endpoint: env.HABITUAL_ENDPOINT };
const demoServer = createDemoServer(demo);
await listen(demoServer, port('DEMO_PORT', 3000), host, 'DEMO_PORT');
const demoPort = demoServer.address().port;
const demoUrl = `http://${shownHost}:${demoPort}/`;

const origins = [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`, ...(env.HABITUAL_ORIGINS ?? '').split(',').filter(Boolean)];
const settings = readSettings([], {
  ...env,
  PORT: String(port('PORT', 8787)),
  HOST: host,
  DATABASE_URL: '',
  HABITUAL_DATA: env.HABITUAL_DATA || tempData,
  HABITUAL_APP_ID: keys.appId,
  HABITUAL_WRITE_KEY: keys.writeKey,
  HABITUAL_SECRET: keys.secret,
  HABITUAL_ADMIN_TOKEN: keys.adminToken,
  HABITUAL_ORIGINS: origins.join(','),
});
let collector;
try {
  collector = await startServer(settings, { log: () => {} });
} catch (error) {
  console.error(
    `demo: the collector did not start: ${error.message}${error.code === 'EADDRINUSE' ? ` (set PORT to a free port, e.g. PORT=8788 npm start)` : ''}`,
  );
  await stop(1);
}
demo.collectorPort = collector.port;
demo.collectorUrl = `http://127.0.0.1:${collector.port}`;
demo.seedTeammates = (accountId, today) => seedTeammates({ ...keys, collector: demo.collectorUrl, accountId, today });
const collectorUrl = `http://${shownHost}:${collector.port}`;

// Seed once per data folder: a kept HABITUAL_DATA already holds its accounts.
const started = Date.now();
const { accounts } = await (await fetch(`${demo.collectorUrl}/v1/accounts`, { headers: { authorization: `Bearer ${keys.adminToken}` } })).json();
let seeded = 'kept the accounts already in HABITUAL_DATA';
if (!accounts?.length) {
  const r = await seedCollector({ collector: demo.collectorUrl, appId: keys.appId, writeKey: keys.writeKey, secret: keys.secret, config: ledgerlyConfig });
  seeded = `seeded ${r.accounts} accounts (${Object.entries(r.kinds)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')}), ${r.users} users, ${r.days} days of rollups in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
console.log(`
Ledgerly demo with Habitual is running.

  Demo app          ${demoUrl}
  Next day          ${demoUrl}?now=${tomorrow}   (dev-only time travel)
  Admin dashboard   ${collectorUrl}/admin
  Admin token       ${keys.adminToken}
  Collector         ${collectorUrl}  (${collector.db.kind}, ${tempData ? 'temporary data' : 'data kept'})

  Collector ${seeded}.
  Ctrl+C stops both.
`);

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

function listen(server, p, h, name) {
  return new Promise((done, failed) => {
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE') console.error(`demo: port ${p} is in use; set ${name} to a free port, e.g. ${name}=${p + 1} npm start`);
      failed(error);
    });
    server.listen(p, h, done);
  }).catch(() => process.exit(1));
}

async function stop(code) {
  demoServer.closeAllConnections?.();
  await new Promise((done) => demoServer.close(() => done()));
  await collector?.close().catch(() => {});
  if (tempData) rmSync(tempData, { recursive: true, force: true });
  process.exit(code);
}

// Ledgerly's tiny backend: serves the page, the Habitual bundles exactly as built, and the
// one server-side call a real host makes: at sign-up it registers the account's plan with
// the collector and signs the user id with the app secret (which never reaches the page).
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const publicDir = join(root, 'demo/public');
const sdkDir = join(root, 'packages/sdk/dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// What a customer's server hosts: habitual.js and the chunks it loads from its own folder
// (the engine, the widgets' shell and each widget's own chunk).
const SDK_FILES = /^\/(habitual(?:-engine|-widgets|-widget-[a-z]+)?\.js(?:\.map)?)$/;

// Every new workspace starts on the Starter plan.
const NEW_ACCOUNT_PLAN = { plan: 'Starter', pricePerMonth: 29, paidSeats: 3 };

/**
 * @param {{ appId: string, writeKey: string, secret: string, collectorUrl: string, collectorPort: number, endpoint?: string }} options
 * @returns {import('node:http').Server} not yet listening
 */
export function createDemoServer(options) {
  return createServer((req, res) => {
    handle(req, res, options).catch((error) => {
      console.error('demo:', error);
      send(res, 500, { error: 'The demo server failed on this request; see its console.' });
    });
  });
}

function send(res, status, body, type = 'application/json') {
  const bytes = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(bytes);
}

async function handle(req, res, o) {
  const url = new URL(req.url ?? '/', 'http://demo');
  if (req.method === 'POST' && url.pathname === '/api/session') return session(req, res, o);
  if (req.method === 'POST' && url.pathname === '/api/teammates') return teammates(req, res, o);
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: `${req.method} is not served here.` });
  if (url.pathname === '/env.js') {
    const env = { appId: o.appId, writeKey: o.writeKey, collectorPort: o.collectorPort, ...(o.endpoint ? { endpoint: o.endpoint } : {}) };
    return send(res, 200, `export const env = ${JSON.stringify(env)};\n`, TYPES['.js']);
  }
  const sdk = SDK_FILES.exec(url.pathname);
  const path = sdk ? join(sdkDir, sdk[1]) : join(publicDir, normalize(url.pathname === '/' ? '/index.html' : url.pathname));
  if (!sdk && !path.startsWith(publicDir)) return send(res, 404, { error: 'Not found.' });
  try {
    return send(res, 200, await readFile(path), TYPES[extname(path)] ?? 'application/octet-stream');
  } catch {
    if (sdk) return send(res, 404, `// ${sdk[1]} is missing: run \`npm run build\`.`, TYPES['.js']);
    return send(res, 404, { error: `${url.pathname} is not part of the demo.` });
  }
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw Object.assign(new Error('body too large'), { status: 413 });
  }
  return JSON.parse(text || '{}');
}

const slug = (s) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'company';

// Dev bar: "Add teammates" fills the visitor's account with three colleagues (demo/src/seed-team.ts).
async function teammates(req, res, o) {
  let body;
  try {
    body = await readJson(req);
  } catch {
    return send(res, 400, { error: 'Send JSON: { "accountId": "...", "today": "YYYY-MM-DD" }.' });
  }
  const { accountId, today } = body;
  if (typeof accountId !== 'string' || !/^[a-z0-9-]{1,60}$/.test(accountId))
    return send(res, 400, { error: 'accountId must be the account from /api/session.' });
  if (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return send(res, 400, { error: 'today must be a date, YYYY-MM-DD.' });
  if (!o.seedTeammates) return send(res, 503, { error: 'The demo cannot seed teammates here.' });
  try {
    return send(res, 200, { teammates: await o.seedTeammates(accountId, today) });
  } catch (error) {
    return send(res, 502, { error: `The collector refused the teammates: ${error.message}` });
  }
}

async function session(req, res, o) {
  let body;
  try {
    body = await readJson(req);
  } catch {
    return send(res, 400, { error: 'Send JSON: { "company": "...", "name": "..." }.' });
  }
  const company = String(body.company ?? '')
    .trim()
    .slice(0, 80);
  const name = String(body.name ?? '')
    .trim()
    .slice(0, 80);
  if (!company || !name) return send(res, 400, { error: 'Enter your company and your name.' });
  const accountId = `${slug(company)}-${randomBytes(3).toString('hex')}`;
  const userId = `u_${randomBytes(6).toString('hex')}`;
  // The host's backend tells the collector what the account pays for (plan, price, seats):
  // the dashboard's depth and value-per-dollar need it.
  const put = await fetch(`${o.collectorUrl}/v1/accounts/${encodeURIComponent(accountId)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${o.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: company, ...NEW_ACCOUNT_PLAN }),
  });
  if (!put.ok) return send(res, 502, { error: `The collector refused the new account (HTTP ${put.status}); is it running?` });
  // The collector verifies who a summary is from: user, account and expiry, signed with the
  // app secret in the exact form of README "Identity".
  const hashExpires = Math.floor(Date.now() / 1000) + 30 * 86_400;
  const hash = createHmac('sha256', o.secret).update(`habitual-identity-v2\n${userId}\n${accountId}\n${hashExpires}`).digest('hex');
  return send(res, 200, { userId, accountId, company, name, hash, hashExpires });
}

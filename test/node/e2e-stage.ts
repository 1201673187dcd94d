// The stage the Chromium end-to-end tests share: a host app on one origin serving the built
// SDK and the test's own page, a collector on another origin that allows the host's, and
// Chromium. Each test writes only its page.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { startServer, type RunningServer } from '@habitual/server';
import { chromiumArgs, chromiumPath } from '../chromium';

export const root = join(import.meta.dirname, '..', '..');
export const dist = join(root, 'packages/sdk/dist');

/** What a test needs that is not there (its built files, Chromium); said once, so the skip is never silent. */
export function missingForE2E(name: string, files: string[]): string[] {
  const missing = [...files, chromiumPath].filter((f) => !existsSync(f));
  if (missing.length) console.warn(`[${name} e2e] skipped: ${missing.join(', ')} missing (run \`npm run build\`).`);
  return missing;
}

export interface E2EStage {
  collector: RunningServer;
  /** The host app's origin. */
  hostUrl: string;
  browser: Browser;
  /** A request to the collector with the admin token (JSON bodies). */
  admin(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** Names the data folder. */
  name: string;
  writeKey: string;
  secret: string;
  adminToken: string;
  /** Saved as the app's config before the browser starts, when given. */
  config?: object;
  /** Answers a host request other than the SDK's built files; false: 404. */
  page(url: URL, collectorUrl: string, res: ServerResponse): boolean;
}

/** Starts the host app, the collector (app `ledgerly`) and Chromium. */
export async function startE2EStage(o: E2EOptions): Promise<E2EStage> {
  const dataDir = mkdtempSync(join(tmpdir(), `habitual-${o.name}-e2e-`));
  let collectorUrl = '';
  const host = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (/^\/habitual[\w.-]*\.m?js$/.test(url.pathname) && existsSync(join(dist, url.pathname))) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return void res.end(readFileSync(join(dist, url.pathname)));
    }
    if (!o.page(url, collectorUrl, res)) res.writeHead(404).end();
  });
  await new Promise<void>((done) => host.listen(0, '127.0.0.1', done));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const env = {
    HABITUAL_APP_ID: 'ledgerly',
    HABITUAL_WRITE_KEY: o.writeKey,
    HABITUAL_SECRET: o.secret,
    HABITUAL_ADMIN_TOKEN: o.adminToken,
    HABITUAL_ORIGINS: hostUrl,
  };
  const collector = await startServer({ port: 0, host: '127.0.0.1', dataDir, env }, { log: () => {} });
  collectorUrl = collector.url;
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${collector.url}${path}`, { ...init, headers: { authorization: `Bearer ${o.adminToken}`, 'content-type': 'application/json', ...init.headers } });
  if (o.config) {
    const put = await admin('/v1/admin/config', { method: 'PUT', body: JSON.stringify({ config: o.config }) });
    if (put.status !== 200) throw new Error(`e2e stage: saving the config answered ${put.status}: ${await put.text()}`);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  return {
    collector,
    hostUrl,
    browser,
    admin,
    async close() {
      await browser.close();
      await collector.close();
      await new Promise((done) => host.close(done));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { root } from './stats';

// One loopback server for the browser benchmarks: the scripts (gzip, as a CDN serves them),
// the pages, and a sink that answers every SDK's network calls the way its service would,
// counting the bytes each page sends.

const sdk = (f: string) => join(root, 'packages/sdk/dist', f);
const mod = (f: string) => join(root, 'node_modules', f);

const scripts: Record<string, string> = {
  '/habitual.js': sdk('habitual.js'),
  '/habitual-engine.js': sdk('habitual-engine.js'),
  '/habitual-widgets.js': sdk('habitual-widgets.js'),
  '/static/array.js': mod('posthog-js/dist/array.js'),
  '/amplitude-min.js': mod('@amplitude/analytics-browser/lib/scripts/amplitude-min.js'),
  // BENCH_AB_DIST: a second build's script-tag pair, for the page 'habitual-b' (an A/B in one run).
  ...(process.env.BENCH_AB_DIST
    ? { '/b/habitual.js': join(process.env.BENCH_AB_DIST, 'habitual.js'), '/b/habitual-engine.js': join(process.env.BENCH_AB_DIST, 'habitual-engine.js') }
    : {}),
};

const snippet = () => readFileSync(sdk('snippet.min.js'), 'utf8');

// PostHog's published snippet (it loads <api_host>/static/array.js).
const POSTHOG_SNIPPET = `!function(t,e){var o,n,p,r;e.__SV||(window.posthog=e,e._i=[],e.init=function(i,s,a){function g(t,e){var o=e.split(".");2==o.length&&(t=t[o[0]],e=o[1]),t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}}(p=t.createElement("script")).type="text/javascript",p.crossOrigin="anonymous",p.async=!0,p.src=s.api_host.replace(".i.posthog.com","-assets.i.posthog.com")+"/static/array.js",(r=t.getElementsByTagName("script")[0]).parentNode.insertBefore(p,r);var u=e;for(void 0!==a?u=e[a]=[]:a="posthog",u.people=u.people||[],u.toString=function(t){var e="posthog";return"posthog"!==a&&(e+="."+a),t||(e+=" (stub)"),e},u.people.toString=function(){return u.toString(1)+".people (stub)"},o="capture identify alias people.set people.set_once set_config register register_once unregister opt_out_capturing has_opted_out_capturing opt_in_capturing reset isFeatureEnabled onFeatureFlags getFeatureFlag getFeatureFlagPayload reloadFeatureFlags group updateEarlyAccessFeatureEnrollment getEarlyAccessFeatures getActiveMatchingSurveys getSurveys onSessionId".split(" "),n=0;n<o.length;n++)g(u,o[n]);e._i.push([i,s,a])},e.__SV=1)}(document,window.posthog||[]);`;

const APP_CONFIG = {
  features: {
    'customer.created': { label: 'Add a customer', key: true },
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'import.completed': { label: 'Import customers', key: true },
  },
  activation: [
    { event: 'customer.created', count: 3 },
    { event: 'invoice.sent', count: 1 },
  ],
  funnels: [{ id: 'import', start: 'import.opened', done: 'import.completed', withinDays: 2 }],
  milestones: [{ id: 'first-invoice', event: 'invoice.sent', count: 1, title: 'First invoice sent' }],
};

const head = `<script>window.__t0=performance.now();</script>`;

const habitualPage = (extra: string, src = '') => `<!doctype html><html><head>${head}
<script>
// Marks when habitual.js has replaced the queue and replayed it.
(function(){var q;Object.defineProperty(window,'habitual',{configurable:true,get:function(){return q},set:function(v){var first=!q;q=v;if(!first)queueMicrotask(function(){window.__ready=performance.now()})}})})();
${src ? snippet().replace('"/habitual.js"', `"${src}"`) : snippet()}
habitual('init',{appId:'bench',writeKey:'wk_bench',endpoint:location.origin,user:{id:'u1',accountId:'a1'},now:window.__clock});
${extra}
window.__call=function(n,p){habitual.track(n,p)};
window.__flush=function(){return habitual.flush()};
</script></head><body></body></html>`;

/** Each contestant's page defines `__call(name, props)` and sets `__ready` once usable. */
const pages: Record<string, () => string> = {
  // The reference: nothing but the harness's own mark, which every contestant's page runs too.
  // Without it the first script of a page (the V8 context it sets up) counted as the SDK's.
  blank: () => `<!doctype html><html><head>${head}<title>blank</title></head><body></body></html>`,
  // The snippet as the README gives it, with a signed-in user: widgets off, nothing read.
  habitual: () => habitualPage(''),
  // The same page with the build in BENCH_AB_DIST (its engine chunk comes from beside it).
  'habitual-b': () => habitualPage('', '/b/habitual.js'),
  // The same page with a listener of the engagement state: the engine computes it at start.
  'habitual-state': () => habitualPage(`habitual('on','state',function(){window.__engineReady=window.__engineReady||performance.now()});`),
  // A page as an app has it: an inline config naming features and rules (widgets off), and
  // a few uses tracked at load, so the keeper has a day to store and a sync to make.
  'habitual-app': () => `<!doctype html><html><head>${head}
<script>
${snippet()}
habitual('init',{appId:'bench',writeKey:'wk_bench',endpoint:location.origin,user:{id:'u1',accountId:'a1'},config:${JSON.stringify(APP_CONFIG)}});
habitual('track','customer.created');habitual('track','invoice.sent',{value:120});habitual('track','report.viewed');
</script></head><body></body></html>`,
  posthog: () => `<!doctype html><html><head>${head}
<script>${POSTHOG_SNIPPET}
// Automation sets navigator.webdriver, which PostHog treats as a bot; its documented switch for tests:
posthog.init('phc_bench',{api_host:location.origin,opt_out_useragent_filter:true,loaded:function(){window.__ready=performance.now()}});
window.__call=function(n,p){posthog.capture(n,p)};
window.__flush=function(){return new Promise(function(r){setTimeout(r,4000)})};
</script></head><body></body></html>`,
  amplitude: () => `<!doctype html><html><head>${head}
<script src="/amplitude-min.js" async onload="
  window.__amp=amplitude.init('bench-key',{serverUrl:location.origin+'/2/httpapi',flushIntervalMillis:1000});
  window.__amp.promise.then(function(){window.__ready=performance.now()});
  window.__call=function(n,p){amplitude.track(n,p)};
  window.__flush=function(){return amplitude.flush().promise};
"></script></head><body></body></html>`,
};

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface BenchServer {
  origin: string;
  /** Bytes and requests the pages sent since the last reset. */
  sent(): { bytes: number; requests: number };
  reset(): void;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  let bytes = 0;
  let requests = 0;
  const gz = new Map<string, Buffer>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = scripts[url.pathname];
    if (req.method === 'GET' && file) {
      if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file), { level: 9 }));
      res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip', 'cache-control': 'no-store' });
      return res.end(gz.get(file));
    }
    if (req.method === 'GET' && url.pathname.startsWith('/page/')) {
      const page = pages[url.pathname.slice('/page/'.length)] as (() => string) | undefined;
      res.writeHead(page ? 200 : 404, { 'content-type': 'text/html' });
      return res.end(page ? page() : 'no such page');
    }
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    // The sink: everything else an SDK sends.
    const b = await body(req);
    requests++;
    bytes += b.length + url.pathname.length + url.search.length;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/v1/summaries') {
      const raw = b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
      const days = (JSON.parse(raw.toString() || '{}').days ?? []) as Array<{ day: string; rev: number }>;
      return json(200, { acks: days.map(({ day, rev }) => ({ day, rev })) });
    }
    // As the collector answers while nobody has saved a remote config.
    if (url.pathname === '/v1/config') {
      if (req.headers['if-none-match'] === '"v0"') return res.writeHead(304, { 'access-control-allow-origin': '*', etag: '"v0"' }).end();
      res.setHeader('etag', '"v0"');
      return json(200, { version: 0, config: {} });
    }
    if (url.pathname.startsWith('/2/httpapi'))
      return json(200, { code: 200, events_ingested: 1, payload_size_bytes: b.length, server_upload_time: Date.now() });
    if (/\/(flags|decide)/.test(url.pathname)) return json(200, { featureFlags: {}, sessionRecording: false, supportedCompression: [] });
    return json(200, { status: 1 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    sent: () => ({ bytes, requests }),
    reset: () => ((bytes = 0), (requests = 0)),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

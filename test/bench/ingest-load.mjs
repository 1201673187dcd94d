// A second process that loads the collector: node ingest-load.mjs <url> <seconds> [requestsPerSecond]
// Each request is one device's week (7 day summaries), gzip, as the sync client sends it;
// users rotate and revisions grow, so every request is a real upsert, and a user's counts grow
// with the revision, as a device's counters do (a later copy never counts less). Prints
// autocannon's figures as one JSON line.
import autocannon from 'autocannon';
import { gzipSync } from 'node:zlib';

const [url, seconds, rate] = process.argv.slice(2);
const USERS = 2000;
const names = ['customer.created', 'invoice.sent', 'invoice.paid', 'report.viewed', 'import.opened', 'other'];
// The week before today, as a device syncs it: days the collector keeps and counts in a user's
// state (days older than its retention are dropped, and a long-silent user's state is not the
// one a live app's load refreshes).
const WEEK_START = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 8 * 86_400_000;
const dayKey = (i) => new Date(WEEK_START + i * 86_400_000).toISOString().slice(0, 10);

function body(n) {
  const user = n % USERS;
  const rev = 1 + Math.floor(n / USERS);
  const days = Array.from({ length: 7 }, (_, i) => ({
    v: 1,
    day: dayKey(i),
    tz: 'Europe/Helsinki',
    rev,
    activeMs: 60_000 * (5 + rev + (user % 40)),
    features: Object.fromEntries(names.map((f, j) => [f, { n: rev + ((user + j) % 13), value: f === 'invoice.sent' ? 3 * rev : 0 }])),
    firsts: { 'import.opened': Date.parse(`${dayKey(i)}T09:00:00Z`) },
  }));
  const json = {
    v: 1,
    appId: 'bench',
    writeKey: 'wk_bench',
    identity: { userId: `load_${user}`, accountId: `acct_${user % 60}`, deviceId: `dev_${user}` },
    days,
  };
  return gzipSync(JSON.stringify(json));
}

// Bodies are made ahead so the load process spends its time sending.
const bodies = Array.from({ length: USERS * 4 }, (_, n) => body(n));
let next = 0;

const instance = autocannon(
  {
    url,
    method: 'POST',
    connections: 16,
    duration: Number(seconds),
    ...(rate ? { overallRate: Number(rate) } : {}),
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
  },
  (error, r) => {
    if (error) throw error;
    console.log(
      JSON.stringify({
        requests: r.requests.total,
        requestsPerSecond: r.requests.average,
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        max: r.latency.max,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        seconds: r.duration,
      }),
    );
  },
);
instance.on('error', (e) => console.error(e));

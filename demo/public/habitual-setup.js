// How Ledgerly wires Habitual in: one init with the user and the config, the app's own
// business numbers for the digest, and a track() call at each real action (see app.js).
import { env } from '/env.js';
import { ledgerlyConfig } from './ledgerly-config.js';
import { figures } from './books.js';
import { now, travelling } from './clock.js';

/** `habitual(...)` as the snippet defined it: a queue until /habitual.js replaces it. */
export const habitual = (...args) => window.habitual(...args);

/** The collector: the same host name the page was opened with, on the collector's port. */
const endpoint = () => env.endpoint ?? `${location.protocol}//${location.hostname}:${env.collectorPort}`;

export function startHabitual(session, books) {
  habitual('init', {
    appId: env.appId,
    writeKey: env.writeKey,
    endpoint: endpoint(),
    // The backend signed user, account and expiry with the app secret (/api/session): nobody else can
    // write this user's records.
    user: { id: session.userId, accountId: session.accountId, hash: session.hash, hashExpires: session.hashExpires, traits: { name: session.name } },
    config: ledgerlyConfig,
    // Dev only: `?now=YYYY-MM-DD` moves Habitual's clock with the page's (clock.js).
    ...(travelling ? { now } : {}),
    debug: true,
  });
  // The digest's business lines come from the app itself: Habitual never sees invoices.
  habitual('digest', () => {
    const f = figures(books());
    return [
      { label: 'Invoices paid, last 7 days', value: f.paidCount7, series: f.paidSeries14 },
      { label: 'Amount due', value: f.due, format: 'currency', currency: 'EUR' },
    ];
  });
}

import { saveApp } from '../apps/app-store';
import { setAdminToken } from '../apps/admin-token';
import { createCollector, type CollectorOptions } from '../create-collector';
import type { Db } from '../db/database';

export const ADMIN = 'at_test_admin';

/**
 * Two apps and an admin token in `db`, and a collector over it with helpers for admin calls
 * (`states.settle()` brings the kept states up to date). The apps take unsigned identities
 * (fixtures post summaries without hashes).
 */
export async function adminFixture(db: Db, options: Partial<CollectorOptions> = {}) {
  await setAdminToken(db, ADMIN);
  await saveApp(db, { id: 'ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: ['https://app.ledgerly.test'], verifyIdentity: false });
  await saveApp(db, { id: 'other', writeKey: 'wk_other', secret: 'sk_other', origins: ['https://other.test'], verifyIdentity: false });
  const { app, states } = createCollector({ db, rateLimit: { burst: 10_000 }, invalidRateLimit: { burst: 10_000 }, ...options });
  const call = (method: string, path: string, body?: unknown, token = ADMIN, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, call, states };
}

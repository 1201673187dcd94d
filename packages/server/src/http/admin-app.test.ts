import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { ADMIN, adminFixture } from '../testing/admin-fixture';
import { announceSkip, testDatabases } from '../testing/test-databases';

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`admin logins on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const from = (address: string, token: string) =>
      fx.app.request('/v1/admin/app', { headers: { authorization: `Bearer ${token}` } }, { incoming: { socket: { remoteAddress: address } } });

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { adminFailureRateLimit: { perMinute: 1, burst: 3 } });
    });
    afterAll(() => db?.drop());

    it('limits failed logins per address, whatever tokens are guessed', async () => {
      // Guesses that share no prefix: the old limit keyed by token prefix let each one through.
      for (const guess of ['at_aaaa', 'sk_bbbb', 'zz_cccc']) expect((await from('10.9.0.1', guess)).status).toBe(401);
      const blocked = await from('10.9.0.1', 'at_dddd');
      expect(blocked.status).toBe(429);
      expect((await blocked.json()).error).toMatch(/Too many failed logins from this address/);
      expect(blocked.headers.get('retry-after')).toBe('60');
      // Even the right token waits: the address is guessing.
      expect((await from('10.9.0.1', ADMIN)).status).toBe(429);
      // Another address, and successful logins, are not affected.
      expect((await from('10.9.0.2', ADMIN)).status).toBe(200);
      expect((await from('10.9.0.2', ADMIN)).status).toBe(200);
    });
  });
}

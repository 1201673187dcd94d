import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveApp } from '../apps/app-store';
import { createCollector } from '../create-collector';
import type { Db } from '../db/database';
import { identityHash } from '../http/identity';
import { deleteUser } from '../summaries/store-summaries';
import { post } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';

const NOW = Date.parse('2026-11-30T12:00:00Z');

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`team notes on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let app: ReturnType<typeof createCollector>['app'];
    const signed = (userId: string, accountId = 'acme') => ({ userId, accountId, deviceId: 'dev_a', hash: identityHash({ userId, accountId }, 'sk_test') });
    const share = (body: Record<string, unknown>, identity: unknown = signed('u_1')) =>
      app.request('/v1/team/notes', post({ appId: 'ledgerly', writeKey: 'wk_test', identity, day: '2026-11-30', text: 'Sent the quarter', ...body }));
    const unshare = (day: string, identity = signed('u_1')) =>
      app.request('/v1/team/notes', { ...post({ appId: 'ledgerly', writeKey: 'wk_test', identity, day }), method: 'DELETE' });
    const list = async (identity: Record<string, unknown> = signed('u_2')) => {
      const { deviceId: _, ...query } = identity as Record<string, string>;
      const q = new URLSearchParams({ appId: 'ledgerly', key: 'wk_test', ...query });
      return app.request(`/v1/team/notes?${q}`, { headers: { origin: 'https://app.ledgerly.test' } });
    };
    const notes = async (identity?: Record<string, unknown>) => (await (await list(identity)).json()).notes;

    beforeAll(async () => {
      db = await target.open();
      await saveApp(db, {
        id: 'ledgerly',
        name: 'Ledgerly',
        writeKey: 'wk_test',
        secret: 'sk_test',
        origins: ['https://app.ledgerly.test'],
        verifyIdentity: true,
      });
      app = createCollector({ db, now: () => NOW }).app;
    });
    afterAll(async () => {
      await db?.drop();
    });
    beforeEach(async () => {
      await db.exec('DELETE FROM team_notes');
      await db.exec('DELETE FROM rate_windows');
    });

    it('a shared note reaches verified teammates of the same account only, as text', async () => {
      const res = await share({ text: '<img src=x onerror=alert(1)>\nline two', name: 'Ana María' });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.ledgerly.test');
      expect(await notes()).toEqual([{ day: '2026-11-30', text: '<img src=x onerror=alert(1)>\nline two', name: 'Ana María' }]);
      // Not the author's own list, and nothing for another account.
      expect(await notes(signed('u_1'))).toEqual([]);
      expect(await notes(signed('u_9', 'globex'))).toEqual([]);
    });

    it('sharing the same day again replaces it; unsharing deletes it', async () => {
      await share({ text: 'first' });
      await share({ text: 'second' });
      await share({ day: '2026-11-29', text: 'older' });
      expect((await notes()).map((n: { text: string }) => n.text)).toEqual(['second', 'older']);
      const gone = await unshare('2026-11-30');
      expect(await gone.json()).toEqual({ deleted: true });
      expect((await notes()).map((n: { text: string }) => n.text)).toEqual(['older']);
      expect(await db.query('SELECT day FROM team_notes')).toEqual([{ day: '2026-11-29' }]);
    });

    it('refuses what the identity does not prove, storing nothing', async () => {
      const forged = await share({}, { ...signed('u_1'), accountId: 'globex' });
      expect(forged.status).toBe(403);
      const noAccount = await share({}, { userId: 'u_1', deviceId: 'dev_a', hash: identityHash({ userId: 'u_1' }, 'sk_test') });
      expect(noAccount.status).toBe(400);
      expect((await noAccount.json()).error).toMatch(/^identity\.accountId is missing/);
      const unsigned = await list({ userId: 'u_2', accountId: 'acme', deviceId: 'dev_b' });
      expect(unsigned.status).toBe(400);
      expect((await unsigned.json()).error).toMatch(/^hash is missing/);
      const forgedRead = await list({ ...signed('u_2'), accountId: 'globex' });
      expect(forgedRead.status).toBe(403);
      expect(await db.query('SELECT * FROM team_notes')).toEqual([]);
    });

    it('answers 403 when the app does not verify identities', async () => {
      await saveApp(db, { id: 'ledgerly', verifyIdentity: false });
      try {
        const res = await share({});
        expect(res.status).toBe(403);
        expect((await res.json()).error).toMatch(/does not verify identities/);
        expect((await list()).status).toBe(403);
      } finally {
        await saveApp(db, { id: 'ledgerly', verifyIdentity: true });
      }
    });

    it.each([
      [{ text: '' }, /^text: text must not be empty/],
      [{ text: 'x'.repeat(2001) }, /^text: text must be at most 2000 characters/],
      [{ text: 'bell\u0007' }, /^text: text must not contain control characters/],
      [{ text: 42 }, /^text: text must be a string/],
      [{ day: '2026-02-30' }, /^day: day must be a date of the calendar/],
      [{ day: '2026-12-05' }, /^day 2026-12-05 is in the future/],
      [{ day: '2024-01-01' }, /is more than 400 days ago/],
      [{ name: '<!channel>' }, /^name: name may hold only letters/],
    ])('refuses %j with a 400 naming the field', async (body, error) => {
      const res = await share(body);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(error);
      expect(await db.query('SELECT * FROM team_notes')).toEqual([]);
    });

    it('forget-me (DELETE /v1/users/:id) deletes the user’s shared notes', async () => {
      await share({ text: 'mine' });
      await share({ text: 'theirs' }, signed('u_3'));
      await deleteUser(db, 'ledgerly', 'u_1');
      expect((await notes()).map((n: { text: string }) => n.text)).toEqual(['theirs']);
    });

    it('answers a preflight for DELETE', async () => {
      const res = await app.request('/v1/team/notes', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.ledgerly.test', 'access-control-request-method': 'DELETE' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
    });
  });
}

import type { Hono } from 'hono';
import { addDays, dayKey } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { browserApp, spendRequest } from '../http/browser-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { singleQuery, verifiedTeammate } from '../http/verified-teammate';
import { TeamNotesQuery } from '../team/team-schema';
import { ShareNoteBody, UnshareNoteBody } from './team-notes-schema';
import { deleteTeamNote, listTeamNotes, saveTeamNote } from './team-notes-store';

/** How far back a shared note's day may be (the device keeps about as many days). */
const OLDEST_DAYS = 400;

// A local day is at most a day ahead of UTC's.
function checkDay(day: string, now: number) {
  const today = dayKey(Math.floor(now / 864e5));
  if (day > addDays(today, 1)) fail(400, `day ${day} is in the future.`);
  if (day < addDays(today, -OLDEST_DAYS)) fail(400, `day ${day} is more than ${OLDEST_DAYS} days ago.`);
}

/**
 * The journal's team notes: `POST /v1/team/notes` shares one day's note with the user's
 * account, `DELETE /v1/team/notes` unshares it, `GET /v1/team/notes` lists the account's
 * notes but the reader's own. Each answers a verified user only (identity v2 signs user and
 * account), spends the browser rate limits, and stores text that no one renders as HTML.
 */
export function teamNotesRoute(app: Hono, ctx: CollectorContext) {
  app.post('/v1/team/notes', async (c) => {
    const body = parseOr400(ShareNoteBody, await readJsonBody(c.req.raw, { maxBytes: 16_384 }));
    const target = await browserApp(c, ctx, body.appId, body.writeKey);
    const who = verifiedTeammate(target, body.identity, ctx.now(), 'identity.');
    checkDay(body.day, ctx.now());
    spendRequest(c, ctx, target);
    await saveTeamNote(ctx.db, target.id, { ...who, day: body.day, text: body.text, name: body.name || undefined }, ctx.now());
    return c.json({ shared: body.day });
  });

  app.delete('/v1/team/notes', async (c) => {
    const body = parseOr400(UnshareNoteBody, await readJsonBody(c.req.raw, { maxBytes: 4_096 }));
    const target = await browserApp(c, ctx, body.appId, body.writeKey);
    const who = verifiedTeammate(target, body.identity, ctx.now(), 'identity.');
    spendRequest(c, ctx, target);
    return c.json({ deleted: await deleteTeamNote(ctx.db, target.id, who.userId, body.day) });
  });

  app.get('/v1/team/notes', async (c) => {
    const q = parseOr400(TeamNotesQuery, singleQuery(c));
    const target = await browserApp(c, ctx, q.appId, q.key, 'key');
    const who = verifiedTeammate(target, { userId: q.userId, accountId: q.accountId, hash: q.hash, hashExpires: q.hashExpires }, ctx.now(), '');
    spendRequest(c, ctx, target);
    c.header('cache-control', 'no-store');
    return c.json({ notes: await listTeamNotes(ctx.db, target.id, who.accountId, who.userId) });
  });
}

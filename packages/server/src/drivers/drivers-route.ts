import * as v from 'valibot';
import type { Hono } from 'hono';
import { dayKey } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { currentConfig } from '../config/config-store';
import { loadOutcomes } from '../accounts/outcome-store';
import { computeDrivers } from './compute-drivers';
import { loadDriverUsers } from './load-driver-users';
import { readInferChurnDays, saveInferChurnDays } from './driver-settings';

const SettingsBody = v.object({
  inferChurnDays: v.pipe(
    v.number('inferChurnDays must be a number'),
    v.integer('inferChurnDays must be a whole number'),
    v.minValue(0, 'inferChurnDays must be 0 (never infer) or more'),
    v.maxValue(365, 'inferChurnDays must be at most 365'),
  ),
});

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `horizonDays` of the query: a whole number of days from 7 to 180, 30 when left out. */
function horizonOf(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 30;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 7 || n > 180) fail(400, `horizonDays query parameter must be a whole number of days from 7 to 180 (got "${raw}").`);
  return n;
}

/**
 * `GET /v1/drivers?app=&horizonDays=30`: which features predict retention (see
 * `computeDrivers`), from the stored summaries and the outcomes told (or inferred from
 * silence). `GET` / `PUT /v1/drivers/settings`: `inferChurnDays`, the silence that counts as
 * churn for apps without billing data (default 30; 0 never infers).
 */
export function driversRoute(app: Hono, ctx: CollectorContext) {
  // Seconds of work for a big app: the same question asked again while it runs shares the answer.
  const running = new Map<string, Promise<object>>();
  const answer = async (appId: string, horizonDays: number) => {
    const [{ config, version }, outcomes, inferChurnDays, users] = await Promise.all([
      currentConfig(ctx.readDb, appId),
      loadOutcomes(ctx.readDb, appId),
      readInferChurnDays(ctx.readDb, appId),
      loadDriverUsers(ctx.readDb, appId),
    ]);
    const today = dayKey(Math.floor(ctx.now() / 86_400_000));
    // Yield between groups of users, so ingest keeps flowing meanwhile.
    const report = await computeDrivers({ users, outcomes, config, today, horizonDays, inferChurnDays, pause: yieldToLoop });
    return { app: appId, configVersion: version, today, ...report };
  };

  app.get('/v1/drivers', async (c) => {
    const target = await adminApp(c, ctx);
    const horizonDays = horizonOf(c.req.query('horizonDays'));
    const key = `${target.id}\u0000${horizonDays}`;
    let work = running.get(key);
    if (!work) {
      running.set(key, (work = answer(target.id, horizonDays).finally(() => running.delete(key))));
    }
    return c.json(await work);
  });

  app.get('/v1/drivers/settings', async (c) => {
    const target = await adminApp(c, ctx);
    return c.json({ inferChurnDays: await readInferChurnDays(ctx.db, target.id) });
  });

  app.put('/v1/drivers/settings', async (c) => {
    const target = await adminApp(c, ctx);
    const { inferChurnDays } = parseOr400(SettingsBody, await readJsonBody(c.req.raw, { maxBytes: 1_024 }));
    await saveInferChurnDays(ctx.db, target.id, inferChurnDays);
    return c.json({ inferChurnDays });
  });
}

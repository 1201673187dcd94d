import * as v from 'valibot';
import type { Hono } from 'hono';
import type { HabitualConfig } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { currentConfig, listConfigVersions, rollbackConfig, saveConfig } from './config-store';

const SaveBody = v.object({
  // Valibot's record takes an array (as {}), so arrays are refused before it.
  config: v.pipe(
    v.unknown(),
    v.check((x) => !Array.isArray(x), 'config must be a JSON object, not an array'),
    v.record(v.string(), v.unknown(), 'config must be a JSON object'),
  ),
  note: v.optional(v.pipe(v.string('note must be a string'), v.maxLength(500, 'note must be at most 500 characters'))),
  /** The version the editor started from: saving over someone else's change is refused (409). */
  baseVersion: v.optional(v.pipe(v.number('baseVersion must be a number'), v.integer('baseVersion must be a whole number'))),
});

const RollbackBody = v.object({
  version: v.pipe(v.number('version must be a number'), v.integer('version must be a whole number'), v.minValue(1, 'version must be 1 or more')),
});

/**
 * The widget config editor's API: read the config in force with its history, save a new
 * version (validated by core's `validateConfig` first), roll back to an older one.
 */
export function configAdminRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/admin/config', async (c) => {
    const target = await adminApp(c, ctx);
    const current = await currentConfig(ctx.db, target.id);
    const versions = (await listConfigVersions(ctx.db, target.id)).map(({ version, note, createdAt }) => ({ version, note, createdAt }));
    return c.json({ app: target.id, ...current, versions });
  });

  app.get('/v1/admin/config/versions/:version', async (c) => {
    const target = await adminApp(c, ctx);
    const version = Number(c.req.param('version'));
    const found = (await listConfigVersions(ctx.db, target.id)).find((x) => x.version === version);
    if (!found) fail(404, `Config version ${c.req.param('version')} does not exist for app "${target.id}".`);
    return c.json(found);
  });

  app.put('/v1/admin/config', async (c) => {
    const target = await adminApp(c, ctx);
    const body = parseOr400(SaveBody, await readJsonBody(c.req.raw, { maxBytes: 65_536 }));
    const problems = ctx.validateConfig(body.config);
    if (problems.length) {
      const first = problems[0];
      fail(400, `config${first.path ? `.${first.path}` : ''}: ${first.message}`, undefined, { problems });
    }
    if (body.baseVersion !== undefined) {
      const { version } = await currentConfig(ctx.db, target.id);
      if (version !== body.baseVersion)
        fail(409, `baseVersion ${body.baseVersion} is stale: the config changed since you opened it (now v${version}); reload and apply your change again.`);
    }
    const saved = await saveConfig(ctx.db, target.id, body.config as HabitualConfig, body.note ?? '');
    return c.json(saved);
  });

  app.post('/v1/admin/config/rollback', async (c) => {
    const target = await adminApp(c, ctx);
    const { version } = parseOr400(RollbackBody, await readJsonBody(c.req.raw, { maxBytes: 1_024 }));
    const saved = await rollbackConfig(ctx.db, target.id, version);
    if (!saved) fail(404, `version: config version ${version} does not exist for app "${target.id}".`);
    return c.json(saved);
  });
}

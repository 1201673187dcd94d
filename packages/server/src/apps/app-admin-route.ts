import * as v from 'valibot';
import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { saveApp, type App } from './app-store';

const webhook = (name: string, host: RegExp) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.string(`webhooks.${name} must be a URL`),
        v.url(`webhooks.${name} must be a URL`),
        v.check((u) => host.test(new URL(u).hostname), `webhooks.${name} must be a ${name} webhook URL`),
      ),
    ),
  );

const AppBody = v.object({
  name: v.optional(
    v.pipe(v.string('name must be a string'), v.minLength(1, 'name must not be empty'), v.maxLength(200, 'name must be at most 200 characters')),
  ),
  origins: v.optional(
    v.array(
      v.pipe(v.string('origins must be strings'), v.regex(/^(\*|https?:\/\/[^/\s]+)$/, 'origins must be "*" or scheme://host[:port] without a path')),
      'origins must be an array',
    ),
  ),
  verifyIdentity: v.optional(v.boolean('verifyIdentity must be true or false')),
  webhooks: v.optional(
    v.object({ slack: webhook('slack', /(^|\.)slack\.com$/), discord: webhook('discord', /(^|\.)(discord|discordapp)\.com$/) }, 'webhooks must be an object'),
  ),
});

/** What the dashboard shows of an app: never the secret, and webhook URLs only as set or not. */
const view = (app: App) => ({
  id: app.id,
  name: app.name,
  writeKey: app.writeKey,
  origins: app.origins,
  verifyIdentity: app.verifyIdentity,
  webhooks: { slack: !!app.webhooks.slack, discord: !!app.webhooks.discord },
  configVersion: app.configVersion,
});

/** `GET /v1/admin/app` and `PUT /v1/admin/app`: origins, identity verification, share webhooks. */
export function appAdminRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/admin/app', async (c) => c.json(view(await adminApp(c, ctx))));

  app.put('/v1/admin/app', async (c) => {
    const target = await adminApp(c, ctx);
    const body = parseOr400(AppBody, await readJsonBody(c.req.raw, { maxBytes: 16_384 }));
    const webhooks = { ...target.webhooks };
    if (body.webhooks) {
      for (const name of ['slack', 'discord'] as const) {
        const url = body.webhooks[name];
        if (url === null) delete webhooks[name];
        else if (url) webhooks[name] = url;
      }
    }
    const saved = await saveApp(ctx.db, { id: target.id, name: body.name, origins: body.origins, verifyIdentity: body.verifyIdentity, webhooks });
    return c.json(view(saved));
  });
}

import type { Db } from '../db/database';
import { listApps, newKey, saveApp, type App } from './app-store';
import { hasAdminToken, setAdminToken } from './admin-token';

export interface BootstrapEnv {
  HABITUAL_ADMIN_TOKEN?: string;
  HABITUAL_APP_ID?: string;
  HABITUAL_WRITE_KEY?: string;
  HABITUAL_SECRET?: string;
  /** Comma-separated allowed origins, `*` for any. */
  HABITUAL_ORIGINS?: string;
}

export interface BootstrapResult {
  app?: App;
  /** Set when this start created the app (print its keys once). */
  created: boolean;
  /** Set when this start generated the admin token (print it once). */
  adminToken?: string;
}

/**
 * First start: creates a demo app and an admin token when there is none. The env variables
 * set (or reset) them instead, for automation; they win on every start.
 */
export async function bootstrap(db: Db, env: BootstrapEnv): Promise<BootstrapResult> {
  const origins = env.HABITUAL_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  let adminToken: string | undefined;
  if (env.HABITUAL_ADMIN_TOKEN) await setAdminToken(db, env.HABITUAL_ADMIN_TOKEN);
  else if (!(await hasAdminToken(db))) {
    adminToken = newKey('at');
    await setAdminToken(db, adminToken);
  }
  const apps = await listApps(db);
  if (env.HABITUAL_APP_ID || env.HABITUAL_WRITE_KEY || env.HABITUAL_SECRET) {
    const id = env.HABITUAL_APP_ID ?? apps[0]?.id ?? 'demo';
    const created = !apps.some((a) => a.id === id);
    const app = await saveApp(db, {
      id,
      writeKey: env.HABITUAL_WRITE_KEY,
      secret: env.HABITUAL_SECRET,
      origins: origins ?? (created ? ['*'] : undefined),
    });
    return { app, created, adminToken };
  }
  if (apps.length === 0) {
    const app = await saveApp(db, { id: 'demo', name: 'Demo app', origins: origins ?? ['*'] });
    return { app, created: true, adminToken };
  }
  if (origins) return { app: await saveApp(db, { id: apps[0].id, origins }), created: false, adminToken };
  return { app: apps[0], created: false, adminToken };
}

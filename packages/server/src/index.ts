export { createCollector, type CollectorOptions } from './create-collector';
export { startServer, type RunningServer } from './start-server';
export { readSettings, type ServerSettings } from './settings';
export type { Db } from './db/database';
export { openPglite } from './db/open-pglite';
export { openPostgres } from './db/open-postgres';
export { migrate } from './db/migrate';
export { saveApp, findApp, listApps, type App } from './apps/app-store';
export { identityHash } from './http/identity';

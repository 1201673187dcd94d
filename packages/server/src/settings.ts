import type { BootstrapEnv } from './apps/bootstrap';

export interface ServerSettings {
  /** @default 8787 (0 picks a free port) */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
  /** Any PostgreSQL; without it PGlite stores data in `dataDir`. */
  databaseUrl?: string;
  /** A read replica of `databaseUrl` for the dashboard's reads (accounts list, scorecards). */
  databaseReadUrl?: string;
  /** @default './.habitual-data' */
  dataDir: string;
  env: BootstrapEnv;
}

const USAGE = `Usage: habitual-server [--port 8787] [--host 0.0.0.0] [--database-url postgres://...] [--data ./.habitual-data]
Env: PORT, HOST, DATABASE_URL, DATABASE_READ_URL, HABITUAL_DATA, HABITUAL_ADMIN_TOKEN, HABITUAL_APP_ID, HABITUAL_WRITE_KEY, HABITUAL_SECRET, HABITUAL_ORIGINS`;

/** Settings from flags, then env, then defaults. Throws a one-line reason on a bad flag. */
export function readSettings(argv: string[], env: Record<string, string | undefined>): ServerSettings | 'help' {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument "${arg}".\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`Flag --${m[1]} needs a value.\n${USAGE}`);
    flags[m[1]] = value;
  }
  const known = new Set(['port', 'host', 'database-url', 'data']);
  for (const name in flags) if (!known.has(name)) throw new Error(`Unknown flag --${name}.\n${USAGE}`);
  const port = Number(flags.port ?? env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Port "${flags.port ?? env.PORT}" is not a port number (0-65535).`);
  return {
    port,
    host: flags.host ?? env.HOST ?? '0.0.0.0',
    databaseUrl: flags['database-url'] ?? (env.DATABASE_URL || undefined),
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataDir: flags.data ?? env.HABITUAL_DATA ?? './.habitual-data',
    env: {
      HABITUAL_ADMIN_TOKEN: env.HABITUAL_ADMIN_TOKEN,
      HABITUAL_APP_ID: env.HABITUAL_APP_ID,
      HABITUAL_WRITE_KEY: env.HABITUAL_WRITE_KEY,
      HABITUAL_SECRET: env.HABITUAL_SECRET,
      HABITUAL_ORIGINS: env.HABITUAL_ORIGINS,
    },
  };
}

export const usage = USAGE;

import type { BootstrapEnv } from './apps/bootstrap';
import { pgliteWasm, type PgliteWasm } from './db/open-pglite';

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
  /**
   * Proxies in front of the collector whose X-Forwarded-For is trusted (`TRUST_PROXY`: a
   * count, `true` for 1). Rate limits key by the address the outermost of them saw; without
   * it by the socket's address. @default 0
   */
  trustProxy?: number;
  /** How PGlite's WASM is compiled (`HABITUAL_PGLITE_WASM`, see `WASM_FLAGS`). @default 'baseline' */
  pgliteWasm?: PgliteWasm;
  env: BootstrapEnv;
}

const USAGE = `Usage: habitual-server [--port 8787] [--host 0.0.0.0] [--database-url postgres://...] [--data ./.habitual-data] [--trust-proxy 0]
Env: PORT, HOST, DATABASE_URL, DATABASE_READ_URL, HABITUAL_DATA, TRUST_PROXY, HABITUAL_PGLITE_WASM, HABITUAL_ADMIN_TOKEN, HABITUAL_APP_ID, HABITUAL_WRITE_KEY, HABITUAL_SECRET, HABITUAL_ORIGINS`;

function readTrustProxy(raw: string | undefined): number {
  if (raw === undefined || raw === '' || raw === 'false') return 0;
  if (raw === 'true') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY "${raw}" is not a number of proxies (0-10, or true for 1).`);
  return n;
}

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
  const known = new Set(['port', 'host', 'database-url', 'data', 'trust-proxy']);
  for (const name in flags) if (!known.has(name)) throw new Error(`Unknown flag --${name}.\n${USAGE}`);
  const port = Number(flags.port ?? env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Port "${flags.port ?? env.PORT}" is not a port number (0-65535).`);
  return {
    port,
    host: flags.host ?? env.HOST ?? '0.0.0.0',
    databaseUrl: flags['database-url'] ?? (env.DATABASE_URL || undefined),
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataDir: flags.data ?? env.HABITUAL_DATA ?? './.habitual-data',
    trustProxy: readTrustProxy(flags['trust-proxy'] ?? env.TRUST_PROXY),
    pgliteWasm: pgliteWasm(env.HABITUAL_PGLITE_WASM, 'HABITUAL_PGLITE_WASM'),
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

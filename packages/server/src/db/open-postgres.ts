import pg from 'pg';
import type { Db, QueryOptions } from './database';

// bigint (int8) and numeric arrive as strings by default; every count here fits a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface PostgresOptions {
  /** Work inside this schema (created if missing): tests and benches share one database. */
  schema?: string;
  /** Pool size. @default 10 */
  max?: number;
}

const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

/** Any PostgreSQL (or Citus) by URL. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const { schema, max = 10 } = options;
  if (schema && !SAFE_NAME.test(schema)) throw new Error(`Schema name "${schema}" must be lowercase letters, digits and _.`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({ connectionString: url, max, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client that loses its server must not crash the collector.
  pool.on('error', () => {});
  const over = (client: pg.Pool | pg.PoolClient, transaction: Db['transaction'], close: () => Promise<void>): Db => ({
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[], options?: QueryOptions) =>
      (await (options?.name ? client.query({ name: options.name, text: sql, values: params }) : client.query(sql, params))).rows as T[],
    exec: async (sql) => void (await client.query(sql)),
    transaction,
    close,
  });
  const nested = (): Promise<never> => Promise.reject(new Error('Nested transactions are not supported.'));
  return over(
    pool,
    async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(over(client, nested, async () => {}));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    () => pool.end(),
  );
}

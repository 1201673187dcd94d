export interface QueryOptions {
  /**
   * A hot statement whose text never varies: PostgreSQL keeps it prepared under this name on
   * each connection, so it is parsed and planned once per connection instead of with every
   * call. PGlite runs it as any other statement.
   */
  name?: string;
}

/** The little of SQL the collector needs; PGlite and node-postgres both fit behind it. */
export interface Db {
  kind: 'pglite' | 'postgres';
  /** One parameterised statement; rows as plain objects (jsonb parsed). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

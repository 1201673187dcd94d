import { createHash } from 'node:crypto';
import type { Db } from './database';

/** A hot write kept in the database as a PL/pgSQL function (see `ensureRoutines`). */
export interface Routine {
  /** The function's name in the database: its stem and a hash of its definition. */
  name: string;
  /** `CREATE OR REPLACE FUNCTION` of it. */
  create: string;
  /** The statement that calls it, its arguments `$1`... in order: `SELECT name(...) AS result`. */
  call: string;
}

const ROUTINE_CALL = /^\s*SELECT \w+_r[0-9a-f]{10}\(/;

/** A routine's call: a SELECT that writes, which PGlite's read lane must not take. */
export const isRoutineCall = (sql: string) => ROUTINE_CALL.test(sql);

/**
 * A PL/pgSQL function `stem_r<hash>(args) RETURNS returns` running `body`. PL/pgSQL plans each
 * statement of a function once per connection, on PostgreSQL and on PGlite alike (whose driver
 * has no prepared statements), where a plain statement is parsed and planned with every call:
 * for the summaries write that was a third of the database's work. The hash of the definition
 * is in the name, so collectors of two builds sharing a database each call their own.
 */
export function routine(stem: string, args: string[], returns: string, body: string): Routine {
  const text = `(${args.join(', ')}) RETURNS ${returns} LANGUAGE plpgsql AS $routine$ ${body} $routine$`;
  const name = `${stem}_r${createHash('sha256').update(text).digest('hex').slice(0, 10)}`;
  const call = `SELECT ${name}(${args.map((_, i) => `$${i + 1}`).join(', ')}) AS result`;
  return { name, create: `CREATE OR REPLACE FUNCTION ${name}${text}`, call };
}

/** Creates (or replaces with the same text) each routine: part of `migrate`, under its lock. */
export async function ensureRoutines(tx: Db, routines: readonly Routine[]): Promise<void> {
  for (const r of routines) await tx.exec(r.create);
}

import type { Hono } from 'hono';
import type { CollectorContext } from './collector-context';

/** The admin API and dashboard routes mounted by `startServer` (beside the browser endpoints). */
export function collectorRoutes(): Array<(app: Hono, ctx: CollectorContext) => void> {
  return [];
}

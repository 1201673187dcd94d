import { routine } from '../db/routines';
import { queueStale } from '../state/mark-stale';
import { MERGE_STORED_DAY } from './merge-stored-day';

const MOVED = '(u.prev_account IS NOT NULL AND u.prev_account IS DISTINCT FROM u.account_id)';

/**
 * The summaries write in one statement: the user, the days, and the account's state queued
 * when a day was written (or the user moved: then both accounts compute whole). Round trips
 * were most of a request's cost in the collector; the days come as one array per column, the
 * features and first uses as one JSON array each. A routine (see `routine`), so the database
 * plans it once per connection. Returns the days written.
 */
export const STORE_SUMMARIES = routine(
  'habitual_store_summaries',
  [
    'p_app text',
    'p_user text',
    'p_device text',
    'p_account text',
    'p_tz text',
    'p_name text',
    'p_days text[]',
    'p_tzs text[]',
    'p_revs integer[]',
    'p_active float8[]',
    'p_features jsonb',
    'p_firsts jsonb',
  ],
  'integer',
  `DECLARE written integer;
  BEGIN
  WITH prev AS (SELECT account_id FROM users WHERE app_id = p_app AND id = p_user),
  u AS (INSERT INTO users (app_id, id, account_id, tz, last_seen, name) VALUES (p_app, p_user, p_account, p_tz, now(), p_name)
    ON CONFLICT (app_id, id) DO UPDATE SET account_id = COALESCE(EXCLUDED.account_id, users.account_id), tz = EXCLUDED.tz, last_seen = now(),
      name = COALESCE(EXCLUDED.name, users.name)
    RETURNING account_id, (SELECT account_id FROM prev) AS prev_account),
  w AS (INSERT INTO day_rollups (app_id, user_id, device_id, day, tz, rev, active_ms, features, firsts)
    SELECT p_app, p_user, p_device, d.day, d.tz, d.rev, d.active_ms, p_features -> (d.i::int - 1), p_firsts -> (d.i::int - 1)
    FROM unnest(p_days, p_tzs, p_revs, p_active) WITH ORDINALITY AS d(day, tz, rev, active_ms, i)
    ${MERGE_STORED_DAY}
    RETURNING day),
  q AS (${queueStale(`SELECT p_app, COALESCE(u.account_id, ''), CASE WHEN u.account_id IS NULL THEN p_user ELSE '' END,
      CASE WHEN u.account_id IS NULL THEN '{}'::text[] WHEN ${MOVED} THEN NULL ELSE ARRAY[p_user] END
      FROM u WHERE EXISTS (SELECT 1 FROM w) OR ${MOVED}
    UNION ALL SELECT p_app, u.prev_account, '', NULL::text[] FROM u WHERE ${MOVED}`)})
  SELECT count(*)::int INTO written FROM w;
  RETURN written;
  END`,
);

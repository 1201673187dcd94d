/**
 * The `ON CONFLICT` clause of the day upsert: a copy of a device's day merges into the stored
 * one as core's `mergeDeviceRollups` reads it (counters and active time take the max, first
 * uses the min, the zone of the higher revision), instead of replacing it when its `rev` is
 * higher. Counters only grow on a device, so a re-sent or older copy changes nothing, and a
 * forged copy with a huge `rev` cannot make later genuine copies be dropped: whatever they
 * add past the stored counts is kept. The row is written (and counted as stored) only when
 * the copy adds something.
 */
export const MERGE_STORED_DAY = `
  ON CONFLICT (app_id, user_id, device_id, day) DO UPDATE SET
    rev = GREATEST(day_rollups.rev, EXCLUDED.rev),
    tz = CASE WHEN EXCLUDED.rev > day_rollups.rev THEN EXCLUDED.tz ELSE day_rollups.tz END,
    active_ms = GREATEST(day_rollups.active_ms, EXCLUDED.active_ms),
    features = COALESCE((
      SELECT jsonb_object_agg(k, jsonb_build_object(
        'n', GREATEST((day_rollups.features -> k ->> 'n')::numeric, (EXCLUDED.features -> k ->> 'n')::numeric),
        'value', GREATEST((day_rollups.features -> k ->> 'value')::numeric, (EXCLUDED.features -> k ->> 'value')::numeric)))
      FROM (SELECT jsonb_object_keys(day_rollups.features) UNION SELECT jsonb_object_keys(EXCLUDED.features)) AS names (k)
    ), '{}'::jsonb),
    firsts = COALESCE((
      SELECT jsonb_object_agg(k, LEAST((day_rollups.firsts ->> k)::numeric, (EXCLUDED.firsts ->> k)::numeric))
      FROM (SELECT jsonb_object_keys(day_rollups.firsts) UNION SELECT jsonb_object_keys(EXCLUDED.firsts)) AS names (k)
    ), '{}'::jsonb),
    received_at = now()
  WHERE EXCLUDED.rev > day_rollups.rev
    OR EXCLUDED.active_ms > day_rollups.active_ms
    OR EXISTS (
      SELECT 1 FROM jsonb_each(EXCLUDED.features) AS f (k, c)
      WHERE NOT day_rollups.features ? k
        OR (c ->> 'n')::numeric > (day_rollups.features -> k ->> 'n')::numeric
        OR (c ->> 'value')::numeric > (day_rollups.features -> k ->> 'value')::numeric)
    OR EXISTS (
      SELECT 1 FROM jsonb_each_text(EXCLUDED.firsts) AS f (k, t)
      WHERE NOT day_rollups.firsts ? k OR t::numeric < (day_rollups.firsts ->> k)::numeric)`;

/**
 * The `ON CONFLICT` clause of the day upsert: a copy of a device's day merges into the stored
 * one as core's `mergeDeviceRollups` reads it (counters and active time take the max, the zone
 * of the higher revision; first uses, which a device sets once, keep the stored time), instead of replacing it when its `rev` is
 * higher. Counters only grow on a device, so a re-sent or older copy changes nothing, and a
 * forged copy with a huge `rev` cannot make later genuine copies be dropped: whatever they
 * add past the stored counts is kept. The row is written (and counted as stored) only when
 * the copy adds something. The per-feature max is the PL/pgSQL function `habitual_max_counts`
 * (migration 10), planned once per connection: the same logic as SQL subqueries was planned
 * with every upsert and more than doubled the statement's cost on PGlite.
 */
export const MERGE_STORED_DAY = `
  ON CONFLICT (app_id, user_id, device_id, day) DO UPDATE SET
    rev = GREATEST(day_rollups.rev, EXCLUDED.rev),
    tz = CASE WHEN EXCLUDED.rev > day_rollups.rev THEN EXCLUDED.tz ELSE day_rollups.tz END,
    active_ms = GREATEST(day_rollups.active_ms, EXCLUDED.active_ms),
    features = habitual_max_counts(day_rollups.features, EXCLUDED.features),
    -- A device sets a feature's first use once: the stored one stays, new names join.
    firsts = EXCLUDED.firsts || day_rollups.firsts,
    received_at = now()
  WHERE EXCLUDED.rev > day_rollups.rev
    OR EXCLUDED.active_ms > day_rollups.active_ms
    OR habitual_max_counts(day_rollups.features, EXCLUDED.features) <> day_rollups.features
    OR EXCLUDED.firsts || day_rollups.firsts <> day_rollups.firsts`;

/**
 * Versioned schema changes, applied in order at start and recorded in `schema_migrations`.
 * Never edit a shipped entry: add the next version. Plain SQL that PGlite and PostgreSQL share.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'apps, config versions, accounts, users, day rollups',
    sql: `
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE apps (
        id text PRIMARY KEY,
        name text NOT NULL,
        write_key text NOT NULL UNIQUE,
        secret text NOT NULL,
        origins jsonb NOT NULL DEFAULT '[]',
        verify_identity boolean NOT NULL DEFAULT false,
        webhooks jsonb NOT NULL DEFAULT '{}',
        config_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE config_versions (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        version integer NOT NULL,
        config jsonb NOT NULL,
        note text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_id, version)
      );
      CREATE TABLE accounts (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        id text NOT NULL,
        name text NOT NULL DEFAULT '',
        plan text NOT NULL DEFAULT '',
        price_per_month double precision NOT NULL DEFAULT 0,
        paid_seats integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_id, id)
      );
      CREATE TABLE users (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        id text NOT NULL,
        account_id text,
        tz text NOT NULL DEFAULT 'UTC',
        last_seen timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_id, id)
      );
      CREATE INDEX users_account ON users (app_id, account_id);
      CREATE TABLE day_rollups (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        device_id text NOT NULL,
        day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        tz text NOT NULL,
        rev integer NOT NULL,
        active_ms double precision NOT NULL,
        features jsonb NOT NULL,
        firsts jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_id, user_id, device_id, day)
      );
    `,
  },
  {
    version: 10,
    name: 'shared rate-limit windows; identity verification on by default',
    sql: `
      CREATE TABLE rate_windows (
        key text NOT NULL,
        window_start bigint NOT NULL,
        count integer NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (key, window_start)
      );
      CREATE INDEX rate_windows_expiry ON rate_windows (expires_at);
      -- New apps verify identities; existing apps keep what they had (a live integration
      -- that sends no hash must not stop syncing at an upgrade); the start log names them.
      ALTER TABLE apps ALTER COLUMN verify_identity SET DEFAULT true;
      -- The counters of two copies of one device's day, merged as core's mergeDeviceRollups
      -- reads them: per feature the max of n and of value (see summaries/merge-stored-day.ts).
      -- PL/pgSQL so its plan is made once per connection, not with every upsert.
      CREATE FUNCTION habitual_max_counts(stored jsonb, incoming jsonb) RETURNS jsonb
      LANGUAGE plpgsql IMMUTABLE AS $fn$
      DECLARE
        k text;
        c jsonb;
        merged jsonb := incoming;
      BEGIN
        FOR k, c IN SELECT * FROM jsonb_each(stored) LOOP
          IF NOT merged ? k THEN
            merged := merged || jsonb_build_object(k, c);
          ELSIF (c -> 'n') > (merged -> k -> 'n') OR (c -> 'value') > (merged -> k -> 'value') THEN
            merged := merged || jsonb_build_object(k, jsonb_build_object(
              'n', GREATEST(c -> 'n', merged -> k -> 'n'), 'value', GREATEST(c -> 'value', merged -> k -> 'value')));
          END IF;
        END LOOP;
        RETURN merged;
      END
      $fn$;
    `,
  },
];

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
    version: 2,
    name: 'kept engagement state: user_states, account_states, state_queue',
    sql: `
      -- Each user's state as core's engine computes it, kept as summaries arrive.
      CREATE TABLE user_states (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        account_id text,
        tz text NOT NULL,
        stage text,
        score integer,
        band text,
        l7 integer,
        l28 integer,
        last_active text,
        stuck jsonb,
        error text,
        config_version integer NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, user_id)
      );
      CREATE INDEX user_states_account ON user_states (app_id, account_id, user_id);
      CREATE INDEX user_states_config ON user_states (app_id, config_version);
      -- Each account's scorecard, with one column per sort of the accounts list (each indexed
      -- with the id as tie-break, so a page is a keyset range scan).
      CREATE TABLE account_states (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        account_id text NOT NULL,
        name text NOT NULL DEFAULT '',
        plan text NOT NULL DEFAULT '',
        sort_name text NOT NULL,
        mrr double precision NOT NULL DEFAULT 0,
        paid_seats integer NOT NULL DEFAULT 0,
        users integer NOT NULL DEFAULT 0,
        score integer NOT NULL,
        band text NOT NULL,
        trend double precision NOT NULL,
        card jsonb,
        error text,
        config_version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, account_id)
      );
      CREATE INDEX account_states_score ON account_states (app_id, score, account_id);
      CREATE INDEX account_states_trend ON account_states (app_id, trend, account_id);
      CREATE INDEX account_states_name ON account_states (app_id, sort_name, account_id);
      CREATE INDEX account_states_mrr ON account_states (app_id, mrr, account_id);
      CREATE INDEX account_states_users ON account_states (app_id, users, account_id);
      CREATE INDEX account_states_updated ON account_states (app_id, updated_at, account_id);
      CREATE INDEX account_states_config ON account_states (app_id, config_version);
      -- Work for the state refresher: an account ('' user) or an account-less user ('' account).
      -- due_at '-infinity' means new data; a future instant is the next local midnight at which
      -- silence can change the state. A claimed row carries a lease until it is done.
      CREATE TABLE state_queue (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        account_id text NOT NULL DEFAULT '',
        user_id text NOT NULL DEFAULT '',
        due_at timestamptz NOT NULL,
        lease text,
        PRIMARY KEY (app_id, account_id, user_id)
      );
      CREATE INDEX state_queue_due ON state_queue (due_at);
      -- The retention job's range (dropOldDays).
      CREATE INDEX day_rollups_day ON day_rollups (app_id, day);
      -- Data stored before this version gets its state computed by the first pass.
      INSERT INTO state_queue (app_id, account_id, user_id, due_at)
        SELECT app_id, COALESCE(account_id, ''), CASE WHEN account_id IS NULL THEN id ELSE '' END, '-infinity'::timestamptz FROM users
        UNION SELECT app_id, id, '', '-infinity'::timestamptz FROM accounts
        ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 90,
    name: 'incremental state refresher: changed users on the queue, scorecard inputs kept per user',
    sql: `
      -- The users of a queued account whose days changed; NULL: recompute every user (rows from
      -- before this version, config changes, moves and forgets).
      ALTER TABLE state_queue ADD COLUMN users text[];
      -- What the account scorecard reads of each user (accounts/scorecard-inputs.ts), so a pass
      -- computes only the changed users. NULL until the user's next computation.
      ALTER TABLE user_states ADD COLUMN inputs jsonb;
    `,
  },
  {
    version: 20,
    name: "each user's attention record (widget marks and shows), merged across devices",
    sql: `
      CREATE TABLE user_attention (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        record jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, user_id)
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
  {
    version: 50,
    name: 'experiment arms: which arm each user was counted in, and from which day',
    sql: `
      -- Filled at ingest from the widgets' hb:exp.<experiment>.<variant> counts, so an
      -- experiment's report reads its users by key instead of scanning every stored day.
      CREATE TABLE experiment_arms (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        experiment text NOT NULL,
        user_id text NOT NULL,
        variant text NOT NULL,
        first_day text NOT NULL,
        PRIMARY KEY (app_id, experiment, user_id, variant)
      );
      -- Forget-me deletes by user.
      CREATE INDEX experiment_arms_user ON experiment_arms (app_id, user_id);
      -- Arms counted before this version.
      INSERT INTO experiment_arms (app_id, experiment, user_id, variant, first_day)
        SELECT r.app_id, substring(f.key from '^hb:exp\\.(.+)\\.[^.]+$'), r.user_id, substring(f.key from '\\.([^.]+)$'), min(r.day)
          FROM day_rollups r, jsonb_each(r.features) f
         WHERE f.key ~ '^hb:exp\\..+\\.[^.]+$'
         GROUP BY 1, 2, 3, 4
        ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 40,
    name: 'outcomes of accounts and users; the drivers settings',
    sql: `
      -- What an account came to (PUT /v1/accounts/:id, the CSV upload): NULL status means
      -- never told, so churn may be inferred from silence instead.
      ALTER TABLE accounts ADD COLUMN status text CHECK (status IN ('active', 'churned'));
      ALTER TABLE accounts ADD COLUMN churned_at text;
      ALTER TABLE accounts ADD COLUMN renewed_at text;
      -- Users may carry outcomes of their own (self-serve products without accounts).
      CREATE TABLE user_outcomes (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'churned')),
        churned_at text,
        renewed_at text,
        mrr double precision,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_id, user_id)
      );
      CREATE TABLE driver_settings (
        app_id text PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
        infer_churn_days integer NOT NULL
      );
    `,
  },
  {
    version: 30,
    name: 'dashboard: score history, stage changes, list columns, user display names',
    sql: `
      -- One row per account per (its local) day: the score as last computed that day.
      CREATE TABLE account_scores (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        account_id text NOT NULL,
        day text NOT NULL,
        score integer,
        band text NOT NULL,
        users integer NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, account_id, day)
      );
      -- A user's stage moves, one row per user and (UTC) day: the stage the day began with and
      -- the one it ended with (rows where both agree are moves that went back).
      CREATE TABLE stage_changes (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        day text NOT NULL,
        account_id text,
        from_stage text,
        to_stage text NOT NULL,
        PRIMARY KEY (app_id, user_id, day)
      );
      CREATE INDEX stage_changes_day ON stage_changes (app_id, day);
      -- Every measure of the list sortable: one indexed column each (-1: no value).
      ALTER TABLE account_states ADD COLUMN depth double precision NOT NULL DEFAULT -1;
      ALTER TABLE account_states ADD COLUMN breadth double precision NOT NULL DEFAULT -1;
      ALTER TABLE account_states ADD COLUMN reach double precision NOT NULL DEFAULT -1;
      ALTER TABLE account_states ADD COLUMN value_per_dollar double precision NOT NULL DEFAULT -1;
      CREATE INDEX account_states_depth ON account_states (app_id, depth, account_id);
      CREATE INDEX account_states_breadth ON account_states (app_id, breadth, account_id);
      CREATE INDEX account_states_reach ON account_states (app_id, reach, account_id);
      CREATE INDEX account_states_value_per_dollar ON account_states (app_id, value_per_dollar, account_id);
      -- The display name a device sends (init's user.traits.name).
      ALTER TABLE users ADD COLUMN name text;
      -- Kept states from before this version get the new columns (and a first snapshot).
      INSERT INTO state_queue (app_id, account_id, user_id, due_at)
        SELECT app_id, account_id, '', '-infinity'::timestamptz FROM account_states
        ON CONFLICT (app_id, account_id, user_id) DO UPDATE SET due_at = '-infinity', lease = NULL;
    `,
  },
  {
    version: 31,
    name: 'alerts: per-app settings and an outbox',
    sql: `
      -- What an app is told about, and where (see alerts/alert-settings.ts).
      ALTER TABLE apps ADD COLUMN alerts jsonb NOT NULL DEFAULT '{}';
      -- Alerts decided in the refresher's transaction, delivered after it: one row per kind,
      -- subject and day (the key), so a recompute never alerts twice.
      CREATE TABLE alert_outbox (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        key text NOT NULL,
        kind text NOT NULL,
        account_id text,
        user_id text,
        facts jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        next_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz,
        error text,
        PRIMARY KEY (app_id, key)
      );
      CREATE INDEX alert_outbox_due ON alert_outbox (next_at) WHERE sent_at IS NULL;
      CREATE INDEX alert_outbox_recent ON alert_outbox (app_id, created_at);
    `,
  },
  {
    version: 80,
    name: 'team notes: journal notes a user shared with their account',
    sql: `
      -- One note per user and local day, written only by a verified user and read only by
      -- verified users of the same account (team-notes/). Unsharing or forget-me deletes it.
      CREATE TABLE team_notes (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        day text NOT NULL,
        account_id text NOT NULL,
        name text,
        text text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, user_id, day)
      );
      CREATE INDEX team_notes_account ON team_notes (app_id, account_id, day);
    `,
  },
  {
    version: 70,
    name: "team progress: who shows on the account's leaderboard, under which name",
    sql: `
      -- A row is an opt-in (PUT /v1/team/me); leaving deletes it, and so does forget-me.
      CREATE TABLE team_members (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        account_id text NOT NULL,
        display_name text NOT NULL,
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, user_id)
      );
      CREATE INDEX team_members_account ON team_members (app_id, account_id);
    `,
  },
  {
    version: 60,
    name: 'survey responses',
    sql: `
      -- One row per answer, keyed by the id the device made for it: re-sends store nothing twice.
      CREATE TABLE responses (
        app_id text NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        id text NOT NULL,
        user_id text NOT NULL,
        account_id text,
        form text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('choice', 'nps', 'csat')),
        choice text,
        score integer,
        text text,
        answered_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (app_id, id)
      );
      -- The report reads by time (and account); forget-me deletes by user.
      CREATE INDEX responses_time ON responses (app_id, answered_at);
      CREATE INDEX responses_account ON responses (app_id, account_id, answered_at);
      CREATE INDEX responses_user ON responses (app_id, user_id);
    `,
  },
  {
    version: 100,
    name: 'no planner statistics for JSON payloads',
    sql: `
      -- No query filters or joins on these: their statistics made ANALYZE of day_rollups three
      -- to four times slower (PGlite runs it from the collector, holding its one connection).
      ALTER TABLE day_rollups ALTER COLUMN features SET STATISTICS 0, ALTER COLUMN firsts SET STATISTICS 0;
      ALTER TABLE account_states ALTER COLUMN card SET STATISTICS 0;
      ALTER TABLE user_states ALTER COLUMN stuck SET STATISTICS 0;
      ALTER TABLE user_attention ALTER COLUMN record SET STATISTICS 0;
    `,
  },
  {
    version: 110,
    name: 'the per-feature max in one look-up per stored feature',
    sql: `
      -- Same result as version 10's. A feature whose incoming counts already cover the stored
      -- ones (a device's later copy: its counters only grow) costs one look-up and no rebuild;
      -- the merge was half the database's work per summary.
      CREATE OR REPLACE FUNCTION habitual_max_counts(stored jsonb, incoming jsonb) RETURNS jsonb
      LANGUAGE plpgsql IMMUTABLE AS $fn$
      DECLARE
        k text;
        c jsonb;
        m jsonb;
        merged jsonb := incoming;
      BEGIN
        FOR k, c IN SELECT * FROM jsonb_each(stored) LOOP
          m := incoming -> k;
          IF m IS NULL THEN
            merged := merged || jsonb_build_object(k, c);
          ELSIF (c -> 'n') > (m -> 'n') OR (c -> 'value') > (m -> 'value') THEN
            merged := merged || jsonb_build_object(k, jsonb_build_object(
              'n', GREATEST(c -> 'n', m -> 'n'), 'value', GREATEST(c -> 'value', m -> 'value')));
          END IF;
        END LOOP;
        RETURN merged;
      END
      $fn$;
    `,
  },
];

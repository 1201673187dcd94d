import type { Db } from '../db/database';
import { refreshStates } from './refresh-states';
import { dropOldDays } from './drop-old-days';

export interface StateRefresherOptions {
  db: Db;
  /** @default Date.now */
  now?: () => number;
  /**
   * Most queue rows per claim. A write to a claimed account takes its lease away and the
   * result is dropped, so under steady ingest a claim of 50 accounts lost nearly all of them:
   * each claim after one that lost rows takes half as many (down to one), and each after one
   * that kept them all twice as many (a backlog with no writes drains 50 at a time). @default 50
   */
  batch?: number;
  /** How often the scheduled pass looks for due work (midnights, config changes, lost claims, the daily retention job). @default 15000 */
  intervalMs?: number;
  /**
   * Least time from the end of one kicked pass to the start of the next (and never less than
   * twice the last pass took), so a stream of writes coalesces into few recomputes and ingest
   * keeps most of the CPU. @default 1000
   */
  minGapMs?: number;
  /** Where a failed pass is reported. @default console.error */
  log?: (message: string) => void;
  /**
   * Work that follows the states: after every pass (`scheduled` false) and on every scheduled
   * tick (true). The collector delivers alerts here, and the morning digest on ticks.
   * @default nothing
   */
  afterPass?: (scheduled: boolean) => Promise<unknown>;
}

export interface StateRefresher {
  /** Runs the refresher soon (after a write); several kicks while it runs make one more pass. */
  kick(): void;
  /** Runs passes until nothing is due; resolves when the kept states are up to date. */
  settle(): Promise<void>;
  /** Starts the scheduled pass. */
  start(): void;
  /** Stops the scheduled pass and waits for a running one. */
  stop(): Promise<void>;
}

/**
 * Keeps `user_states` and `account_states` up to date from `state_queue`. Holds nothing that
 * matters: any number of collectors run one each against one database; the queue's row locks
 * and leases decide who computes what.
 */
export function createStateRefresher(options: StateRefresherOptions): StateRefresher {
  const { db, now = Date.now, batch = 50, intervalMs = 15_000, minGapMs = 1_000, log = (m) => console.error(m), afterPass } = options;
  let running: Promise<void> | undefined;
  let lastEnd = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  // A kicked pass takes what is due when it runs, and a backlog a batch at a time; work queued
  // meanwhile (writes keep arriving under ingest) waits for the next kick, so the refresher never
  // runs back to back. settle() drains everything. Claims shrink while writes take their leases.
  let size = batch;
  const drain = async (all: boolean) => {
    let claimed: number;
    let rows = 0;
    let asked: number;
    do {
      asked = size;
      claimed = await refreshStates(db, {
        now: now(),
        batch: asked,
        kept: (kept, of) => (size = nextClaimSize(size, kept, of, batch)),
      });
      rows += claimed;
      // A backlog without contention drains as before; under ingest (claims losing rows, so
      // smaller) a kicked pass stops after `batch` rows and the rest coalesces until the next kick.
    } while (!stopped && (all ? claimed > 0 : claimed >= asked && (rows < batch || size === batch)));
    await afterPass?.(false);
  };
  let lastTook = 0;
  const run = (all = false): Promise<void> => {
    const start = Date.now();
    return (running ??= drain(all).finally(() => {
      running = undefined;
      lastEnd = Date.now();
      lastTook = lastEnd - start;
    }));
  };
  let started = false;
  const report = (error: unknown) => log(`habitual-server: the state refresher failed (it retries on the next pass): ${(error as Error).message}`);

  // Before start() (tests, an embedded collector) a failed kicked pass is left to the next kick
  // or settle(), which rejects with it: the database may simply be closed by now.
  const kick = () => {
    if (stopped || pending) return;
    // At least minGapMs, and twice as long as the last pass took: under heavy ingest the
    // refresher keeps at most a third of the event loop, and its states lag a little more.
    const wait = Math.max(0, lastEnd + Math.max(minGapMs, 2 * lastTook) - Date.now());
    pending = setTimeout(() => {
      pending = undefined;
      // A pass is running: the writes behind this kick may have come after its reads.
      if (running) void running.then(kick, kick);
      else run().catch((error) => started && report(error));
    }, wait);
  };

  return {
    kick,
    async settle() {
      await running?.catch(() => {});
      await run(true);
    },
    start() {
      stopped = false;
      started = true;
      timer ??= setInterval(() => {
        requeueConfigChanges(db)
          .then(() => dropOldDays(db, { now: now() }))
          .then(() => run())
          .then(() => afterPass?.(true))
          .catch(report);
      }, intervalMs);
      timer.unref?.();
    },
    async stop() {
      stopped = true;
      started = false;
      if (timer) clearInterval(timer);
      if (pending) clearTimeout(pending);
      pending = undefined;
      timer = undefined;
      await running?.catch(() => {});
    },
  };
}

/**
 * The size of the next claim after one of `size` rows of which writes left `kept` of `of` to
 * this pass: half (down to one) when a write took any away, else twice (up to `batch`).
 */
export function nextClaimSize(size: number, kept: number, of: number, batch: number): number {
  return kept < of ? Math.max(1, size >> 1) : Math.min(batch, size * 2);
}

/** States computed under an older config than the app's current one go back on the queue, to be computed whole. */
export async function requeueConfigChanges(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO state_queue (app_id, account_id, user_id, due_at)
     SELECT s.app_id, s.account_id, '', '-infinity'::timestamptz FROM account_states s JOIN apps a ON a.id = s.app_id
       WHERE s.config_version < a.config_version OR s.config_version > a.config_version
     UNION ALL
     SELECT s.app_id, '', s.user_id, '-infinity'::timestamptz FROM user_states s JOIN apps a ON a.id = s.app_id
       WHERE s.account_id IS NULL AND (s.config_version < a.config_version OR s.config_version > a.config_version)
     ON CONFLICT (app_id, account_id, user_id) DO UPDATE SET due_at = '-infinity', lease = NULL, users = NULL
     WHERE state_queue.due_at > '-infinity' OR state_queue.users IS NOT NULL`,
  );
}

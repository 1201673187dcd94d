import {
  ATTENTION_CHANNEL,
  ATTENTION_KEY,
  asAttention,
  budgetOf,
  mayShow,
  mergeAttention,
  recordMark,
  recordShow,
  type AttentionRecord,
  type EngagementState,
  type HabitualConfig,
  type Mark,
  type WidgetHost,
} from '@habitual/core';

/** What the arbiter reads from the hub. */
export interface AttentionDeps {
  host: WidgetHost;
  doc: Document;
  view(): { config: HabitualConfig; state: EngagementState | null; today: string };
  /** Keeps the record in the profile. */
  persist(record: AttentionRecord): void;
  /** Re-renders the widgets. */
  notify(): void;
}

/**
 * One attention budget for every interruptive surface of a user: widgets ask for a slot
 * (`request`), the arbiter grants the waiting ones by priority while the budget
 * (`attention` in the config, see core's `rules/attention.ts`) allows, and remembers
 * shows and marks in the profile. Tabs share the record over a BroadcastChannel; only a
 * visible tab grants, so no two tabs show the same thing.
 */
export interface Attention {
  /** Waits for a slot for `key` until the returned function is called. */
  request(key: string, priority: number): () => void;
  granted(key: string): boolean;
  mark(key: string, what: keyof Mark): void;
  marked(key: string): Mark | undefined;
  /** Decide again (state, route or visibility changed). */
  arbitrate(): void;
  destroy(): void;
}

/** How long a signed-in page waits for its record from the collector before it decides alone. */
export const REMOTE_WAIT_MS = 1500;

export function createAttention(deps: AttentionDeps): Attention {
  const { host, doc } = deps;
  const requests = new Map<string, number>();
  const granted = new Set<string>();
  let record: AttentionRecord | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(ATTENTION_CHANNEL) : undefined;
  // A signed-in user's record may hold another device's dismissals: the first sync brings it
  // (its answer arrives over the channel); until then, or a short wait, nothing is granted.
  let remote = !!(channel && host.options().endpoint && host.user()?.id);
  // No answer in time (offline): read what the keeper stored meanwhile, and decide.
  const waited = remote ? setTimeout(() => ((remote = false), (record = null), arbitrate()), REMOTE_WAIT_MS) : undefined;

  // The stored record, once the keeper has loaded the profile (nothing is granted before).
  const current = (): AttentionRecord | null => {
    if (!record) {
      const profile = host.profile();
      if (profile) record = asAttention(profile.widgets[ATTENTION_KEY]);
    }
    return record;
  };
  // What this tab learnt from another is kept too, but not sent back.
  const change = (next: AttentionRecord, broadcast = true) => {
    record = next;
    deps.persist(next);
    if (broadcast) channel?.postMessage(next);
    deps.notify();
  };

  const arbitrate = () => {
    const rec = current();
    let changed = false;
    for (const key of granted) if (!requests.has(key)) granted.delete(key), (changed = true);
    if (rec && !remote && doc.visibilityState !== 'hidden') {
      const { config, state, today } = deps.view();
      const budget = budgetOf(config.attention);
      const now = host.now();
      let next = rec;
      const waiting = [...requests].filter(([key]) => !granted.has(key)).sort((a, b) => b[1] - a[1]);
      for (const [key] of waiting) {
        if (!mayShow(next, key, budget, { now, today, firstDay: state?.firstDay, onScreen: granted.size })) continue;
        granted.add(key);
        next = recordShow(next, key, today, now);
        changed = true;
      }
      // Keeping the new record re-renders; nothing else needs to.
      if (next !== rec) change(next), (changed = false);
      // A cooldown ends without any event: look again then.
      clearTimeout(timer);
      const until = (next.dismissedAt ?? 0) + budget.cooldownMinutes * 60_000 - now;
      if (waiting.length && until > 0) timer = setTimeout(arbitrate, until + 50);
    }
    if (changed) deps.notify();
  };

  if (channel) {
    channel.onmessage = (e: MessageEvent<unknown>) => {
      remote = false;
      const mine = current();
      if (mine) change(mergeAttention(mine, asAttention(e.data), host.now()), false);
      arbitrate();
    };
  }
  doc.addEventListener('visibilitychange', arbitrate);

  // Requests made in one render (a state change and a milestone together) are weighed
  // together, so priority decides rather than the order of the widgets in the tree.
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => ((queued = false), arbitrate()));
  };

  return {
    request(key, priority) {
      requests.set(key, priority);
      soon();
      return () => {
        requests.delete(key);
        soon();
      };
    },
    granted: (key) => granted.has(key),
    mark(key, what) {
      const rec = current();
      if (rec) change(recordMark(rec, key, what, host.now()));
    },
    marked: (key) => current()?.marks[key],
    arbitrate,
    destroy() {
      clearTimeout(timer);
      clearTimeout(waited);
      channel?.close();
      doc.removeEventListener('visibilitychange', arbitrate);
    },
  };
}

import type { HabitualConfig } from '../config/types';
import type { SyncDeps, SyncSource } from './types';

/**
 * Keeps the remote config fresh: the cached one at start, then `GET /v1/config` with
 * If-None-Match; a changed config is cached and handed to `source.onConfig`. A user coming
 * back to the tab (`focus`) sees the config in force now, at most once per 5 s.
 */
export function createConfigCheck(base: string, source: SyncSource, d: Pick<SyncDeps, 'fetch' | 'now' | 'online'>, stopped: () => boolean) {
  let etag: string | undefined;
  let focusCheckAt = 0;

  async function check() {
    if (stopped() || !d.online()) return;
    const url = `${base}/v1/config?appId=${encodeURIComponent(source.appId)}&key=${encodeURIComponent(source.writeKey)}`;
    let res: Response;
    try {
      res = await d.fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, credentials: 'omit', cache: 'no-store' });
    } catch {
      return; // The page keeps running on the cached or inline config.
    }
    if (res.status !== 200) return;
    const tag = res.headers.get('etag') ?? undefined;
    const body = (await res.json().catch(() => undefined)) as { version?: number; config?: HabitualConfig } | undefined;
    if (!tag || !body?.config || typeof body.config !== 'object' || tag === etag) return;
    etag = tag;
    // Version 0: nobody has saved a remote config yet, so the inline one stands.
    if (body.version === 0) return;
    await source.saveConfigCache({ etag: tag, config: body.config }).catch(() => {});
    source.onConfig(body.config);
  }

  return {
    check,
    /** Applies the cached config (unless a fresher one came meanwhile), then checks the remote one. */
    async start() {
      const cached = await source.loadConfigCache().catch(() => undefined);
      if (cached && !stopped() && etag === undefined) {
        etag = cached.etag;
        source.onConfig(cached.config);
      }
      await check();
    },
    onFocus() {
      if (d.now() - focusCheckAt < 5_000) return;
      focusCheckAt = d.now();
      void check();
    },
  };
}

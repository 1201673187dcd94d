import type { WidgetHost } from '@habitual/core';

/**
 * A verified user of an account, as the collector's teammate endpoints take them
 * (`/v1/team`, `/v1/team/me`, `/v1/team/notes`): identity v2 signs user and account.
 */
export interface Teammate {
  base: string;
  appId: string;
  writeKey: string;
  identity: { userId: string; accountId: string; hash: string; hashExpires?: number };
}

/** The caller, or undefined without a collector or a verified user of an account (then the widget offers nothing of the team). */
export function teammate(host: WidgetHost): Teammate | undefined {
  const { endpoint, appId, writeKey } = host.options();
  const u = host.user();
  if (!endpoint || !u?.id || !u.accountId || !u.hash) return undefined;
  const identity = { userId: u.id, accountId: u.accountId, hash: u.hash, ...(u.hashExpires === undefined ? {} : { hashExpires: u.hashExpires }) };
  return { base: endpoint.replace(/\/+$/, ''), appId, writeKey, identity };
}

/** A GET's query: the identity's fields, and the write key as `key` (as `GET /v1/config` takes it). */
export function teammateQuery({ appId, writeKey, identity: id }: Teammate, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams({ appId, key: writeKey, userId: id.userId, accountId: id.accountId, hash: id.hash, ...extra });
  if (id.hashExpires !== undefined) q.set('hashExpires', String(id.hashExpires));
  return q;
}

/** Thrown for an answer other than 2xx; `status` 0 when the collector could not be reached. */
export interface CollectorError extends Error {
  status: number;
}

/**
 * One request to the collector: its JSON answer, or a `CollectorError` saying what (`what`,
 * "Team progress") failed and the collector's reason. A `body` goes as a simple-request text
 * body (no preflight for POST; PUT and DELETE have theirs); no cookies either way.
 */
export async function askCollector<T>(
  what: string,
  url: string,
  init: { method?: string; body?: unknown; cache?: RequestCache } = {},
  fetchFn: typeof fetch = (...a) => globalThis.fetch(...a),
): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: init.method ?? 'GET',
      credentials: 'omit',
      ...(init.cache ? { cache: init.cache } : {}),
      ...(init.body === undefined ? {} : { headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(init.body) }),
    });
  } catch (cause) {
    throw failure(0, `${what}: the collector could not be reached (${String(cause)}).`);
  }
  const json = (await res.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  if (!res.ok || json === undefined) throw failure(res.status, `${what}: the collector answered ${res.status}: ${json?.error ?? 'no reason given'}`);
  return json;
}

const failure = (status: number, message: string): CollectorError => Object.assign(new Error(message), { status });

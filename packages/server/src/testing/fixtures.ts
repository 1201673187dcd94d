import type { DayRollup } from '@habitual/core';

export const day = (d: string, rev: number, features: DayRollup['features'] = { 'invoice.sent': { n: rev, value: rev } }, activeMs = 60_000): DayRollup => ({
  v: 1,
  day: d,
  tz: 'Europe/Helsinki',
  rev,
  activeMs,
  features,
  firsts: Object.fromEntries(Object.keys(features).map((f) => [f, Date.UTC(2025, 0, 1)])),
});

export const summaries = (over: Record<string, unknown> = {}) => ({
  v: 1,
  appId: 'ledgerly',
  writeKey: 'wk_test',
  identity: { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a' },
  days: [day('2025-03-01', 1)],
  ...over,
});

/** A JSON POST as a browser page at `origin` would send it. */
export const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://app.ledgerly.test', ...headers },
  body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
});

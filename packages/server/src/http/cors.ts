/** True when `origin` may call the browser endpoints of an app allowing `origins`. */
export const originAllowed = (origin: string, origins: readonly string[]): boolean => origins.includes('*') || origins.includes(origin);

/** Headers a browser endpoint answers an allowed origin with. */
export const corsHeaders = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  'access-control-expose-headers': 'etag, retry-after',
  vary: 'Origin',
});

/** Answers to a preflight (the config GET's If-None-Match is not CORS-safelisted; PUT /v1/team/me and DELETE /v1/team/notes are not simple methods). */
export const preflightHeaders = (origin: string): Record<string, string> => ({
  ...corsHeaders(origin),
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, content-encoding, if-none-match, x-habitual-key',
  'access-control-max-age': '600',
});

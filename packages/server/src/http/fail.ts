import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Stops the request with `status` and `{ error: message }`. Messages name the field that was
 * wrong, in one sentence, because the person reading them is debugging an integration.
 */
export function fail(status: ContentfulStatusCode, message: string, headers?: Record<string, string>, extra?: Record<string, unknown>): never {
  const res = new Response(JSON.stringify({ error: message, ...extra }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
  throw new HTTPException(status, { message, res });
}

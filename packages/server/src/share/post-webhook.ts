/** What became of one webhook call: delivered (2xx), or why not, in one sentence. */
export type WebhookResult = { ok: true } | { ok: false; error: string };

/**
 * POSTs `body` as JSON to `url` and waits at most `timeoutMs`; never follows a redirect (a
 * webhook that moves is refused, not chased). `name` says which webhook in the error.
 */
export async function postWebhook(
  fetcher: typeof fetch,
  url: string,
  body: string,
  options: { name: string; timeoutMs: number; headers?: Record<string, string> },
): Promise<WebhookResult> {
  let res: Response;
  try {
    res = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      ok: false,
      error: timedOut ? `The ${options.name} webhook did not answer within ${options.timeoutMs} ms.` : `The ${options.name} webhook could not be reached.`,
    };
  }
  await res.body?.cancel().catch(() => {});
  if (res.status >= 200 && res.status < 300) return { ok: true };
  return {
    ok: false,
    error: `The ${options.name} webhook answered ${res.status}${res.status >= 300 && res.status < 400 ? ' (a redirect, not followed)' : ''}.`,
  };
}

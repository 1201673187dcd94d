import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { fail } from './fail';
import { jsonProblem } from './json-problem';

export interface BodyLimits {
  /** Bytes on the wire. @default 262144 */
  maxBytes?: number;
  /** Bytes after gunzip (a small gzip can inflate to gigabytes). @default 1048576 */
  maxDecodedBytes?: number;
}

/**
 * The body's bytes as they arrive. Served over node:http, from Node's own request: the
 * web-stream `Request` the adapter would build for the body cost a tenth of the collector's CPU
 * under ingest. Else from the `Request` (tests through `app.request`, other runtimes).
 */
async function* bodyChunks(req: Request, incoming?: IncomingMessage): AsyncGenerator<Uint8Array> {
  if (typeof incoming?.[Symbol.asyncIterator] === 'function' && !incoming.readableDidRead) {
    yield* incoming as AsyncIterable<Buffer>;
    return;
  }
  if (!req.body) return;
  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // A reader left early (the caller stopped reading) is cancelled, so the stream is freed.
    await reader.cancel().catch(() => {});
  }
}

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * Reads a JSON body with size limits, gzip accepted, and refuses what no endpoint can store
 * (see `jsonProblem`: NUL, lone surrogates, deep nesting, numbers out of range). Gzip is recognised by
 * `Content-Encoding: gzip` or by its magic bytes: browsers send it as `text/plain` so the
 * request stays CORS-simple (no preflight, works with `keepalive`), and JSON never starts
 * with 0x1f. With `incoming` (the collector served over node:http) the bytes come from it.
 */
export async function readJsonBody(req: Request, limits: BodyLimits = {}, incoming?: IncomingMessage): Promise<unknown> {
  const { maxBytes = 262_144, maxDecodedBytes = 1_048_576 } = limits;
  const declared = Number(req.headers.get('content-length'));
  if (declared > maxBytes) fail(413, `Body is ${declared} bytes; the limit is ${maxBytes}.`);
  const encoding = (req.headers.get('content-encoding') ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') fail(415, `Content-Encoding ${encoding} is not supported; send gzip or plain JSON.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (over the limit) destroys Node's stream and cancels the web one.
  for await (const chunk of bodyChunks(req, incoming)) {
    size += chunk.byteLength;
    if (size > maxBytes) fail(413, `Body is over ${maxBytes} bytes, the limit.`);
    chunks.push(chunk);
  }
  let bytes: Uint8Array = Buffer.concat(chunks);
  if (bytes.length === 0) fail(400, 'Body is empty; send a JSON object.');
  if (encoding === 'gzip' || isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxDecodedBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        fail(413, `Body inflates past ${maxDecodedBytes} bytes, the limit.`);
      }
      fail(400, 'Body is not valid gzip.');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return fail(400, 'Body is not valid JSON.');
  }
  const problem = jsonProblem(parsed);
  if (problem) fail(400, problem);
  return parsed;
}

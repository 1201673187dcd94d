import type { Context } from 'hono';

// Quoted values and `(key)=(value)` details, as database errors word them.
const VALUES = /"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g;

/**
 * One log line for a request that failed inside the collector: the route pattern (so ids in
 * the path and every query parameter stay out of the log), the error's name and code, its
 * message with quoted values removed, and the stack frames.
 */
export function logError(c: Context, error: unknown, write: (line: string) => void = (line) => console.error(line)): void {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  const message = e.message.replace(VALUES, '…').split('\n')[0].slice(0, 300);
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 8)
    .join('\n');
  write(`habitual-server: ${c.req.method} ${c.req.routePath} failed: ${e.name}${code ? ` ${String(code)}` : ''}: ${message}${frames ? `\n${frames}` : ''}`);
}

// The collector as a process of its own for the scale bench: the built server with the rate
// limits lifted (capacity, not policy), reporting its event-loop delay and memory over IPC.
// node scale-collector.mjs --data <dir> | --database-url <url>
import { monitorEventLoopDelay } from 'node:perf_hooks';

const { readSettings, startServer } = await import(new URL('../../packages/server/dist/server.mjs', import.meta.url).href);
const settings = readSettings([...process.argv.slice(2), '--port', '0', '--host', '127.0.0.1'], { ...process.env, DATABASE_URL: '' });
const unlimited = { burst: 1e9, perMinute: 1e9 };
const server = await startServer(settings, { log: () => {}, rateLimit: unlimited, appRateLimit: unlimited });
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100).unref();

process.on('message', async (m) => {
  if (m === 'reset') {
    loop.reset();
    peakRss = process.memoryUsage().rss;
    process.send({ ok: true });
  } else if (m === 'stats') {
    process.send({
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMeanMs: loop.mean / 1e6,
      rssMB: process.memoryUsage().rss / 2 ** 20,
      peakRssMB: peakRss / 2 ** 20,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    });
  } else if (m === 'stop') {
    await server.close();
    process.exit(0);
  }
});
process.send({ url: server.url });

// Entry of the node bundle (dist/server.mjs) that bin/habitual-server.mjs runs.
import { readSettings, usage } from './settings';
import { startServer } from './start-server';

export { startServer } from './start-server';
export { readSettings } from './settings';

/** Runs the collector from the command line until SIGINT/SIGTERM. */
export async function main(argv = process.argv.slice(2), env: Record<string, string | undefined> = process.env): Promise<void> {
  let settings;
  try {
    settings = readSettings(argv, env);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  if (settings === 'help') {
    console.log(usage);
    return;
  }
  let server;
  try {
    server = await startServer(settings);
  } catch (error) {
    // One clear line (a data folder in use, a database that refuses): not a stack trace.
    console.error(`habitual-server: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

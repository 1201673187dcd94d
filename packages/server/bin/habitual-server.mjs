#!/usr/bin/env node
// Node 20 cannot run the TypeScript sources: this runs the bundle `npm run build` writes.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/server.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('habitual-server: packages/server/dist/server.mjs is missing; run `npm run build` first.');
  process.exit(1);
}
const { main } = await import(bundle.href);
await main();

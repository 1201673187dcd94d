// How every suite launches Debian's Chromium (Vitest browser mode, the walk-through, the
// end-to-end sync test, the benches). The background-networking flags keep it from dialling
// hosts this machine cannot reach (it otherwise stalls on refused connections at start).

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

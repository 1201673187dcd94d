// habitual-engine.js: the keeper (engine, profile, identity moves, sync), everything off the
// hot path, loaded by habitual.js once the page is idle.
export { createKeeper } from '@habitual/core';

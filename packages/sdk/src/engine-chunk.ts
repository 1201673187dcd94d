// habitual-engine.js: everything off the hot path (engine, profile, sync), loaded by
// habitual.js once the page is idle.
export { createBrain } from '@habitual/core';

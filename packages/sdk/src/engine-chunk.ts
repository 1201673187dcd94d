// habitual-engine.js: everything off the hot path (engine, profile, sync), loaded by
// habitual.js once the page is idle.
import { registerConfigFields } from '@habitual/core';
import { WIDGET_FIELDS } from '@habitual/widgets/registry';

// Configs are checked with every widget's fields too, as the collector checks them.
registerConfigFields(WIDGET_FIELDS);

export { createBrain } from '@habitual/core';

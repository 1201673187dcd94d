// habitual-engine.js: the keeper (engine, profile, identity moves, sync), everything off the
// hot path, loaded by habitual.js once the page is idle.
import { registerConfigFields } from '@habitual/core';
import { WIDGET_FIELDS } from '@habitual/widgets/registry';

// Configs are checked with every widget's fields too, as the collector checks them.
registerConfigFields(WIDGET_FIELDS);

export { createKeeper } from '@habitual/core';

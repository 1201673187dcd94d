import type { ReachedMilestone } from '@habitual/core';
import type { View } from './hub';

/** A reached milestone's title in the user's language, from the config (the engine's is English). */
export const milestoneTitle = ({ config, tx }: View, m: ReachedMilestone): string => tx(config.milestones?.find((x) => x.id === m.id)?.title) || m.title;

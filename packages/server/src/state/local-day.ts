import { byInstantAndZone } from '@habitual/core';
import { nextLocalMidnight } from './state-horizon';

/** `nextLocalMidnight`, remembered: a refresher pass asks it of every user of every account at one `now`, mostly in a few zones. */
export const nextMidnight = byInstantAndZone(nextLocalMidnight);

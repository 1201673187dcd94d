import { rewardsMessages } from './messages';
import type { WidgetView } from '../host/widget-view';
import { Rewards } from './rewards';

export const rewardsView: WidgetView = { messages: rewardsMessages, Overlay: Rewards };

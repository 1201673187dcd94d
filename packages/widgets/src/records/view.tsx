import type { WidgetView } from '../host/widget-view';
import { Records } from './records';

export const recordsView: WidgetView = { Panel: Records, Inline: Records, tab: 'records' };

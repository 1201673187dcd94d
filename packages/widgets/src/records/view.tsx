import type { WidgetView } from '../host/widget-view';
import { Records } from './records';
import { css } from './styles';

export const recordsView: WidgetView = { Panel: Records, Inline: Records, tab: 'records', css };

import { recordsMessages } from './messages';
import type { WidgetView } from '../host/widget-view';
import { Records } from './records';
import { css } from './styles';

export const recordsView: WidgetView = { messages: recordsMessages, Panel: Records, Inline: Records, tab: 'records', css };

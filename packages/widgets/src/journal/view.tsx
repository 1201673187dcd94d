import type { WidgetView } from '../host/widget-view';
import { Journal } from './journal';
import { journalMessages } from './messages';
import { css } from './styles';

export const journalView: WidgetView = { messages: journalMessages, Panel: () => <Journal />, Inline: () => <Journal inline />, tab: 'journal', css };

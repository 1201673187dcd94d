import { announceMessages } from './messages';
import type { WidgetView } from '../host/widget-view';
import { Announce } from './announce';
import { css } from './styles';

export const announceView: WidgetView = { messages: announceMessages, Overlay: Announce, css };

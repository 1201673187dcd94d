import { digestMessages } from './messages';
import type { WidgetView } from '../host/widget-view';
import { Digest } from './digest';
import { css } from './styles';

export const digestView: WidgetView = { messages: digestMessages, Overlay: () => <Digest />, Inline: () => <Digest inline />, css };

import type { WidgetView } from '../host/widget-view';
import { Digest } from './digest';
import { css } from './styles';

export const digestView: WidgetView = {
  Overlay: () => <Digest />,
  Inline: () => <Digest inline />,
  css,
};

import type { WidgetView } from '../host/widget-view';
import { Digest } from './digest';

export const digestView: WidgetView = {
  Overlay: () => <Digest />,
  Inline: () => <Digest inline />,
};

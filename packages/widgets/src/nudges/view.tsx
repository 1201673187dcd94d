import type { WidgetView } from '../host/widget-view';
import { Nudges } from './nudges';

export const nudgesView: WidgetView = { Overlay: Nudges };

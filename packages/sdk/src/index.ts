export { init } from './init';
export { anyWidgetEnabled } from './load-widgets';
export type * from '@habitual/core';

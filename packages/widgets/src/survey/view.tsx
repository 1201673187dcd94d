import { surveyMessages } from './messages';
import type { WidgetView } from '../host/widget-view';
import { Survey } from './survey';
import { css } from './styles';

// `asked`: the host may open a form whatever `when` and the holdout say; they govern only the form offered by rule.
export const surveyView: WidgetView = { messages: surveyMessages, Overlay: Survey, css, asked: true };

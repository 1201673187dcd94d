import { remindersMessages } from './messages';
import type { WidgetView } from '../host/widget-view';
import { ReminderClock, Reminders } from './reminders';

export const remindersView: WidgetView = { messages: remindersMessages, Overlay: ReminderClock, Panel: Reminders, tab: 'reminders' };

import type { WidgetView } from '../host/widget-view';
import { ReminderClock, Reminders } from './reminders';

export const remindersView: WidgetView = { Overlay: ReminderClock, Panel: Reminders, tab: 'reminders' };

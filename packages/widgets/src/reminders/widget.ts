import { defineWidget } from '../widget-entry';

export const reminders = /*#__PURE__*/ defineWidget({
  id: 'reminders',
  label: 'Reminders',
  interruptive: true,
  priority: 50,
  defaultEnabled: false,
  fields: [
    { path: 'widgets.reminders.maxPerWeek', kind: 'int', min: 0 },
    { path: 'widgets.reminders.quietHours', kind: 'times' },
  ],
  editor: [
    { key: 'maxPerWeek', label: 'At most per week', kind: 'number' },
    { key: 'quietHours', label: 'Quiet hours (HH:MM-HH:MM)', kind: 'times' },
  ],
});

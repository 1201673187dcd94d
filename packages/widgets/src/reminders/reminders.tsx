import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Format } from '../host/format';
import { useHub, type Hub } from '../host/hub';
import type { Translate } from '../host/i18n';
import { dueReminder, markShown, upgrade, type Reminder, type RemindersState } from './schedule';

const KEY = 'reminders';
const EMPTY: RemindersState = { v: 2, list: [], shown: [] };
// Core's calendar: 0 = Monday.
const WEEKDAYS = [0, 1, 2, 3, 4];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

const read = (hub: Hub) => upgrade(hub.widget<RemindersState>(KEY) ?? EMPTY);

/** "Every Monday at 9:00", "Every weekday at 8:30". */
function scheduleLabel(r: Pick<Reminder, 'days' | 'time'>, t: Translate, fmt: Format): string {
  const time = fmt.time(r.time);
  if (r.days.length === 7) return t('everyDay', { time });
  if (r.days.join() === WEEKDAYS.join()) return t('everyWeekday', { time });
  return t('everyDow', { day: r.days.map(fmt.weekday).join(', '), time });
}

/**
 * Shows due reminders as toasts. Tabs share one cap: the tab that shows a reminder saves and
 * broadcasts the new state, so the others neither show it again nor exceed `maxPerWeek`;
 * only a visible tab shows anything.
 */
export function ReminderClock() {
  const [view, hub] = useHub();
  const rules = view.config.widgets?.reminders ?? {};
  const ruleKey = JSON.stringify(rules);
  useEffect(() => {
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('habitual-reminders') : undefined;
    const save = (s: RemindersState) => {
      hub.setWidget(KEY, s);
      channel?.postMessage(s);
    };
    if (channel) channel.onmessage = (e: MessageEvent<RemindersState>) => hub.setWidget(KEY, e.data, false);
    const check = () => {
      if (hub.doc.visibilityState === 'hidden') return;
      const now = hub.host.now();
      const due = dueReminder(read(hub), now, hub.host.timeZone(), rules);
      if (!due) return;
      const { reminder, at } = due;
      const { t, fmt } = hub.view();
      save(markShown(read(hub), reminder.id, at, now));
      hub.toast({
        id: `reminder:${reminder.id}`,
        widget: 'reminders',
        // Fired when it is on screen: the attention budget may hold it back first.
        onShow: () => hub.count('reminder', 'fired'),
        title: t('reminder'),
        body: reminder.note || scheduleLabel(reminder, t, fmt),
        actions: [
          {
            label: t('snooze'),
            run: () => (
              hub.count('reminder', 'acted'),
              save({ ...read(hub), list: read(hub).list.map((r) => (r.id === reminder.id ? { ...r, snoozed: hub.host.now() + 36e5 } : r)) })
            ),
          },
        ],
      });
    };
    check();
    const id = setInterval(check, 30e3);
    hub.doc.addEventListener('visibilitychange', check);
    savers.set(hub, save);
    return () => {
      clearInterval(id);
      hub.doc.removeEventListener('visibilitychange', check);
      channel?.close();
      savers.delete(hub);
    };
  }, [hub, ruleKey]);
  return null;
}

// Edits in the panel go through the clock's channel while it runs, so other tabs see them.
const savers = new WeakMap<Hub, (s: RemindersState) => void>();

/** The panel: list, add, edit, delete. */
export function Reminders() {
  const [{ t, fmt }, hub] = useHub();
  const [editing, setEditing] = useState<Reminder | null>(null);
  const s = read(hub);
  const save = (next: RemindersState) => (savers.get(hub) ?? ((v) => hub.setWidget(KEY, v)))(next);
  const put = (r: Reminder) => {
    save({ ...s, list: s.list.some((x) => x.id === r.id) ? s.list.map((x) => (x.id === r.id ? r : x)) : [...s.list, r] });
    setEditing(null);
  };
  return (
    <section aria-label={t('reminders')}>
      <h2>{t('reminders')}</h2>
      <ul class="items">
        {s.list.length === 0 && <li class="mu">{t('noReminders')}</li>}
        {s.list.map((r) => (
          <li key={r.id} data-reminder={r.id}>
            <span>
              {scheduleLabel(r, t, fmt)}
              {r.note && <span class="mu"> · {r.note}</span>}
            </span>
            <button onClick={() => setEditing(r)}>{t('edit')}</button>
            <button onClick={() => save({ ...s, list: s.list.filter((x) => x !== r) })}>{t('delete')}</button>
          </li>
        ))}
      </ul>
      {editing ? (
        <ReminderForm reminder={editing} onSave={put} onCancel={() => setEditing(null)} />
      ) : (
        <div class="acts">
          <button class="p" onClick={() => setEditing({ id: Math.random().toString(36).slice(2), days: WEEKDAYS, time: '09:00', created: 0 })}>
            {t('addReminder')}
          </button>
        </div>
      )}
    </section>
  );
}

function ReminderForm({ reminder, onSave, onCancel }: { reminder: Reminder; onSave(r: Reminder): void; onCancel(): void }) {
  const [{ t, fmt }, hub] = useHub();
  const first = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const repeat = reminder.days.length === 7 ? 'daily' : reminder.days.join() === WEEKDAYS.join() ? 'weekdays' : String(reminder.days[0]);
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const r = value('repeat');
    onSave({
      ...reminder,
      days: r === 'daily' ? EVERY_DAY : r === 'weekdays' ? WEEKDAYS : [+r],
      time: value('time') || '09:00',
      note: value('note').trim() || undefined,
      created: hub.host.now(),
      last: undefined,
      snoozed: undefined,
    });
  };
  return (
    <form class="acts" onSubmit={submit}>
      <label>
        {t('repeat')}{' '}
        <select ref={first} name="repeat" value={repeat}>
          <option value="daily">{t('daily')}</option>
          <option value="weekdays">{t('weekdays')}</option>
          {EVERY_DAY.map((d) => (
            <option key={d} value={String(d)}>
              {fmt.weekday(d)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('time')} <input name="time" type="time" value={reminder.time} required />
      </label>
      <label>
        {t('note')} <input name="note" value={reminder.note ?? ''} maxLength={80} />
      </label>
      <button class="p" type="submit">
        {t('save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}

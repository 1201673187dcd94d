import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { mount } from './mount';
import { dueReminder, isQuiet, lastOccurrence, markShown, type Reminder, type RemindersState } from './schedule';
import { fakeInstance } from './test/fake-instance';
import { clickButton, settle } from './test/render';

// Local times; 2025-03-10 is a Monday.
const at = (d: number, h: number, m = 0) => +new Date(2025, 2, d, h, m);
const monday9: Reminder = { id: 'm', days: [1], time: '09:00', created: at(1, 0) };
const weekdays830: Reminder = { id: 'w', days: [1, 2, 3, 4, 5], time: '08:30', created: at(1, 0) };

describe('schedule', () => {
  it('finds the latest occurrence', () => {
    expect(lastOccurrence(monday9, at(12, 10))).toBe(at(10, 9));
    expect(lastOccurrence(monday9, at(10, 8, 59))).toBe(at(3, 9));
    expect(lastOccurrence(weekdays830, at(16, 12))).toBe(at(14, 8, 30)); // Sunday -> Friday
  });

  it('quiet hours wrap midnight', () => {
    const quiet: [string, string] = ['20:00', '08:00'];
    expect(isQuiet(at(10, 21), quiet)).toBe(true);
    expect(isQuiet(at(10, 7, 59), quiet)).toBe(true);
    expect(isQuiet(at(10, 8), quiet)).toBe(false);
    expect(isQuiet(at(10, 12), ['12:00', '13:00'])).toBe(true);
    expect(isQuiet(at(10, 12))).toBe(false);
  });

  it('is due once per occurrence, never before it was created', () => {
    const s: RemindersState = { list: [monday9], shown: [] };
    // Last Monday's was missed while the app was closed: skipped, not shown late.
    expect(dueReminder(s, at(10, 8))).toBeUndefined();
    expect(dueReminder(s, at(10, 9, 1))).toEqual({ reminder: monday9, at: at(10, 9) });
    const after = markShown(s, 'm', at(10, 9), at(10, 9, 1));
    expect(dueReminder(after, at(10, 15))).toBeUndefined();
    expect(dueReminder(after, at(17, 9))?.at).toBe(at(17, 9));
    expect(dueReminder({ list: [{ ...monday9, created: at(10, 10) }], shown: [] }, at(12, 9))).toBeUndefined();
  });

  it('holds back in quiet hours and over the weekly cap', () => {
    const s: RemindersState = { list: [weekdays830], shown: [] };
    expect(dueReminder(s, at(10, 8, 31), { quietHours: ['20:00', '09:00'] })).toBeUndefined();
    expect(dueReminder(s, at(10, 9, 1), { quietHours: ['20:00', '09:00'] })?.at).toBe(at(10, 8, 30));
    const capped = { ...s, shown: [at(5, 9), at(7, 9)] };
    expect(dueReminder(capped, at(11, 9), { maxPerWeek: 2 })).toBeUndefined();
    // Shows older than a week no longer count.
    expect(dueReminder(capped, at(13, 9), { maxPerWeek: 2 })?.at).toBe(at(13, 8, 30));
  });

  it('a snoozed reminder comes back when the snooze ends', () => {
    const s: RemindersState = { list: [{ ...monday9, last: at(10, 9), snoozed: at(10, 10) }], shown: [] };
    expect(dueReminder(s, at(10, 9, 30))).toBeUndefined();
    expect(dueReminder(s, at(10, 10))?.at).toBe(at(10, 10));
  });
});

describe('reminders widget', () => {
  const config: HabitualConfig = { locale: 'en', widgets: { reminders: { enabled: true, maxPerWeek: 1 } } };
  let cleanups: Array<() => void> = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    vi.setSystemTime(at(10, 8, 50));
  });
  afterEach(() => {
    cleanups.forEach((c) => c());
    cleanups = [];
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  const start = (widgets: Record<string, unknown> = {}, { doc = document, now }: { doc?: Document; now?: number } = {}) => {
    const instance = fakeInstance({ config, widgets, now });
    const root = doc.createElement('div');
    doc.body.append(root);
    const handle = mount(instance, { root });
    cleanups.push(handle.unmount);
    return { instance, shadow: root.querySelector('habitual-widgets')!.shadowRoot! };
  };

  it('adds, edits and deletes reminders in the panel', async () => {
    const { instance, shadow } = start();
    (shadow.querySelector('.launcher') as HTMLElement).click();
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.textContent).toContain('No reminders yet.');
    clickButton(shadow, 'Add reminder');
    await vi.advanceTimersByTimeAsync(50);
    const form = shadow.querySelector('form')!;
    expect(shadow.activeElement).toBe(form.querySelector('select'));
    (form.elements.namedItem('repeat') as HTMLSelectElement).value = '1';
    (form.elements.namedItem('time') as HTMLInputElement).value = '09:00';
    (form.elements.namedItem('note') as HTMLInputElement).value = 'Send invoices';
    form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelector('[data-reminder]')!.textContent).toMatch(/^Every Monday at 9:00\sAM · Send invoices/);
    const saved = instance.getProfile().widgets.reminders as RemindersState;
    expect(saved.list[0]).toMatchObject({ days: [1], time: '09:00', note: 'Send invoices' });
    expect(saved.list[0].created).toBeGreaterThanOrEqual(at(10, 8, 50));

    clickButton(shadow, 'Edit');
    await vi.advanceTimersByTimeAsync(50);
    const edit = shadow.querySelector('form')!;
    (edit.elements.namedItem('repeat') as HTMLSelectElement).value = 'weekdays';
    (edit.elements.namedItem('time') as HTMLInputElement).value = '08:30';
    edit.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelectorAll('[data-reminder]')).toHaveLength(1);
    expect(shadow.querySelector('[data-reminder]')!.textContent).toMatch(/^Every weekday at 8:30\sAM/);

    clickButton(shadow, 'Delete');
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelector('[data-reminder]')).toBeNull();
    expect((instance.getProfile().widgets.reminders as RemindersState).list).toEqual([]);
  });

  it('shows a due reminder in-app, snoozes it, and respects the weekly cap', async () => {
    const { instance, shadow } = start({ reminders: { list: [monday9], shown: [] } });
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelector('[data-toast]')).toBeNull();
    await vi.advanceTimersByTimeAsync(11 * 60e3); // 9:01
    const toast = shadow.querySelector('[data-toast="reminder:m"]')!;
    expect(toast.closest('[role=status]')).not.toBeNull();
    expect(toast.textContent).toContain('Every Monday at 9:00');
    clickButton(toast, 'Snooze 1 hour');
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelector('[data-toast]')).toBeNull();
    expect((instance.getProfile().widgets.reminders as RemindersState).list[0].snoozed).toBe(at(10, 10, 1) + 50);
    // The snooze ends within the hour, but this week's one show is spent (maxPerWeek: 1).
    await vi.advanceTimersByTimeAsync(61 * 60e3);
    expect(shadow.querySelector('[data-toast]')).toBeNull();
  });

  it("runs on the instance's clock when the page travels in time", async () => {
    // The wall clock says Wednesday; the instance (the demo's ?now=) says Monday 8:50.
    vi.setSystemTime(at(12, 8, 50));
    const { instance, shadow } = start({ reminders: { list: [monday9], shown: [] } }, { now: at(10, 8, 50) });
    await vi.advanceTimersByTimeAsync(11 * 60e3); // Monday 9:01 on the instance's clock
    const toast = shadow.querySelector('[data-toast="reminder:m"]')!;
    expect(toast).not.toBeNull();
    clickButton(toast, 'Snooze 1 hour');
    await vi.advanceTimersByTimeAsync(50);
    const saved = instance.getProfile().widgets.reminders as RemindersState;
    expect(saved.shown).toHaveLength(1);
    expect(saved.shown[0]).toBeGreaterThanOrEqual(at(10, 9));
    expect(saved.shown[0]).toBeLessThan(at(10, 9, 1));
    expect(saved.list[0].snoozed).toBe(at(10, 10, 1));

    (shadow.querySelector('.launcher') as HTMLElement).click();
    await vi.advanceTimersByTimeAsync(50);
    clickButton(shadow, 'Add reminder');
    await vi.advanceTimersByTimeAsync(50);
    shadow.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await vi.advanceTimersByTimeAsync(50);
    const added = (instance.getProfile().widgets.reminders as RemindersState).list[1];
    expect(added.created).toBe(at(10, 9, 1) + 150); // submitted three 50 ms steps after the snooze
  });

  it('one tab shows it; BroadcastChannel tells the others', async () => {
    const a = start({ reminders: { list: [monday9], shown: [] } });
    // Tab b: another page (document) with the same stored state, in the background.
    const other = document.implementation.createHTMLDocument('b');
    Object.defineProperty(other, 'visibilityState', { value: 'hidden', configurable: true });
    const b = start({ reminders: { list: [monday9], shown: [] } }, { doc: other });
    await vi.advanceTimersByTimeAsync(11 * 60e3);
    expect(a.shadow.querySelector('[data-toast="reminder:m"]')).not.toBeNull();
    expect(b.shadow.querySelector('[data-toast]')).toBeNull();
    vi.useRealTimers();
    await settle(50); // the broadcast arrives
    Object.defineProperty(other, 'visibilityState', { value: 'visible', configurable: true });
    other.dispatchEvent(new Event('visibilitychange'));
    await settle();
    // Without the broadcast, b's stale state would show the same reminder again.
    expect(b.shadow.querySelector('[data-toast]')).toBeNull();
  });
});

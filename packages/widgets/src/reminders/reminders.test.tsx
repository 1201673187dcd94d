import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internalOf, type HabitualConfig } from '@habitual/core';
import { mount } from '../host/mount';
import { realInstance } from '../test/real-instance';
import { clickButton } from '../test/render';
import { dueReminder, instantOf, isQuiet, lastOccurrence, markShown, upgrade, type Reminder, type RemindersState } from './schedule';

// Wall times in UTC, the test instance's zone; 2025-03-10 is a Monday (weekday 0, core's calendar).
const at = (d: number, h: number, m = 0) => Date.UTC(2025, 2, d, h, m);
const UTC = 'UTC';
const monday9: Reminder = { id: 'm', days: [0], time: '09:00', created: at(1, 0) };
const weekdays830: Reminder = { id: 'w', days: [0, 1, 2, 3, 4], time: '08:30', created: at(1, 0) };

describe('schedule', () => {
  it('finds the latest occurrence', () => {
    expect(lastOccurrence(monday9, at(12, 10), UTC)).toBe(at(10, 9));
    expect(lastOccurrence(monday9, at(10, 8, 59), UTC)).toBe(at(3, 9));
    expect(lastOccurrence(weekdays830, at(16, 12), UTC)).toBe(at(14, 8, 30)); // Sunday -> Friday
  });

  it('quiet hours wrap midnight', () => {
    const quiet: [string, string] = ['20:00', '08:00'];
    expect(isQuiet(at(10, 21), UTC, quiet)).toBe(true);
    expect(isQuiet(at(10, 7, 59), UTC, quiet)).toBe(true);
    expect(isQuiet(at(10, 8), UTC, quiet)).toBe(false);
    expect(isQuiet(at(10, 12), UTC, ['12:00', '13:00'])).toBe(true);
    expect(isQuiet(at(10, 12), UTC)).toBe(false);
  });

  it('is due once per occurrence, never before it was created', () => {
    const s: RemindersState = { list: [monday9], shown: [] };
    // Last Monday's was missed while the app was closed: skipped, not shown late.
    expect(dueReminder(s, at(10, 8), UTC)).toBeUndefined();
    expect(dueReminder(s, at(10, 9, 1), UTC)).toEqual({ reminder: monday9, at: at(10, 9) });
    const after = markShown(s, 'm', at(10, 9), at(10, 9, 1));
    expect(dueReminder(after, at(10, 15), UTC)).toBeUndefined();
    expect(dueReminder(after, at(17, 9), UTC)?.at).toBe(at(17, 9));
    expect(dueReminder({ list: [{ ...monday9, created: at(10, 10) }], shown: [] }, at(12, 9), UTC)).toBeUndefined();
  });

  it('holds back in quiet hours and over the weekly cap', () => {
    const s: RemindersState = { list: [weekdays830], shown: [] };
    expect(dueReminder(s, at(10, 8, 31), UTC, { quietHours: ['20:00', '09:00'] })).toBeUndefined();
    expect(dueReminder(s, at(10, 9, 1), UTC, { quietHours: ['20:00', '09:00'] })?.at).toBe(at(10, 8, 30));
    const capped = { ...s, shown: [at(5, 9), at(7, 9)] };
    expect(dueReminder(capped, at(11, 9), UTC, { maxPerWeek: 2 })).toBeUndefined();
    // Shows older than a week no longer count.
    expect(dueReminder(capped, at(13, 9), UTC, { maxPerWeek: 2 })?.at).toBe(at(13, 8, 30));
  });

  it("reads local times in the instance's zone, across a DST change", () => {
    // Helsinki is UTC+2 in winter and UTC+3 from 2025-03-30 03:00.
    expect(instantOf('2025-03-10', '09:00', 'Europe/Helsinki')).toBe(at(10, 7));
    expect(instantOf('2025-03-31', '09:00', 'Europe/Helsinki')).toBe(at(31, 6));
    expect(lastOccurrence(monday9, at(31, 6, 30), 'Europe/Helsinki')).toBe(at(31, 6));
    expect(isQuiet(at(10, 19), 'Europe/Helsinki', ['20:00', '08:00'])).toBe(true);
    expect(isQuiet(at(10, 19), UTC, ['20:00', '08:00'])).toBe(false);
  });

  it("reads reminders saved with Sunday-based weekdays as core's Monday-based ones", () => {
    const old = { list: [{ ...monday9, days: [1, 0] }], shown: [] } as RemindersState;
    expect(upgrade(old).list[0].days).toEqual([0, 6]);
    expect(upgrade(upgrade(old))).toEqual(upgrade(old));
  });

  it('a snoozed reminder comes back when the snooze ends', () => {
    const s: RemindersState = { list: [{ ...monday9, last: at(10, 9), snoozed: at(10, 10) }], shown: [] };
    expect(dueReminder(s, at(10, 9, 30), UTC)).toBeUndefined();
    expect(dueReminder(s, at(10, 10), UTC)?.at).toBe(at(10, 10));
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

  const start = async (widgets: Record<string, unknown> = {}, { doc = document, now }: { doc?: Document; now?: number } = {}) => {
    const { instance } = await realInstance({ config, widgets, now: now ?? Date.now() });
    const root = doc.createElement('div');
    doc.body.append(root);
    const handle = mount(instance, { root });
    cleanups.push(handle.unmount);
    await handle.ready;
    const saved = () => upgrade(internalOf(instance).profile()?.widgets.reminders as RemindersState);
    return { instance, saved, shadow: root.querySelector('habitual-widgets')!.shadowRoot! };
  };

  it('adds, edits and deletes reminders in the panel', async () => {
    const { saved, shadow } = await start();
    (shadow.querySelector('.launcher') as HTMLElement).click();
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.textContent).toContain('No reminders yet.');
    clickButton(shadow, 'Add reminder');
    await vi.advanceTimersByTimeAsync(50);
    const form = shadow.querySelector('form')!;
    expect(shadow.activeElement).toBe(form.querySelector('select'));
    (form.elements.namedItem('repeat') as HTMLSelectElement).value = '0';
    (form.elements.namedItem('time') as HTMLInputElement).value = '09:00';
    (form.elements.namedItem('note') as HTMLInputElement).value = 'Send invoices';
    form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelector('[data-reminder]')!.textContent).toMatch(/^Every Monday at 9:00\sAM · Send invoices/);
    expect(saved().list[0]).toMatchObject({ days: [0], time: '09:00', note: 'Send invoices' });
    expect(saved().list[0].created).toBeGreaterThanOrEqual(at(10, 8, 50));

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
    expect(saved().list).toEqual([]);
  });

  it('shows a due reminder in-app, snoozes it, and respects the weekly cap', async () => {
    const { saved, shadow } = await start({ reminders: { v: 2, list: [monday9], shown: [] } });
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelector('[data-toast]')).toBeNull();
    await vi.advanceTimersByTimeAsync(11 * 60e3); // 9:01
    const toast = shadow.querySelector('[data-toast="reminder:m"]')!;
    expect(toast.closest('[role=status]')).not.toBeNull();
    expect(toast.textContent).toContain('Every Monday at 9:00');
    clickButton(toast, 'Snooze 1 hour');
    await vi.advanceTimersByTimeAsync(50);
    expect(shadow.querySelector('[data-toast]')).toBeNull();
    // Snoozed an hour from when it was clicked (9:01 and a little).
    expect(saved().list[0].snoozed! - at(10, 10, 1)).toBeGreaterThanOrEqual(0);
    expect(saved().list[0].snoozed! - at(10, 10, 1)).toBeLessThan(60e3);
    // The snooze ends within the hour, but this week's one show is spent (maxPerWeek: 1).
    await vi.advanceTimersByTimeAsync(61 * 60e3);
    expect(shadow.querySelector('[data-toast]')).toBeNull();
  });

  it("runs on the instance's clock when the page travels in time", async () => {
    // The wall clock says Wednesday; the instance (the demo's ?now=) says Monday 8:50.
    vi.setSystemTime(at(12, 8, 50));
    const { saved, shadow } = await start({ reminders: { v: 2, list: [monday9], shown: [] } }, { now: at(10, 8, 50) });
    await vi.advanceTimersByTimeAsync(11 * 60e3); // Monday 9:01 on the instance's clock
    const toast = shadow.querySelector('[data-toast="reminder:m"]')!;
    expect(toast).not.toBeNull();
    clickButton(toast, 'Snooze 1 hour');
    await vi.advanceTimersByTimeAsync(50);
    expect(saved().shown).toHaveLength(1);
    expect(saved().shown[0]).toBeGreaterThanOrEqual(at(10, 9));
    expect(saved().shown[0]).toBeLessThan(at(10, 9, 2));
    expect(saved().list[0].snoozed! - at(10, 10)).toBeGreaterThanOrEqual(0);
    expect(saved().list[0].snoozed! - at(10, 10)).toBeLessThan(2 * 60e3);

    (shadow.querySelector('.launcher') as HTMLElement).click();
    await vi.advanceTimersByTimeAsync(50);
    clickButton(shadow, 'Add reminder');
    await vi.advanceTimersByTimeAsync(50);
    shadow.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await vi.advanceTimersByTimeAsync(50);
    const added = saved().list[1];
    // Created on the instance's Monday, not the wall clock's Wednesday.
    expect(added.created - at(10, 9)).toBeGreaterThan(0);
    expect(added.created - at(10, 9)).toBeLessThan(3 * 60e3);
  });

  it('one tab shows it; BroadcastChannel tells the others', async () => {
    const a = await start({ reminders: { v: 2, list: [monday9], shown: [] } });
    // Tab b: another page (document) with the same stored state, in the background.
    const other = document.implementation.createHTMLDocument('b');
    Object.defineProperty(other, 'visibilityState', { value: 'hidden', configurable: true });
    const b = await start({ reminders: { v: 2, list: [monday9], shown: [] } }, { doc: other });
    const heard = new BroadcastChannel('habitual-reminders');
    let broadcasts = 0;
    heard.onmessage = () => broadcasts++;
    await vi.advanceTimersByTimeAsync(11 * 60e3);
    expect(a.shadow.querySelector('[data-toast="reminder:m"]')).not.toBeNull();
    expect(b.shadow.querySelector('[data-toast]')).toBeNull();
    vi.useRealTimers();
    // A channel of the test's own hears a's broadcast when b's does (delivered in order).
    await vi.waitFor(() => expect(broadcasts).toBeGreaterThan(0));
    heard.close();
    Object.defineProperty(other, 'visibilityState', { value: 'visible', configurable: true });
    other.dispatchEvent(new Event('visibilitychange'));
    // Without the broadcast, b's stale state would show the same reminder again.
    expect(b.shadow.querySelector('[data-toast]')).toBeNull();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, type HabitualConfig, type ShareMessage } from '@habitual/core';
import { clickButton, flushRender, mountWidgets } from '../test/render';
import { monthReview, shiftMonth } from './month-review';

const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': { key: true, value: { one: 'invoice', other: 'invoices' } }, 'customer.created': { key: true } },
  milestones: [
    { id: 'first', title: 'First invoice sent', event: 'invoice.sent' },
    { id: 'ten', title: 'Ten invoices', event: 'invoice.sent', count: 10 },
  ],
  widgets: { journal: { enabled: true } },
};
// February: one invoice (a use without a value is one unit); March: 3 + 2x4 units; today is Wednesday 2025-03-12.
const days = {
  '2025-02-27': { 'invoice.sent': 1 },
  '2025-03-03': { 'invoice.sent': [1, 3] as [number, number] },
  '2025-03-10': { 'invoice.sent': [2, 8] as [number, number], 'customer.created': 1 },
};

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openJournal(init: Parameters<typeof mountWidgets>[0] = {}, before?: Parameters<typeof mountWidgets>[1]) {
  const w = await mountWidgets({ config, days, ...init }, before);
  cleanup = w.handle.unmount;
  w.$('.launcher')!.click();
  await flushRender();
  const field = () => w.$<HTMLTextAreaElement>('textarea')!;
  const write = async (text: string) => {
    field().value = text;
    field().dispatchEvent(new Event('input', { bubbles: true }));
    await flushRender();
  };
  const notes = async () =>
    ((await w.instance.exportData()).profile.widgets.journal as { notes: Record<string, { text: string; shared?: boolean }> } | undefined)?.notes;
  const counts = async () => (await w.instance.exportData()).days.find((d) => d.day === '2025-03-12')?.features ?? {};
  return { ...w, field, write, notes, counts };
}

// The signed identity the collector verifies, as the host's backend would give it.
const signedIn = ({ instance }: { instance: Parameters<typeof internalOf>[0] }) => {
  const host = internalOf(instance);
  const options = host.options();
  host.options = () => ({ ...options, endpoint: 'https://collector.test/' });
  host.user = () => ({ id: 'u_1', accountId: 'acme', hash: 'a'.repeat(64), traits: { name: 'Ana María' } });
};

describe('month in review', () => {
  it('counts the month by the engine: qualified days, value units by core rule, milestones of the month', async () => {
    const w = await openJournal();
    const state = w.instance.getState()!;
    const { days: stored } = await w.instance.exportData();
    const march = monthReview(state, stored, '2025-03', state.today);
    expect(march.active).toEqual(['2025-03-03', '2025-03-10']);
    expect(march.values).toEqual([{ feature: 'invoice.sent', unit: expect.anything(), units: 11 }]);
    expect(march.milestones.map((m) => m.id)).toEqual([]);
    // Mar 1 2025 is a Saturday: col 5 of the first row; the 12th is the last day shown.
    expect(march.days[0]).toEqual({ day: '2025-03-01', col: 5, row: 0 });
    expect(march.days.at(-1)).toEqual({ day: '2025-03-12', col: 2, row: 2 });
    const feb = monthReview(state, stored, shiftMonth('2025-03', -1), state.today);
    expect([feb.active, feb.values[0].units, feb.milestones.map((m) => m.id)]).toEqual([['2025-02-27'], 1, ['first']]);
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
  });

  it('shows the calendar, totals and milestones, month by month', async () => {
    const w = await openJournal();
    const card = w.$('[data-review]')!;
    expect(card.querySelector('h3')!.textContent).toBe('Month in review: March 2025');
    expect([...card.querySelectorAll('svg.cal rect.on')].map((r) => r.querySelector('title')!.textContent)).toEqual(['Mar 3, 2025', 'Mar 10, 2025']);
    expect(card.querySelector('svg')!.getAttribute('aria-label')).toBe('Month in review: March 2025: 2 active days');
    await vi.waitFor(() => expect(w.$$('[data-totals] li').map((li) => li.textContent)).toEqual(['2 active days', '11 invoices', '0 milestones reached']));
    expect(w.$<HTMLButtonElement>('[aria-label="Next month"]')!.disabled).toBe(true);
    w.$('[aria-label="Previous month"]')!.click();
    await flushRender();
    expect(card.querySelector('h3')!.textContent).toBe('Month in review: February 2025');
    expect(w.$$('[data-totals] li').map((li) => li.textContent)).toEqual(['1 active day', '1 invoice', '1 milestone reached', 'First invoice sent']);
  });

  it('shares the month as numbers only through the collector relay, counted', async () => {
    const sent: ShareMessage[] = [];
    const w = await openJournal({ config: { ...config, widgets: { journal: { enabled: true, share: ['slack'] } } } }, ({ instance }) => {
      internalOf(instance).share = async (m) => void sent.push(m);
    });
    await vi.waitFor(() => expect(w.$$('[data-totals] li')[1].textContent).toBe('11 invoices'));
    expect(w.$$('[data-share]').map((b) => b.textContent)).toEqual(['Share to Slack']);
    clickButton(w.root, 'Share to Slack');
    await vi.waitFor(() => expect(w.text()).toContain('Shared.'));
    expect(sent).toEqual([{ target: 'slack', review: { month: '2025-03', activeDays: 2, milestones: 0, values: { 'invoice.sent': 11 } } }]);
    expect((await w.counts())['hb:journal.review.shared']).toEqual({ n: 1, value: 0 });
  });
});

describe('journal notes', () => {
  it("saves today's note on the device through a labelled textarea, as text, counted", async () => {
    const w = await openJournal();
    expect(w.field().closest('label')!.textContent).toBe('Note for Mar 12, 2025');
    await w.write('<img src=x onerror="alert(1)"> shipped the import');
    clickButton(w.root, 'Save');
    await vi.waitFor(() => expect(w.$('form [role=status]')!.textContent).toBe('Saved on this device.'));
    expect(await w.notes()).toEqual({ '2025-03-12': { text: '<img src=x onerror="alert(1)"> shipped the import', at: expect.any(Number) } });
    const item = w.$('[data-notes] li')!;
    expect(item.querySelector('p')!.textContent).toBe('<img src=x onerror="alert(1)"> shipped the import');
    expect(w.root.querySelector('img')).toBeNull();
    // Its presence is marked on that day of the month's calendar.
    expect(w.$('svg.cal circle')!.getAttribute('data-note')).toBe('2025-03-12');
    const counts = await w.counts();
    expect([counts['hb:journal.shown'], counts['hb:journal.note.saved']]).toEqual([
      { n: 1, value: 0 },
      { n: 1, value: 0 },
    ]);
  });

  it('keeps notes as long as the days: a save drops those past retentionDays', async () => {
    const w = await openJournal({
      config: { ...config, retentionDays: 30 },
      widgets: { journal: { notes: { '2025-02-09': { text: 'old', at: 1 }, '2025-02-10': { text: 'kept', at: 1 } } } },
    });
    await w.write('today');
    clickButton(w.root, 'Save');
    await vi.waitFor(async () => expect(Object.keys((await w.notes())!).sort()).toEqual(['2025-02-10', '2025-03-12']));
  });

  it('edits a listed note (focus in the textarea) and picks other days by date', async () => {
    const w = await openJournal({ widgets: { journal: { notes: { '2025-03-10': { text: 'Monday', at: 1 } } } } });
    expect(w.field().value).toBe('');
    const edit = w.$('[data-notes] button')!;
    expect(edit.getAttribute('aria-label')).toBe('Edit the note for Mar 10, 2025');
    edit.click();
    await flushRender();
    expect(w.field().value).toBe('Monday');
    expect(w.root.activeElement).toBe(w.field());
    await w.write('Monday, again');
    clickButton(w.root, 'Save');
    await vi.waitFor(async () => expect((await w.notes())!['2025-03-10'].text).toBe('Monday, again'));
    const date = w.$<HTMLInputElement>('input[type=date]')!;
    expect(date.max).toBe('2025-03-12');
    date.value = '2025-03-11';
    date.dispatchEvent(new Event('change', { bubbles: true }));
    await flushRender();
    expect(w.field().closest('label')!.textContent).toBe('Note for Mar 11, 2025');
    expect(w.field().value).toBe('');
  });

  it('deletes only after a confirmation, and forget deletes every note', async () => {
    const w = await openJournal({ widgets: { journal: { notes: { '2025-03-12': { text: 'today', at: 1 }, '2025-03-11': { text: 'yesterday', at: 1 } } } } });
    const button = clickButton(w.root, 'Delete note');
    await flushRender();
    expect(w.$('[role=alertdialog]')!.textContent).toContain('Delete the note for Mar 12, 2025? This cannot be undone.');
    expect(w.root.activeElement!.textContent).toBe('Cancel');
    clickButton(w.root, 'Cancel');
    await flushRender();
    expect(w.root.activeElement).toBe(button);
    expect(Object.keys((await w.notes())!)).toEqual(['2025-03-12', '2025-03-11']);
    clickButton(w.root, 'Delete note');
    await flushRender();
    clickButton(w.root.querySelector('[role=alertdialog]')!, 'Delete');
    await vi.waitFor(() => expect(w.$('form [role=status]')!.textContent).toBe('Note deleted.'));
    expect(Object.keys((await w.notes())!)).toEqual(['2025-03-11']);
    await w.instance.forget();
    expect((await w.instance.exportData()).profile.widgets.journal).toBeUndefined();
    // The open journal forgets them too: nothing of the old profile lingers on screen.
    await vi.waitFor(() => expect(w.$('[data-notes]')).toBeNull());
  });
});

describe('team notes', () => {
  const collector = (answers: Record<string, unknown> = {}) => {
    const calls: Array<{ method: string; url: string; body?: Record<string, unknown> }> = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      calls.push({ method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify(init?.method === 'GET' ? (answers.list ?? { notes: [] }) : { ok: true }), {
        status: (answers.status as number) ?? 200,
      });
    });
    return calls;
  };
  const teamConfig = { ...config, widgets: { journal: { enabled: true, team: true } } };

  it('offers the choice only to a signed-in user of an account, with team notes on', async () => {
    collector();
    const off = await openJournal({ config: teamConfig });
    expect(off.$('input[type=checkbox]')).toBeNull();
    cleanup();
    const on = await openJournal({}, signedIn);
    expect(on.$('input[type=checkbox]')).toBeNull();
  });

  it('a private note is never sent; a shared one is, and unticking unshares it', async () => {
    const calls = collector({
      list: {
        notes: [
          { day: '2025-03-11', text: '<b>Closed</b> the books', name: 'Sam' },
          { day: '2025-03-10', text: 'anon' },
        ],
      },
    });
    const w = await openJournal({ config: teamConfig }, signedIn);
    await vi.waitFor(() => expect(w.$$('[data-team] li')).toHaveLength(2));
    expect(w.$$('[data-team] li').map((li) => li.textContent)).toEqual(['SamMar 11, 2025<b>Closed</b> the books', 'A teammateMar 10, 2025anon']);
    expect(w.$('[data-team] b')).toBeNull();
    expect(calls.map((c) => `${c.method} ${c.url.split('?')[0]}`)).toEqual(['GET https://collector.test/v1/team/notes']);
    expect(Object.fromEntries(new URL(calls[0].url).searchParams)).toEqual({
      appId: expect.any(String),
      key: expect.any(String),
      userId: 'u_1',
      accountId: 'acme',
      hash: 'a'.repeat(64),
    });

    await w.write('private thoughts');
    clickButton(w.root, 'Save');
    await vi.waitFor(async () => expect((await w.notes())!['2025-03-12'].text).toBe('private thoughts'));
    expect(calls).toHaveLength(1);

    const box = w.$<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.closest('label')!.textContent).toBe('Share with my team');
    box.click();
    await flushRender();
    await w.write('shared thoughts');
    clickButton(w.root, 'Save');
    await vi.waitFor(() => expect(w.$('form [role=status]')!.textContent).toBe('Shared with your team'));
    expect(calls[1]).toEqual({
      method: 'POST',
      url: 'https://collector.test/v1/team/notes',
      body: expect.objectContaining({
        day: '2025-03-12',
        text: 'shared thoughts',
        name: 'Ana María',
        identity: expect.objectContaining({ userId: 'u_1', accountId: 'acme' }),
      }),
    });
    expect((await w.notes())!['2025-03-12']).toEqual({ text: 'shared thoughts', at: expect.any(Number), shared: true });
    expect((await w.counts())['hb:journal.note.shared']).toEqual({ n: 1, value: 0 });

    w.$<HTMLInputElement>('input[type=checkbox]')!.click();
    await flushRender();
    clickButton(w.root, 'Save');
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    expect([calls[2].method, calls[2].body?.day]).toEqual(['DELETE', '2025-03-12']);
    await vi.waitFor(async () => expect((await w.notes())!['2025-03-12'].shared).toBeUndefined());
    expect(calls.filter((c) => JSON.stringify(c.body ?? '').includes('private thoughts'))).toEqual([]);
  });

  it('deleting a shared note unshares it first; if that fails, the note stays', async () => {
    const shared = { '2025-03-12': { text: 'team news', at: 1, shared: true } };
    const down = collector({ status: 503 });
    const w = await openJournal({ config: teamConfig, widgets: { journal: { notes: shared } } }, signedIn);
    const remove = async () => {
      clickButton(w.root, 'Delete note');
      await flushRender();
      clickButton(w.root.querySelector('[role=alertdialog]')!, 'Delete');
    };
    await remove();
    await vi.waitFor(() => expect(w.$('form [role=status]')!.textContent).toBe('Could not reach your team. The note is kept on this device.'));
    expect(down.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect(Object.keys((await w.notes())!)).toEqual(['2025-03-12']);
    vi.restoreAllMocks();
    const up = collector();
    await remove();
    await vi.waitFor(() => expect(w.$('form [role=status]')!.textContent).toBe('Note deleted.'));
    expect(up.map((c) => [c.method, c.body?.day])).toEqual([['DELETE', '2025-03-12']]);
    expect(await w.notes()).toEqual({});
  });

  it('a failed share says so and keeps the note private on the device', async () => {
    collector({ status: 503 });
    const w = await openJournal({ config: teamConfig }, signedIn);
    w.$<HTMLInputElement>('input[type=checkbox]')!.click();
    await flushRender();
    await w.write('hello team');
    clickButton(w.root, 'Save');
    await vi.waitFor(() => expect(w.$('form [role=status]')!.textContent).toBe('Could not reach your team. The note is kept on this device.'));
    expect((await w.notes())!['2025-03-12']).toEqual({ text: 'hello team', at: expect.any(Number) });
  });
});

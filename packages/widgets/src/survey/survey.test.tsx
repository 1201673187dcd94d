import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, type HabitualConfig, type SurveyResponse } from '@habitual/core';
import { act } from 'preact/test-utils';
import { clickButton, flushRender, mountWidgets } from '../test/render';
import { keepAnswer, MAX_ANSWERS, wireAnswer, type StoredAnswer, type SurveyState } from './answers';

const config: HabitualConfig = { locale: 'en', widgets: { survey: { enabled: true } } };

let cleanup = () => {};
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

/** Mounts with `respond` replaced: what the collector would get, or how it fails. */
async function mountSurvey(init: Parameters<typeof mountWidgets>[0] = {}, respond = vi.fn(async (_: SurveyResponse[]) => {})) {
  const w = await mountWidgets({ config, ...init }, (real) => void (internalOf(real.instance).respond = respond));
  cleanup = w.handle.unmount;
  return { ...w, respond, saved: () => internalOf(w.instance).profile()?.widgets.survey as SurveyState | undefined };
}

const choose = async (root: ParentNode, value: string) => {
  const radio = root.querySelector<HTMLInputElement>(`input[type=radio][value="${value}"]`)!;
  radio.click();
  await flushRender();
};

describe('survey', () => {
  it('habitual.survey("exit") opens the exit form at once, focused; the answer is kept on the device and sent once', async () => {
    const w = await mountSurvey();
    expect(w.$('[data-survey]')).toBeNull();
    w.instance.survey('exit');
    await flushRender();
    const card = w.$('[data-survey=exit]')!;
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.querySelector('legend')!.textContent).toBe('Sorry to see you go. What is the main reason?');
    expect(w.root.activeElement).toBe(card.querySelector('input[type=radio]'));
    // Send without a choice says so and keeps nothing.
    clickButton(card, 'Send');
    await flushRender();
    expect(w.$('[role=alert]')!.textContent).toBe('Choose an answer first.');
    await choose(card, 'price');
    const area = card.querySelector('textarea')!;
    area.value = '<img src=x onerror=alert(1)>';
    area.dispatchEvent(new Event('input'));
    await flushRender();
    clickButton(card, 'Send');
    await flushRender();
    expect(w.text()).toContain('Thank you for your answer.');
    const [answer] = w.saved()!.answers!;
    expect(answer).toMatchObject({ form: 'exit', kind: 'choice', choice: 'price', comment: '<img src=x onerror=alert(1)>', share: false });
    await vi.waitFor(() => expect(w.saved()!.answers![0].sent).toBe(true));
    // Not shared: the comment stays on the device.
    expect(w.respond).toHaveBeenCalledTimes(1);
    expect(w.respond.mock.calls[0][0]).toEqual([{ id: answer.id, form: 'exit', kind: 'choice', at: answer.at, choice: 'price' }]);
    // In the user's export; gone with forget.
    expect(((await w.instance.exportData()).profile.widgets.survey as SurveyState).answers).toHaveLength(1);
    await w.instance.forget();
    expect(((await w.instance.exportData()).profile.widgets.survey as SurveyState | undefined)?.answers).toBeUndefined();
  });

  it('a click on any [data-habitual-survey] element, added later, opens that form; a shared comment is sent as text', async () => {
    const w = await mountSurvey();
    const button = document.createElement('button');
    button.setAttribute('data-habitual-survey', 'exit');
    document.body.prepend(button);
    const inner = document.createElement('span');
    button.append(inner);
    inner.click();
    await flushRender();
    const card = w.$('[data-survey=exit]')!;
    await choose(card, 'missing');
    const area = card.querySelector('textarea')!;
    area.value = 'No recurring invoices';
    area.dispatchEvent(new Event('input'));
    card.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await flushRender();
    expect(card.textContent).toMatch(/Share my comment with widgets-\d+/);
    clickButton(card, 'Send');
    await vi.waitFor(() => expect(w.respond).toHaveBeenCalled());
    expect(w.respond.mock.calls[0][0][0]).toMatchObject({ choice: 'missing', text: 'No recurring invoices' });
    // Escape after the answer closes; focus goes back to the element that opened it.
    w.$('[data-survey]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushRender();
    expect(w.$('[data-survey]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('an answer the collector could not take waits and is sent later, once; one it refuses stays, marked', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let down = true;
      const respond = vi.fn(async (_: SurveyResponse[]) => {
        if (down) throw new Error('offline');
      });
      const w = await mountSurvey({}, respond);
      w.instance.survey('nps');
      await flushRender();
      const card = w.$('[data-survey=nps]')!;
      expect(card.querySelectorAll('input[type=radio]')).toHaveLength(11);
      await choose(card, '9');
      clickButton(card, 'Send');
      await vi.waitFor(() => expect(respond).toHaveBeenCalledTimes(1));
      expect(w.saved()!.answers![0]).toMatchObject({ kind: 'nps', score: 9 });
      expect(w.saved()!.answers![0].sent).toBeUndefined();
      down = false;
      await act(async () => void (await vi.advanceTimersByTimeAsync(31_000)));
      await vi.waitFor(() => expect(w.saved()!.answers![0].sent).toBe(true));
      expect(respond).toHaveBeenCalledTimes(2);
      expect(respond.mock.calls[1][0][0].id).toBe(respond.mock.calls[0][0][0].id);
      await act(async () => void (await vi.advanceTimersByTimeAsync(700_000)));
      expect(respond).toHaveBeenCalledTimes(2);

      respond.mockRejectedValueOnce(Object.assign(new Error('form: bad'), { status: 400 }));
      w.instance.survey('csat');
      await flushRender();
      await choose(w.$('[data-survey=csat]')!, '4');
      clickButton(w.$('[data-survey=csat]')!, 'Send');
      await vi.waitFor(() => expect(w.saved()!.answers![1].refused).toBe('form: bad'));
      await act(async () => void (await vi.advanceTimersByTimeAsync(700_000)));
      expect(respond).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('by rule: widgets.survey.ask offers its form from the attention budget, counted; dismissed, it stays away (closed that day)', async () => {
    const w = await mountSurvey({ config: { ...config, widgets: { survey: { enabled: true, ask: 'nps', holdout: 0 } } } });
    await vi.waitFor(async () => (await flushRender(), expect(w.$('[data-survey=nps]')).not.toBeNull()));
    expect(w.$('.survey')).not.toBeNull();
    // Offered, not asked for: focus stays where the user is.
    expect(w.root.activeElement).toBeNull();
    clickButton(w.$('[data-survey=nps]')!, '×');
    await flushRender();
    expect(w.$('[data-survey]')).toBeNull();
    await vi.waitFor(() => expect(w.saved()?.closed?.nps).toBe('2025-03-12'));
    await w.instance.flush();
    const { days } = await w.instance.exportData();
    const features = days.find((d) => d.day === '2025-03-12')!.features;
    expect(features['hb:survey.nps.shown']?.n).toBe(1);
    expect(features['hb:survey.nps.dismissed']?.n).toBe(1);
  });

  it('by rule: a form answered or dismissed within repeatDays is not offered again; after them it is', async () => {
    const rule = { ...config, widgets: { survey: { enabled: true, ask: 'nps', holdout: 0, repeatDays: 30 } } };
    const recent = await mountSurvey({ config: rule, widgets: { survey: { closed: { nps: '2025-02-20' } } } });
    // The budget has decided (nothing else waits), and the form stays away.
    await flushRender();
    await recent.instance.flush();
    await flushRender();
    expect(recent.$('[data-survey]')).toBeNull();
    cleanup();
    document.body.innerHTML = '';
    const due = await mountSurvey({ config: rule, widgets: { survey: { closed: { nps: '2025-02-10' } } } });
    await vi.waitFor(async () => (await flushRender(), expect(due.$('[data-survey=nps]')).not.toBeNull()));
  });

  it('config forms replace the texts and choices, in the user language; free text is only ever text', async () => {
    const w = await mountSurvey({
      config: {
        locale: 'fi',
        widgets: {
          survey: {
            enabled: true,
            appName: 'Ledgerly',
            forms: { exit: { question: { en: 'Why?', fi: 'Miksi?' }, choices: [{ id: 'cost', label: { en: 'Cost', fi: '<b>Hinta</b>' } }] } },
          },
        },
      },
    });
    w.instance.survey('exit');
    await flushRender();
    const card = w.$('[data-survey=exit]')!;
    expect(card.querySelector('legend')!.textContent).toBe('Miksi?');
    expect(card.querySelector('.choices')!.textContent).toBe('<b>Hinta</b>');
    expect(card.querySelector('b')).toBeNull();
    expect(card.textContent).toContain('Jaa kommenttini: Ledgerly');
  });

  it('an unknown form is reported, not opened', async () => {
    const onError = vi.fn();
    const w = await mountSurvey({ options: { onError } });
    w.instance.survey('nope');
    w.instance.survey('constructor');
    await flushRender();
    expect(w.$('[data-survey]')).toBeNull();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'bad-call', message: expect.stringContaining("survey('nope')") }));
  });
});

describe('answers', () => {
  it('sends the comment only when shared; keeps every unsent answer past the cap', () => {
    const a: StoredAnswer = { id: 'a', form: 'exit', kind: 'choice', at: 1, choice: 'price', comment: 'hi' };
    expect(wireAnswer(a)).toEqual({ id: 'a', form: 'exit', kind: 'choice', at: 1, choice: 'price' });
    expect(wireAnswer({ ...a, share: true }).text).toBe('hi');
    let s: SurveyState = {};
    for (let i = 0; i < MAX_ANSWERS + 5; i++) s = keepAnswer(s, { ...a, id: String(i), sent: i % 2 === 0 }, '2025-03-12');
    expect(s.answers).toHaveLength(MAX_ANSWERS);
    s = { answers: Array.from({ length: MAX_ANSWERS }, (_, i) => ({ ...a, id: String(i) })) };
    expect(keepAnswer(s, { ...a, id: 'new' }, '2025-03-12').answers).toHaveLength(MAX_ANSWERS + 1);
  });
});

describe('consent', () => {
  it('an answer leaves the device only once consent is granted, through the real keeper and sync client', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const posted: Array<{ url: string; body: { responses?: SurveyResponse[]; identity?: { deviceId: string } } }> = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (init?.method === 'POST') posted.push({ url, body: JSON.parse(String(init.body)) });
      if (url.includes('/v1/summaries')) return new Response(JSON.stringify({ acks: [] }), { status: 200 });
      if (url.includes('/v1/config')) return new Response(null, { status: 304 });
      return new Response(JSON.stringify({ ok: true, stored: 1 }), { status: 200 });
    });
    try {
      const w = await mountWidgets({ config, options: { endpoint: 'https://collector.test', requireConsent: true } });
      cleanup = w.handle.unmount;
      const saved = () => internalOf(w.instance).profile()?.widgets.survey as SurveyState | undefined;
      w.instance.survey('csat');
      await flushRender();
      await choose(w.$('[data-survey=csat]')!, '5');
      clickButton(w.$('[data-survey=csat]')!, 'Send');
      await vi.waitFor(() => expect(saved()?.answers).toHaveLength(1));
      await act(async () => void (await vi.advanceTimersByTimeAsync(31_000)));
      expect(posted.filter((p) => p.url.endsWith('/v1/responses'))).toEqual([]);
      expect(saved()!.answers![0].sent).toBeUndefined();

      w.instance.consent('granted');
      await act(async () => void (await vi.advanceTimersByTimeAsync(61_000)));
      await vi.waitFor(() => expect(posted.filter((p) => p.url.endsWith('/v1/responses'))).toHaveLength(1));
      const sent = posted.find((p) => p.url.endsWith('/v1/responses'))!.body;
      expect(sent.responses).toEqual([expect.objectContaining({ form: 'csat', kind: 'csat', score: 5 })]);
      expect(sent.identity?.deviceId).toBeTruthy();
      await vi.waitFor(() => expect(saved()!.answers![0].sent).toBe(true));
    } finally {
      vi.useRealTimers();
    }
  });
});

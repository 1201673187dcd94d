import { addDays } from '@habitual/core';
import { useLayoutEffect, useState } from 'preact/hooks';
import { useHub } from '../host/hub';
import { useSlot } from '../host/slot';
import type { SurveyState } from './answers';
import { resolveForm } from './forms';
import { useSender } from './send-answers';
import { SurveyCard } from './survey-card';

const ATTR = 'data-habitual-survey';

/**
 * The survey: a form opens at once when the user asks (the host's `habitual.survey(form)`, or a
 * click on any element with `data-habitual-survey="<form>"`, found by one listener on the
 * document, so elements added later work too); the form `widgets.survey.ask` offers itself
 * while `when` holds, from the attention budget, at most once per `repeatDays`. Answers are
 * kept on the device and sent (`send-answers.ts`).
 */
export function Survey() {
  const [{ config, today, on, t, tx }, hub] = useHub();
  const w = config.widgets?.survey ?? {};
  const saved = hub.widget<SurveyState>('survey') ?? {};
  const [asked, setAsked] = useState<{ form: string; opener?: HTMLElement } | null>(null);
  const [answered, setAnswered] = useState(0);
  useSender(hub, answered);

  // At commit, not in a later effect: a call made right after the view arrives is not missed.
  useLayoutEffect(() => {
    const open = (form: string, opener?: HTMLElement) => {
      if (resolveForm(form, hub.view().config, t, tx)) return setAsked({ form, opener });
      hub.host.report({ code: 'bad-call', message: `survey('${String(form)}'): no such form; use exit, nps, csat or a key of widgets.survey.forms.` });
    };
    const take = (opener?: HTMLElement) => {
      const form = hub.host.takeSurvey();
      if (form !== undefined) open(form, opener);
    };
    take(hub.doc.activeElement as HTMLElement | undefined);
    const off = hub.instance.on('survey', () => take((hub.doc.activeElement as HTMLElement) ?? undefined));
    const click = (e: Event) => {
      // composedPath: the element may sit in one of the page's own shadow roots.
      const el = e.composedPath().find((n) => (n as Element).hasAttribute?.(ATTR)) as HTMLElement | undefined;
      if (el) hub.count('survey', 'clicked', el.getAttribute(ATTR)!), open(el.getAttribute(ATTR)!, el);
    };
    hub.doc.addEventListener('click', click);
    return () => (off(), hub.doc.removeEventListener('click', click));
  }, [hub]);

  const last = w.ask && saved.closed?.[w.ask];
  const rule = w.ask && on('survey') && (!last || addDays(last, w.repeatDays ?? 90) <= today) ? w.ask : null;
  const granted = useSlot(!asked && rule ? `survey:${rule}` : null, hub.priority('survey'));
  const id = asked?.form ?? (granted ? rule : null);
  const form = id ? resolveForm(id, config, t, tx) : undefined;
  if (!form) return null;
  return (
    <SurveyCard
      key={form.id}
      form={form}
      asked={!!asked}
      onAnswered={() => setAnswered((n) => n + 1)}
      onClose={(how) => {
        if (!asked) hub.attention.mark(`survey:${form.id}`, how);
        const now = hub.widget<SurveyState>('survey') ?? {};
        if (how === 'dismissed') hub.setWidget('survey', { ...now, closed: { ...now.closed, [form.id]: today } });
        setAsked(null);
        asked?.opener?.focus?.();
      }}
    />
  );
}

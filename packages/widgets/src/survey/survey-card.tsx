import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { localText } from '@habitual/core';
import { useHub } from '../host/hub';
import { keepAnswer, type SurveyState } from './answers';
import type { ResolvedForm } from './forms';

const randomId = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * One form: its choices as native radio buttons in a fieldset (keyboard and screen readers
 * know them), an optional comment with its own "share with <app>" box, Send. Everything here
 * renders as text. Opened by the user it sits in the middle with focus inside, and focus goes
 * back to what had it; offered by rule it waits in a corner. Escape closes it.
 */
export function SurveyCard({
  form,
  asked,
  onAnswered,
  onClose,
}: {
  form: ResolvedForm;
  /** The user asked for it (host call, click): in the middle, focus inside. */
  asked: boolean;
  onAnswered(): void;
  onClose(how: 'dismissed' | 'done'): void;
}) {
  const [{ t, config, today, locale }, hub] = useHub();
  const [pick, setPick] = useState<string>();
  const [comment, setComment] = useState('');
  const [share, setShare] = useState(false);
  const [missing, setMissing] = useState(false);
  const [thanked, setThanked] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const x = useRef<HTMLButtonElement>(null);
  const app = localText(config.widgets?.survey?.appName, locale) ?? hub.host.options().appId;

  useLayoutEffect(() => {
    hub.count('survey', 'shown', form.id);
    if (asked) first.current?.focus();
  }, []);

  const dismiss = () => (hub.count('survey', 'dismissed', form.id), onClose('dismissed'));
  const submit = (e: Event) => {
    e.preventDefault();
    if (pick === undefined) return (setMissing(true), first.current?.focus());
    const saved = hub.widget<SurveyState>('survey') ?? {};
    const text = comment.trim().slice(0, 2000);
    const at = hub.host.now();
    const answer = { id: randomId(), form: form.id, kind: form.kind, at, ...(form.kind === 'choice' ? { choice: pick } : { score: Number(pick) }) };
    hub.setWidget('survey', keepAnswer(saved, { ...answer, ...(text ? { comment: text, share } : {}) }, today));
    hub.count('survey', 'completed', form.id);
    setThanked(true);
    onAnswered();
  };
  useEffect(() => {
    if (!thanked) return;
    // Send is gone with the form: focus stays in the card, so Escape still closes it.
    if (asked) x.current?.focus();
    const id = setTimeout(() => onClose('done'), 4000);
    return () => clearTimeout(id);
  }, [thanked]);

  const scale = form.kind !== 'choice';
  return (
    <section
      class={`card fixed ${asked ? 'survey-mid' : 'survey'}`}
      role="dialog"
      aria-labelledby="hb-survey-q"
      data-survey={form.id}
      data-habitual-interruptive=""
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), thanked ? onClose('done') : dismiss())}
    >
      <div class="row">
        <h2>{t('surveyTitle')}</h2>
        <button ref={x} type="button" class="x" aria-label={t('close')} onClick={() => (thanked ? onClose('done') : dismiss())}>
          ×
        </button>
      </div>
      {thanked ? (
        <p role="status">{t('thanks')}</p>
      ) : (
        <form onSubmit={submit}>
          <fieldset aria-describedby={missing ? 'hb-survey-missing' : undefined}>
            <legend id="hb-survey-q">{form.question}</legend>
            <div class={scale ? 'scale' : 'choices'}>
              {form.choices.map((c, i) => (
                <label key={c.id}>
                  <input
                    ref={i === 0 ? first : undefined}
                    type="radio"
                    name="hb-survey"
                    value={c.id}
                    checked={pick === c.id}
                    onChange={() => (setPick(c.id), setMissing(false))}
                  />
                  <span>{c.label}</span>
                </label>
              ))}
            </div>
            {scale && (
              <p class="mu row" aria-hidden="true">
                <span>{t('low')}</span>
                <span>{t('high')}</span>
              </p>
            )}
          </fieldset>
          {form.comment && (
            <>
              <label class="comment">
                {t('comment')}
                <textarea maxLength={2000} rows={3} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
              </label>
              <label class="mu">
                <input type="checkbox" checked={share} onChange={(e) => setShare((e.target as HTMLInputElement).checked)} /> {t('shareComment', { app })}
              </label>
            </>
          )}
          {missing && (
            <p id="hb-survey-missing" role="alert" class="mu">
              {t('pickOne')}
            </p>
          )}
          <div class="acts">
            <button class="p" type="submit">
              {t('send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { addDays } from '@habitual/core';
import { weekStart } from '../host/day-time';
import { useHub } from '../host/hub';
import { milestoneTitle } from '../host/milestone-title';
import { download } from '../host/download';
import { toCsv } from './export';
import { Heatmap } from './heatmap';

const WEEKS = 20;

/** The user's own history: active days, features adopted, milestones, the score and its why. */
export function Records() {
  const [view, hub] = useHub();
  const { state, config, t, tx, fmt, today } = view;
  const [confirming, setConfirming] = useState(false);
  useLayoutEffect(() => hub.count('records', 'shown'), []);
  const [forgotten, setForgotten] = useState(false);
  const active = new Set(state?.qualifiedDays ?? []);
  const from = addDays(weekStart(today), -7 * (WEEKS - 1));
  const recent = (state?.qualifiedDays ?? []).filter((d) => d >= from && d <= today).length;
  const features = config.features ?? {};
  const totals = state?.totals ?? {};
  const adopted = Object.keys(config.features ? features : totals).filter((name) => totals[name]?.n);
  const save = (csv: boolean) =>
    hub.instance
      .exportData()
      .then((data) =>
        csv
          ? download(hub.doc, 'habitual-records.csv', toCsv(data.days), 'text/csv')
          : download(hub.doc, 'habitual-records.json', JSON.stringify(data, null, 2), 'application/json'),
      )
      .catch(() => {}); // the tracker reports storage errors through onError
  const forgetRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  const forget = () =>
    hub.instance.forget().then(
      () => (setConfirming(false), setForgotten(true)),
      () => {}, // reported through onError; the confirmation stays for another try
    );

  return (
    <section aria-label={t('records')}>
      <h2>{t('records')}</h2>
      {state && (
        <p>
          <span class="big" data-score>
            {fmt.num(Math.round(state.score))}
          </span>{' '}
          <span class="mu">/ 100 {t('score')}</span>
        </p>
      )}
      <Heatmap
        active={active}
        noted={hub.widget<{ notes?: object }>('journal')?.notes}
        today={today}
        weeks={WEEKS}
        fmt={fmt}
        label={t('activeDays', { n: recent, weeks: WEEKS })}
      />
      <p class="mu">{t('activeDays', { n: recent, weeks: WEEKS })}</p>
      {state && state.parts.length > 0 && (
        <>
          <h3>{t('why')}</h3>
          <ul data-why>
            {state.parts
              .filter((p) => p.value !== null)
              .map((p) => (
                <li key={p.measure} class="row">
                  <span>{t(p.measure)}</span>
                  <span class="mu">{t('points', { n: Math.round(p.contribution), max: Math.round(p.contribution + p.gap) })}</span>
                </li>
              ))}
          </ul>
        </>
      )}
      <h3>{t('features')}</h3>
      <ul data-features>
        {adopted.length ? (
          adopted.map((name) => (
            <li key={name} class="row">
              <span>{tx(features[name]?.label) || name}</span>
              <span class="mu">{t('uses', { n: totals[name].n })}</span>
            </li>
          ))
        ) : (
          <li class="mu">{t('none')}</li>
        )}
      </ul>
      <h3>{t('milestones')}</h3>
      <ol data-milestones>
        {state?.milestones.length ? (
          [...state.milestones]
            .sort((a, b) => (a.day < b.day ? -1 : 1))
            .map((m) => (
              <li key={m.id} class="row">
                <span>{milestoneTitle(view, m)}</span>
                <time class="mu" dateTime={m.day}>
                  {fmt.day(m.day)}
                </time>
              </li>
            ))
        ) : (
          <li class="mu">{t('none')}</li>
        )}
      </ol>
      <div class="acts">
        <button onClick={() => save(false)}>{t('exportJson')}</button>
        <button onClick={() => save(true)}>{t('exportCsv')}</button>
        <button ref={forgetRef} onClick={() => setConfirming(true)} aria-expanded={confirming}>
          {t('forget')}
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" aria-label={t('forget')} class="acts">
          <p>{t('forgetConfirm')}</p>
          <button class="p" onClick={forget}>
            {t('delete')}
          </button>
          <button ref={cancelRef} onClick={() => (setConfirming(false), forgetRef.current?.focus())}>
            {t('cancel')}
          </button>
        </div>
      )}
      {forgotten && <p role="status">{t('forgotten')}</p>}
    </section>
  );
}

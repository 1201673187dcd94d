import { useLayoutEffect, useState } from 'preact/hooks';
import type { ReachedMilestone } from '@habitual/core';
import { useHub } from '../host/hub';
import { sharePayload } from './share';

/** Raises a toast for every milestone while the widget is on; subscribed at commit, so none slips by. */
export function Rewards() {
  const [{ t }, hub] = useHub();
  useLayoutEffect(
    () =>
      hub.instance.on(
        'milestone',
        (m) => (
          hub.count('reward', 'shown'),
          hub.toast({ id: `milestone:${m.id}`, title: `🎉 ${t('milestone')}`, body: m.title, lingers: true, content: <Share milestone={m} /> })
        ),
      ),
    [hub],
  );
  return null;
}

/** Share to the configured Slack / Discord (relayed by the collector) or copy the text. */
function Share({ milestone: m }: { milestone: ReachedMilestone }) {
  const [{ t, fmt, config }, hub] = useHub();
  const [status, setStatus] = useState('');
  const targets = config.widgets?.rewards?.share ?? [];
  const text = t('shareText', { title: m.title });
  const when = fmt.day(m.day, { dateStyle: 'long' });
  const share = (target: 'slack' | 'discord') => (
    hub.count('reward', 'shared'),
    hub.host.share(sharePayload(target, text, m, when)).then(
      () => setStatus(t('shared')),
      () => setStatus(t('shareFailed')),
    )
  );
  const copy = () => (
    hub.count('reward', 'shared'),
    // Without a secure context there is no clipboard: the promise turns that into a message.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(`🎉 ${text}\n${when}`))
      .then(
        () => setStatus(t('copied')),
        () => setStatus(t('shareFailed')),
      )
  );
  return (
    <>
      <div class="acts">
        {targets.map((target) => (
          <button key={target} data-share={target} onClick={() => share(target)}>
            {t(target === 'slack' ? 'shareSlack' : 'shareDiscord')}
          </button>
        ))}
        <button onClick={copy}>{t('copy')}</button>
      </div>
      {status && <p class="mu">{status}</p>}
    </>
  );
}

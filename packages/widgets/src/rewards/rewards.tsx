import { useLayoutEffect, useState } from 'preact/hooks';
import type { ReachedMilestone } from '@habitual/core';
import { useHub } from '../host/hub';
import { milestoneTitle } from '../host/milestone-title';
import { displayNameOf } from '../host/display-name';

/** What the rewards widget keeps per user: celebrations raised but not yet on screen. */
interface RewardsState {
  owed?: ReachedMilestone[];
}

/**
 * Raises a toast for every milestone whose `when` holds while the widget is on: those the
 * hub heard while this widget's chunk was on its way, then each new one (subscribed at
 * commit, so none slips by). Once, ever: another tab or device that showed it wins. Until it
 * is on screen (the attention budget may hold it back) it is owed, and a later page load the
 * same day raises it again; a celebration a day late is stale, so the next day drops it.
 */
export function Rewards() {
  const [{ t }, hub] = useHub();
  useLayoutEffect(() => {
    const owed = () => hub.widget<RewardsState>(KEY)?.owed ?? [];
    const settle = (m: ReachedMilestone) => hub.setWidget(KEY, { ...hub.widget<RewardsState>(KEY), owed: owed().filter((x) => x.id !== m.id) });
    const raise = (m: ReachedMilestone) => {
      const { config, fits } = hub.view();
      const id = `milestone:${m.id}`;
      if (hub.attention.marked(`toast:${id}`)?.seen || m.day < hub.view().today) return settle(m);
      if (!fits(config.milestones?.find((spec) => spec.id === m.id)?.when)) return;
      if (!owed().some((x) => x.id === m.id)) hub.setWidget(KEY, { ...hub.widget<RewardsState>(KEY), owed: [...owed(), m] });
      hub.toast({
        id,
        widget: 'rewards',
        once: true,
        // Counted when it is on screen: the budget may hold it back.
        onShow: () => (hub.count('reward', 'shown'), settle(m)),
        title: `🎉 ${t('milestone')}`,
        body: milestoneTitle(hub.view(), m),
        lingers: true,
        content: <Share milestone={m} />,
      });
    };
    for (const m of [...owed(), ...hub.takeMilestones()]) raise(m);
    return hub.instance.on('milestone', raise);
  }, [hub]);
  return null;
}

const KEY = 'rewards';

/**
 * Share to the configured Slack / Discord or copy the text. The collector words the message
 * itself (a fixed template: milestone title, app name, the user's name), so the page sends
 * only which milestone, and the name when the collector will take it.
 */
function Share({ milestone: m }: { milestone: ReachedMilestone }) {
  const [view, hub] = useHub();
  const { t, fmt, config } = view;
  const [status, setStatus] = useState('');
  const targets = config.widgets?.rewards?.share ?? [];
  const text = t('shareText', { title: milestoneTitle(view, m) });
  const when = fmt.day(m.day, { dateStyle: 'long' });
  const share = (target: 'slack' | 'discord') => (
    hub.count('reward', 'shared'),
    hub.host.share({ target, milestone: m.id, displayName: displayNameOf(hub.host) }).then(
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

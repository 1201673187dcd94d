import { useEffect } from 'preact/hooks';
import { useHub } from '../host/hub';
import { buddyLine } from './team';
import { useTeam } from './use-team';

/**
 * The buddy nudge: once a week, a toast with a teammate's line ("Sam used Reports 5 times this
 * week") for a user on the leaderboard, waiting its turn in the attention budget like every
 * toast (`widgets.team.priority`); "See your team" opens the panel. Off with `widgets.team.nudge: false`.
 */
export function TeamNudge() {
  const [view, hub] = useHub();
  const { copy } = useTeam();
  const week = copy?.week;
  const line = view.config.widgets?.team?.nudge !== false && week?.me.optedIn ? buddyLine(view, week) : undefined;
  useEffect(() => {
    if (!line) return;
    hub.toast({
      id: `team.${line.key}`,
      widget: 'team',
      title: line.text,
      once: true,
      lingers: true,
      actions: [{ label: view.t('seeTeam'), run: () => (hub.count('team', 'click', 'nudge'), hub.set({ panel: 'team' })) }],
      onShow: () => hub.count('team', 'shown', 'nudge'),
    });
  }, [line?.key]);
  return null;
}

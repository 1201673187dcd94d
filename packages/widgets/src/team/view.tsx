import type { WidgetView } from '../host/widget-view';
import { useHub } from '../host/hub';
import { teamMessages } from './messages';
import { css } from './styles';
import { TeamNudge } from './nudge';
import { Team } from './team';
import { teammate } from '../host/teammate-call';

export const teamView: WidgetView = {
  messages: teamMessages,
  Panel: Team,
  Inline: Team,
  Overlay: TeamNudge,
  tab: 'team',
  css,
  // Only a verified user of an account has a team to see.
  useTab: () => ({ hidden: !teammate(useHub()[1].host) }),
};

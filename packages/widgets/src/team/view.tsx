import type { WidgetView } from '../host/widget-view';
import { useHub } from '../host/hub';
import { teamMessages } from './messages';
import { css } from './styles';
import { Team } from './team';
import { teamCaller } from './team-request';

export const teamView: WidgetView = {
  messages: teamMessages,
  Panel: Team,
  Inline: Team,
  tab: 'team',
  css,
  // Only a verified user of an account has a team to see.
  useTab: () => ({ hidden: !teamCaller(useHub()[1].host) }),
};

import { shortcutsMessages } from './messages';
import type { WidgetView } from '../host/widget-view';
import { Shortcuts, useShortcuts } from './shortcuts';
import { css } from './styles';

export const shortcutsView: WidgetView = {
  messages: shortcutsMessages,
  Panel: Shortcuts,
  Inline: Shortcuts,
  tab: 'shortcutsTab',
  css,
  // No feature has a link: nothing to put in the tab.
  useTab: () => {
    const { shown, rest } = useShortcuts();
    return { hidden: !shown.length && !rest.length };
  },
};

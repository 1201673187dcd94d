import { checklistMessages } from './messages';
import { useHub } from '../host/hub';
import type { WidgetView } from '../host/widget-view';
import { Checklist, useChecklist } from './checklist';
import { css } from './styles';

export const checklistView: WidgetView = {
  messages: checklistMessages,
  Panel: Checklist,
  Inline: Checklist,
  tab: 'checklistTab',
  css,
  useTab(on) {
    const [{ config, t, tx, fmt }] = useHub();
    const { items, done, celebrated } = useChecklist(on);
    // A completed checklist gets out of the way, its celebration shown or still waiting its turn.
    return {
      hidden: celebrated || done.length === items.length,
      button: `${tx(config.widgets?.checklist?.title) || t('checklist')} ${fmt.num(done.length)}/${fmt.num(items.length)}`,
    };
  },
};

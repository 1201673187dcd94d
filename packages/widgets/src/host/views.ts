import { checklistView } from '../checklist/view';
import { digestView } from '../digest/view';
import { nudgesView } from '../nudges/view';
import { recordsView } from '../records/view';
import type { WidgetId } from '../registry';
import { remindersView } from '../reminders/view';
import { rewardsView } from '../rewards/view';
import type { WidgetView } from './widget-view';

/** The UI half of the registry: every widget id in `registry.ts` needs its view here (the type says so). */
export const VIEWS: Record<WidgetId, WidgetView> = {
  digest: digestView,
  checklist: checklistView,
  rewards: rewardsView,
  records: recordsView,
  reminders: remindersView,
  nudges: nudgesView,
};

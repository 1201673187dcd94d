import { FUNNEL_STEPS, stepOf, widgetOf, type FunnelStep } from './widget-funnel';
import type { WidgetCountRow } from './widget-counts';

type Steps = Record<FunnelStep, number>;

/** The funnel of one widget, one item or one day. */
interface WidgetFunnel extends Steps {
  /** Distinct users with any count here. */
  usersReached: number;
  /** Distinct users per step. */
  users: Steps;
  /** Of the users shown, the share who clicked, completed, dismissed (null before anyone was shown). */
  rates: { clicked: number | null; completed: number | null; dismissed: number | null };
}

export interface WidgetReport extends WidgetFunnel {
  /** Its registry id (`nudges`), and the surface it counts under (`nudge`). */
  widget: string;
  surface: string;
  items: Array<WidgetFunnel & { item: string }>;
  days: Array<WidgetFunnel & { day: string }>;
}

const zero = (): Steps => ({ shown: 0, clicked: 0, completed: 0, dismissed: 0 });
const funnel = (): WidgetFunnel => ({ ...zero(), usersReached: 0, users: zero(), rates: { clicked: null, completed: null, dismissed: null } });
const rate = (part: number, shown: number) => (shown > 0 ? part / shown : null);

/**
 * `GET /v1/widgets`' answer from the aggregates of `loadWidgetCounts`: per widget its funnel,
 * its items' and its days' (days in order, only days with counts).
 */
export function widgetsReport(rows: WidgetCountRow[]): WidgetReport[] {
  const widgets = new Map<string, WidgetReport>();
  for (const r of rows) {
    let w = widgets.get(r.surface);
    if (!w) widgets.set(r.surface, (w = { widget: widgetOf(r.surface), surface: r.surface, ...funnel(), items: [], days: [] }));
    const dayOf = (day: string) => w.days.find((d) => d.day === day) ?? (w.days.push({ day, ...funnel() }), w.days[w.days.length - 1]);
    const itemOf = (item: string) => w.items.find((i) => i.item === item) ?? (w.items.push({ item, ...funnel() }), w.items[w.items.length - 1]);
    // day 4, item 2, action 1: the bits of the columns a row sums over.
    const target = r.level & 4 ? (r.level & 2 ? w : r.item === null ? undefined : itemOf(r.item)) : r.level & 2 ? dayOf(r.day!) : undefined;
    if (!target) continue; // the surface-level counts per action, already in the widget's own row
    if (r.level & 1) target.usersReached = r.users;
    else {
      const step = stepOf(r.action!);
      if (!step) continue;
      target[step] += r.n;
      // Two actions of one step (a reward shown and opened) may share users: the larger is a floor.
      target.users[step] = Math.max(target.users[step], r.users);
    }
  }
  for (const w of widgets.values()) {
    w.days.sort((a, b) => (a.day < b.day ? -1 : 1));
    for (const f of [w, ...w.items, ...w.days])
      for (const s of FUNNEL_STEPS.slice(1) as Array<Exclude<FunnelStep, 'shown'>>) f.rates[s] = rate(f.users[s], f.users.shown);
  }
  return [...widgets.values()];
}

import type { WidgetReport } from './widgets-report';

const COLUMNS = ['usersReached', 'shown', 'clicked', 'completed', 'dismissed'] as const;
const cell = (x: string | number) => (typeof x === 'number' ? String(x) : /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);

/**
 * The widgets report as CSV, one row per widget, per item and per widget-day (`item` and `day`
 * empty where the row is not one), for the dashboard's export.
 */
export function widgetsCsv(widgets: readonly WidgetReport[]): string {
  const lines = [['widget', 'item', 'day', ...COLUMNS].join(',')];
  const row = (widget: string, item: string, day: string, f: Pick<WidgetReport, (typeof COLUMNS)[number]>) =>
    lines.push([widget, item, day, ...COLUMNS.map((c) => f[c])].map(cell).join(','));
  for (const w of widgets) {
    row(w.widget, '', '', w);
    for (const i of w.items) row(w.widget, i.item, '', i);
    for (const d of w.days) row(w.widget, '', d.day, d);
  }
  return `${lines.join('\n')}\n`;
}

import type { ConfigField, HabitualConfig } from '@habitual/core';
import { announce } from './announce/widget';
import { checklist } from './checklist/widget';
import { digest } from './digest/widget';
import { journal } from './journal/widget';
import { nudges } from './nudges/widget';
import { records } from './records/widget';
import { reminders } from './reminders/widget';
import { rewards } from './rewards/widget';
import { shortcuts } from './shortcuts/widget';
import { team } from './team/widget';
import { survey } from './survey/widget';

// The data half of the widget registry (package subpath `@habitual/widgets/registry`): no
// Preact, no DOM. A new widget is its folder plus one line here (and its view in
// `host/views.ts`, which the compiler asks for). Order is display order.
export const WIDGETS = [digest, checklist, rewards, records, reminders, nudges, shortcuts, announce, journal, team, survey] as const;

export type WidgetId = (typeof WIDGETS)[number]['id'];
export const WIDGET_IDS = /*#__PURE__*/ WIDGETS.map((w) => w.id) as WidgetId[];
export type { EditorField, WidgetEntry } from './widget-entry';

/** The shell's own fields: the theme every widget host applies. */
const HOST_FIELDS: readonly ConfigField[] = [
  { path: 'widgets.theme', kind: 'object' },
  { path: 'widgets.theme.*', kind: 'string' },
];

/**
 * Every widget config field core does not declare itself: for each widget its object, its
 * `enabled` flag and its own fields. The collector checks configs with
 * `validateConfig(config, WIDGET_FIELDS)`; the engine chunk registers them with core
 * (`registerConfigFields`), so the device rejects the same configs.
 */
export const WIDGET_FIELDS: readonly ConfigField[] = /*#__PURE__*/ widgetFields();

function widgetFields(): ConfigField[] {
  return [
    ...WIDGETS.flatMap((w): ConfigField[] => [
      { path: `widgets.${w.id}`, kind: 'object' },
      { path: `widgets.${w.id}.enabled`, kind: 'boolean', default: w.defaultEnabled },
      { path: `widgets.${w.id}.when`, kind: 'when' },
      ...(w.interruptive ? [{ path: `widgets.${w.id}.priority`, kind: 'int', min: 0, max: 100, default: w.priority } as const] : []),
      { path: `widgets.${w.id}.holdout`, kind: 'number', min: 0, max: 0.5, default: defaultHoldout(w) },
      ...w.fields,
    ]),
    ...HOST_FIELDS,
    { path: 'experiments.#.widget', kind: 'string', oneOf: WIDGET_IDS },
  ];
}

/** Whether the config switches widget `id` on (its default when it does not say). */
export function isEnabled(config: HabitualConfig, id: WidgetId): boolean {
  const enabled = (config.widgets?.[id] as { enabled?: unknown } | null | undefined)?.enabled;
  return enabled === undefined ? WIDGETS.find((w) => w.id === id)!.defaultEnabled : enabled === true;
}

// Widgets that show themselves unasked hold 5% of users out by default, so their effect can
// be measured; the ones users rely on (checklist, records) hold out nobody unless told.
function defaultHoldout(w: (typeof WIDGETS)[number]) {
  return w.interruptive ? 0.05 : 0;
}

/** The share of users widget `id` holds out (`widgets.<id>.holdout`, else its default). */
export function holdoutOf(config: HabitualConfig, id: string): number {
  const share = (config.widgets?.[id as WidgetId] as { holdout?: unknown } | undefined)?.holdout;
  const w = WIDGETS.find((x) => x.id === id);
  return typeof share === 'number' ? share : w ? defaultHoldout(w) : 0;
}

// Whether any widget is on is config alone (core's): the SDK and the sync ask it too.
export { anyWidgetEnabled } from '@habitual/core';

import { createContext, type ComponentChild } from 'preact';
import { useContext, useLayoutEffect, useState } from 'preact/hooks';
import {
  experimentView,
  internalOf,
  widgetCountName,
  todayKey,
  type EngagementState,
  type HabitualConfig,
  type HabitualInstance,
  type WidgetHost,
} from '@habitual/core';
import { holdoutOf, isEnabled, type WidgetId } from '../registry';
import { createFormat, type Format } from './format';
import { createTranslator, resolveLocale, type Locale, type Messages, type Translate } from './i18n';

/** A widget whose panel is open in the launcher. */
type PanelId = WidgetId;

export interface ActiveNudge {
  /** Dismissal key. */
  key: string;
  target: string;
  text: string;
  href?: string;
  /** "Show me" nudges: focus moves in, and back to the opener on close; nothing is persisted. */
  opener?: HTMLElement;
}

export interface Toast {
  id: string;
  title: string;
  body?: string;
  /** What the widget that raised it adds below the body (a milestone's share buttons). */
  content?: ComponentChild;
  /** Stays until closed (it has something to do); others leave after 8 s. */
  lingers?: boolean;
  /** Buttons that run and close the toast (a reminder's snooze). */
  actions?: Array<{ label: string; run(): void }>;
  onClose?(): void;
}

/** What every widget renders from. */
export interface View {
  config: HabitualConfig;
  /** Widget `id` is switched on and this user is not held out of it (core has already rejected a config with problems). */
  on(id: WidgetId): boolean;
  /** An experiment on items holds this user out of item `id` (a checklist item id, a nudge's feature or funnel). */
  heldItem(id: string): boolean;
  state: EngagementState | null;
  /** The local day now, by the instance's clock and time zone. */
  today: string;
  locale: Locale;
  t: Translate;
  fmt: Format;
  panel: PanelId | null;
  nudge: ActiveNudge | null;
  toasts: Toast[];
}

/** One per mount: the instance, the view every widget tree shares, and persisted widget state. */
export interface Hub {
  instance: HabitualInstance;
  /** The instance's widget plumbing (config, profile, clock, share). */
  host: WidgetHost;
  /** The page the widgets live in (targets, visibility). */
  doc: Document;
  view(): View;
  set(patch: Partial<View>): void;
  subscribe(fn: () => void): () => void;
  widget<T>(key: string): T | undefined;
  /** Caches and persists widget state; `persist: false` only caches (state another tab saved). */
  setWidget(key: string, value: unknown, persist?: boolean): void;
  toast(toast: Toast): void;
  /** Counts a widget's exposure or interaction into today's rollup as `hb:<surface>[.<item>].<action>`. */
  count(surface: string, action: string, item?: string): void;
  destroy(): void;
}

export function createHub(instance: HabitualInstance, doc: Document, messages?: Messages): Hub {
  const host = internalOf(instance);
  const subs = new Set<() => void>();
  // Written-through cache: setWidgetState is async, widgets read their state back at once.
  const widgets = new Map<string, unknown>();
  const today = (state: EngagementState | null) => state?.today ?? todayKey(host.now(), host.timeZone());
  // Experiments and holdouts: assigned by the user id (the device id while anonymous), known once the profile is.
  const unit = () => host.profile()?.userId ?? host.profile()?.deviceId;
  let assignedTo = unit();
  const localize = (raw: HabitualConfig) => {
    const x = experimentView(raw, (assignedTo = unit()), (id) => holdoutOf(raw, id), host.count);
    const { config } = x;
    const locale = resolveLocale(config.locale);
    return {
      config,
      on: (id: WidgetId) => isEnabled(config, id) && !x.held(id),
      heldItem: x.heldItem,
      locale,
      t: createTranslator(locale, messages),
      fmt: createFormat(locale),
    };
  };
  const state = instance.getState();
  let view: View = { ...localize(host.config()), state, today: today(state), panel: null, nudge: null, toasts: [] };
  const set = (patch: Partial<View>) => {
    view = { ...view, ...patch };
    for (const fn of subs) fn();
  };
  const toast = (t: Toast) => set({ toasts: [...view.toasts.filter((x) => x.id !== t.id), t].slice(-3) });
  const offs = [
    instance.on('config', (config) => set(localize(config))),
    instance.on('state', (state) => set({ state, today: today(state), ...(assignedTo !== unit() && localize(host.config())) })),
  ];
  return {
    instance,
    host,
    doc,
    view: () => view,
    set,
    subscribe: (fn) => (subs.add(fn), () => subs.delete(fn)),
    widget: <T>(key: string) => (widgets.has(key) ? widgets.get(key) : host.profile()?.widgets[key]) as T | undefined,
    setWidget(key, value, persist = true) {
      widgets.set(key, value);
      if (persist) host.setWidgetState(key, value).catch(() => {});
      set({});
    },
    toast,
    count: (surface, action, item) => host.count(widgetCountName(surface, action, item)),
    destroy: () => offs.forEach((off) => off()),
  };
}

export const HubContext = createContext<Hub>(null as unknown as Hub);

/** The shared view, re-rendering the caller on every change. */
export function useHub(): [View, Hub] {
  const hub = useContext(HubContext);
  const [, bump] = useState(0);
  // A layout effect subscribes at commit, so a change made right after the first render is not missed.
  useLayoutEffect(() => hub.subscribe(() => bump((n) => n + 1)), [hub]);
  return [hub.view(), hub];
}

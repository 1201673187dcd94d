import { createContext, type ComponentChild } from 'preact';
import { useContext, useLayoutEffect, useState } from 'preact/hooks';
import {
  ATTENTION_KEY,
  experimentView,
  internalOf,
  localText,
  matchesWhen,
  todayKey,
  untranslated,
  widgetCountName,
  type CountedText,
  type EngagementState,
  type HabitualConfig,
  type HabitualInstance,
  type ReachedMilestone,
  type When,
  type WidgetHost,
} from '@habitual/core';
import { holdoutOf, isEnabled, WIDGETS, type WidgetId } from '../registry';
import { createAttention, type Attention } from './attention';
import { createFormat, type Format } from './format';
import { createTranslator, dirOf, resolveLocale, type Locale, type Messages, type Translate } from './i18n';
import { readPage, watchPage, type Page } from './page';

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
  /** The widget that raised it: its `priority` orders the toast in the attention budget. */
  widget: WidgetId;
  /** Shown once, ever, across tabs and devices (a milestone): dropped once it has been seen. */
  once?: boolean;
  /** Runs when it is on screen (the attention budget may hold it back first). */
  onShow?(): void;
}

/** What every widget renders from. */
export interface View {
  config: HabitualConfig;
  /** Widget `id` is switched on, this user is not held out of it, and its `when` holds (core has already rejected a config with problems). */
  on(id: WidgetId): boolean;
  /** Whether a `when` holds for this user, here, now (no `when` always does). */
  fits(when: When | undefined): boolean;
  /** This user is held out of widget `id` (its holdout or an experiment's): not even the page's own custom element shows it. */
  held(id: WidgetId): boolean;
  page: Page;
  /** An experiment on items holds this user out of item `id` (a checklist item id, a nudge's feature or funnel). */
  heldItem(id: string): boolean;
  state: EngagementState | null;
  /** The local day now, by the instance's clock and time zone. */
  today: string;
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t: Translate;
  /** A text from the config in the user's language (English where it has none); `n` picks a plural form. */
  tx(text: CountedText | undefined, n?: number): string;
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
  /** The attention budget every interruptive surface draws from. */
  attention: Attention;
  /** Milestones reached since the hub started and not yet taken (the rewards view takes them when its chunk arrives). */
  takeMilestones(): ReachedMilestone[];
  /** Widget `id`'s priority in the attention budget. */
  priority(id: WidgetId): number;
  /** Counts a widget's exposure or interaction into today's rollup as `hb:<surface>[.<item>].<action>`. */
  count(surface: string, action: string, item?: string): void;
  destroy(): void;
}

export function createHub(instance: HabitualInstance, doc: Document, messages?: Messages): Hub {
  const host = internalOf(instance);
  const subs = new Set<() => void>();
  // Written-through cache: setWidgetState is async, widgets read their state back at once.
  // It belongs to one profile: after forget() or a switch of user (another device id) it is dropped.
  const widgets = new Map<string, unknown>();
  let cachedFor: string | undefined;
  const cache = () => {
    const id = host.profile()?.deviceId;
    if (id && cachedFor && id !== cachedFor) widgets.clear();
    if (id) cachedFor = id;
    return widgets;
  };
  // The page's other tabs of this app hear each saved widget state at once, so one tab's later
  // write (a note, a pin, an answer) never drops what another tab saved meanwhile. Only the
  // same user's (or the same anonymous device's) state is taken.
  const owner = () => host.profile()?.userId ?? host.profile()?.deviceId;
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`habitual-widgets:${host.options().appId}`) : undefined;
  if (tabs)
    tabs.onmessage = ({ data }: MessageEvent<{ owner?: string; key: string; value: unknown }>) => {
      if (data.owner && data.owner === owner()) cache().set(data.key, data.value), set({});
    };
  const tell = (key: string, value: unknown) => {
    try {
      tabs?.postMessage({ owner: owner(), key, value });
    } catch {
      // Not cloneable: the other tabs read it from the profile on their next load.
    }
  };
  const today = (state: EngagementState | null) => state?.today ?? todayKey(host.now(), host.timeZone());
  // A document made by the page (createHTMLDocument) has no window of its own.
  const win = doc.defaultView ?? window;
  const fits = (when: When | undefined) =>
    matchesWhen(when, {
      state: view.state,
      path: view.page.path,
      locale: view.locale,
      device: view.page.device,
      traits: host.user()?.traits,
      accountTraits: host.user()?.accountTraits,
    });
  // Experiments and holdouts: assigned by the user id (the device id while anonymous), known once the profile is.
  const unit = () => host.profile()?.userId ?? host.profile()?.deviceId;
  let assignedTo = unit();
  const on = (id: WidgetId) => isEnabled(view.config, id) && !view.held(id) && fits(view.config.widgets?.[id]?.when);
  const localize = (raw: HabitualConfig) => {
    const x = experimentView(raw, (assignedTo = unit()), (id) => holdoutOf(raw, id), host.count);
    const { config } = x;
    const locale = resolveLocale(config.locale);
    const missing = host.options().debug ? untranslated(config, locale) : [];
    if (missing.length) console.warn(`[habitual] these config texts have no '${locale}' version, so they show in English: ${missing.join(', ')}.`);
    return {
      config,
      held: x.held,
      heldItem: x.heldItem,
      locale,
      dir: dirOf(locale),
      t: createTranslator(locale, messages),
      tx: (text: CountedText | undefined, n?: number) => localText(text, locale, n) ?? '',
      fmt: createFormat(locale),
    };
  };
  const state = instance.getState();
  let view: View = { ...localize(host.config()), on, fits, page: readPage(win), state, today: today(state), panel: null, nudge: null, toasts: [] };
  const set = (patch: Partial<View>) => {
    view = { ...view, ...patch };
    for (const fn of subs) fn();
  };
  const attention = createAttention({
    host,
    doc,
    view: () => view,
    persist: (record) => host.setWidgetState(ATTENTION_KEY, record).catch(() => {}),
    notify: () => set({}),
  });
  const toast = (t: Toast) => {
    // Seen on another tab or device already: a once-only toast is not raised again.
    if (t.once && attention.marked(`toast:${t.id}`)?.seen) return;
    set({ toasts: [...view.toasts.filter((x) => x.id !== t.id), t].slice(-3) });
  };
  const changed = (patch: Partial<View>) => (set(patch), attention.arbitrate());
  // Heard before a widget that celebrates them has loaded: kept for it (few: each is once, ever).
  const milestones: ReachedMilestone[] = [];
  const offs = [
    instance.on('milestone', (m) => void milestones.push(m)),
    instance.on('config', (config) => changed(localize(config))),
    instance.on('state', (state) => changed({ state, today: today(state), ...(assignedTo !== unit() && localize(host.config())) })),
    watchPage(win, (page) => changed({ page })),
  ];
  return {
    instance,
    host,
    doc,
    view: () => view,
    set,
    subscribe: (fn) => (subs.add(fn), () => subs.delete(fn)),
    widget: <T>(key: string) => (cache().has(key) ? widgets.get(key) : host.profile()?.widgets[key]) as T | undefined,
    setWidget(key, value, persist = true) {
      cache().set(key, value);
      if (persist) host.setWidgetState(key, value).catch(() => {}), tell(key, value);
      set({});
    },
    toast,
    attention,
    takeMilestones: () => milestones.splice(0),
    priority: (id) => view.config.widgets?.[id]?.priority ?? WIDGETS.find((w) => w.id === id)?.priority ?? 0,
    count: (surface, action, item) => host.count(widgetCountName(surface, action, item)),
    destroy() {
      for (const off of offs) off();
      attention.destroy();
      tabs?.close();
    },
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

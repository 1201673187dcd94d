import type { ConfigField } from '@habitual/core';

/** A control the collector dashboard's config editor offers for one widget field. */
export interface EditorField {
  /** The key under `widgets.<id>`. */
  key: string;
  label: string;
  kind: 'text' | 'number' | 'time' | 'times' | 'choices';
  /** For `choices`: the values, each a checkbox. */
  choices?: readonly string[];
}

/**
 * What non-UI code needs to know about a widget: no Preact, no DOM, so the collector (config
 * validation, the dashboard's editor) and the SDK's lazy loader can import it. The UI part
 * is the widget's `view.tsx`, listed in `host/views.ts`.
 */
export interface WidgetEntry<Id extends string = string> {
  id: Id;
  /** Its name in the dashboard. */
  label: string;
  /**
   * Shows itself over the page unasked (a card, toast or popover), rather than waiting in the
   * launcher: it draws from the attention budget (`attention` in the config).
   */
  interruptive: boolean;
  /** Its default `widgets.<id>.priority` when interruptive: the higher goes first when several wait. */
  priority?: number;
  /** `widgets.<id>.enabled` when the config leaves it out. */
  defaultEnabled: boolean;
  /** Its custom element for inline use, if it has one. */
  element?: `habitual-${string}`;
  /** Its config fields under `widgets.<id>` beyond `enabled` (and beyond what core reads itself). */
  fields: readonly ConfigField[];
  /** The simple fields the dashboard's editor shows next to the toggle. */
  editor: readonly EditorField[];
}

/** Keeps the id literal, so the registry knows its ids as a union. */
export const defineWidget = <Id extends string>(entry: WidgetEntry<Id>): WidgetEntry<Id> => entry;

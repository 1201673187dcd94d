import type { FunctionComponent } from 'preact';
import type { LocaleMessages } from './catalog';
import type { MessageKey } from './i18n';

/** The UI half of a widget (the data half is its `widget.ts` in the registry). */
export interface WidgetView {
  /** Rendered in the page-level overlay while the widget is on. */
  Overlay?: FunctionComponent;
  /** Its tab in the launcher's panel. */
  Panel?: FunctionComponent;
  /** The tab's name. */
  tab?: MessageKey;
  /**
   * Called on every launcher render for a widget with a panel: hides the tab (nothing left
   * to show) and may name the launcher button while it is the first tab.
   */
  useTab?(on: boolean): { hidden: boolean; button?: string };
  /** Its custom element's body (the registry entry names the element). */
  Inline?: FunctionComponent;
  /** Its own CSS rules, added to the one stylesheet every shadow root adopts. */
  css?: string;
  /**
   * Its `Overlay` stays mounted while the widget is enabled, whatever its `when` and holdout
   * say: the host can ask for it (the survey); it applies `on(id)` itself to what it shows unasked.
   */
  asked?: boolean;
  /** Its texts (its folder's `messages.ts`), added to the catalogs when its chunk arrives. */
  messages?: LocaleMessages<string>;
}

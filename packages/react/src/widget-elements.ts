import { createElement, type HTMLAttributes, type ReactElement } from 'react';

/** Attributes passed to the custom element (`className`, `style`, `id`, `data-*`...). */
export type WidgetElementProps = HTMLAttributes<HTMLElement>;

// The custom elements render the widget inline once the widgets chunk has loaded (the config
// switches a widget on); on the server and before that they are empty elements. React 18
// writes a custom element's props as attributes verbatim (`className="…"`), so the class goes
// as `class`, which React 19 passes on too.
// The declared return type keeps the shipped declarations to names React 18's types have too.
const element =
  (name: string) =>
  ({ className, ...props }: WidgetElementProps): ReactElement<WidgetElementProps> =>
    createElement(name, className === undefined ? props : ({ ...props, class: className } as WidgetElementProps));

/** The onboarding checklist inline (`<habitual-checklist>`); enable `widgets.checklist`. */
export const Checklist = element('habitual-checklist');
/** The user's own records inline (`<habitual-records>`); enable `widgets.records`. */
export const Records = element('habitual-records');
/** The coffee-stat digest inline (`<habitual-digest>`); enable `widgets.digest`. */
export const Digest = element('habitual-digest');
/** The user's shortcuts inline (`<habitual-shortcuts>`): pins and most used features; enable `widgets.shortcuts`. */
export const Shortcuts = element('habitual-shortcuts');

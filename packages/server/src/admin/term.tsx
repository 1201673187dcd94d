import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/**
 * A term with its one-line explanation, shown on hover and on keyboard focus, and read by
 * screen readers as its description. Plain text becomes focusable; a control passed as a
 * function of the explanation's id (`(id) => <button aria-describedby={id}>`) keeps its own focus.
 */
export function Term({ explain, children }: { explain: string; children: ComponentChildren | ((id: string) => ComponentChildren) }) {
  const id = useId();
  return (
    <span class="term">
      {typeof children === 'function' ? (
        children(id)
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focus is how a keyboard user reads the explanation
        <span tabIndex={0} aria-describedby={id}>
          {children}
        </span>
      )}
      <span role="tooltip" id={id} class="tip">
        {explain}
      </span>
    </span>
  );
}

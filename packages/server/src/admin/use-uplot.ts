import uPlot from 'uplot';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Whether this document can draw on a canvas (happy-dom, in unit tests, cannot). */
const canDraw = () => {
  try {
    return !!document.createElement('canvas').getContext('2d');
  } catch {
    return false;
  }
};

/** A CSS custom property of the page (admin.css), so charts follow the light or dark scheme. */
export const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** The colour scheme in force, updated when the system's changes. */
function useScheme(): string {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  const [dark, setDark] = useState(!!query?.matches);
  useEffect(() => {
    if (!query) return;
    const on = () => setDark(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, []);
  return dark ? 'dark' : 'light';
}

/**
 * A uPlot chart in the element the returned ref is put on, made by `make(width)` and rebuilt
 * when `key` (the data) or the colour scheme changes; destroyed on unmount. Where no canvas
 * can be drawn nothing is made: the caller's text alternative stands alone.
 */
export function useUplot(make: (width: number) => { opts: uPlot.Options; data: uPlot.AlignedData }, key: string) {
  const ref = useRef<HTMLDivElement>(null);
  const scheme = useScheme();
  useEffect(() => {
    const el = ref.current;
    if (!el || !canDraw()) return;
    const widthOf = () => Math.max(160, el.clientWidth || 600);
    const { opts, data } = make(widthOf());
    const chart = new uPlot(opts, data, el);
    // Only wide charts follow the window; sparklines have a fixed size.
    const onResize = () => chart.setSize({ width: widthOf(), height: opts.height });
    const follows = !el.dataset.fixed;
    if (follows) addEventListener('resize', onResize);
    return () => {
      if (follows) removeEventListener('resize', onResize);
      chart.destroy();
    };
  }, [key, scheme]);
  return ref;
}

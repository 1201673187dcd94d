import { cssVar, useUplot } from './use-uplot';

/** A tiny line of daily values (oldest first), drawn by uPlot; its label reads the values out. */
export function Sparkline({
  values,
  width = 112,
  height = 24,
  label = 'Active users per day',
}: {
  values: number[];
  width?: number;
  height?: number;
  label?: string;
}) {
  const ref = useUplot(
    () => ({
      opts: {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false }, y: { range: [0, Math.max(1, ...values)] } },
        series: [{}, { stroke: cssVar('--chart-line'), width: 1.5, points: { show: false } }],
        padding: [2, 1, 2, 1],
      },
      data: [values.map((_, i) => i), values],
    }),
    `${width}x${height}:${values.join(',')}`,
  );
  return (
    <span
      class="spark"
      ref={ref}
      data-fixed="1"
      style={{ width: `${width}px`, height: `${height}px` }}
      role="img"
      aria-label={`${label}, last ${values.length} days: ${values.join(', ')}`}
    />
  );
}

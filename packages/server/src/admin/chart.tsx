import uPlot from 'uplot';
import { cssVar, useUplot } from './use-uplot';

export interface ChartSeries {
  label: string;
  /** One value per x (null: no value that day). */
  values: Array<number | null>;
  /** A CSS custom property of admin.css, e.g. `--chart-line`. */
  color: string;
  /** Drawn below zero in a stacked chart (at-risk and dormant in growth accounting). */
  negative?: boolean;
}

export interface ChartProps {
  /** What the chart shows, in one line: its accessible name and the table's caption. */
  title: string;
  /** The x values: day keys (YYYY-MM-DD) or numbers. */
  x: Array<string | number>;
  series: ChartSeries[];
  /** Bars stacked per x (negative series below zero) instead of lines. @default false */
  stacked?: boolean;
  /** The score bands (red 0-50, yellow 51-75, green 76-100) behind a 0-100 scale. @default false */
  bands?: boolean;
  /** @default 220 */
  height?: number;
  /** How an x value reads in the table. @default String */
  xLabel?: (x: string | number) => string;
}

const dayToSeconds = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 1000;

/** Paints the score bands behind the plot (in the scheme's colours). */
const scoreBands = (u: uPlot) => {
  const { ctx, bbox } = u;
  const y = (v: number) => u.valToPos(v, 'y', true);
  for (const [from, to, name] of [
    [0, 50, '--band-red'],
    [50, 75, '--band-yellow'],
    [75, 100, '--band-green'],
  ] as const) {
    ctx.fillStyle = cssVar(name);
    ctx.fillRect(bbox.left, y(to), bbox.width, y(from) - y(to));
  }
};

/**
 * A larger chart drawn by uPlot: lines over days (optionally over the score bands) or stacked
 * bars. A legend names the series, and the same numbers are one click away as a table, so the
 * chart never holds information the keyboard and screen readers cannot reach.
 */
export function Chart({ title, x, series, stacked = false, bands = false, height = 220, xLabel = String }: ChartProps) {
  const days = typeof x[0] === 'string';
  const xs = x.map((v) => (typeof v === 'string' ? dayToSeconds(v) : v));
  // Stacked bars: each bar drawn as the running total of its side, the tallest first, so the
  // shorter ones paint over it and each band shows its own part.
  const drawn = stacked ? stack(series) : series.map((s) => ({ ...s, shown: s.values }));
  const ref = useUplot(
    (width) => ({
      opts: {
        width,
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: days, ...(stacked ? { range: (_u, min, max) => [min - (days ? 43_200 * 7 : 0.5), max + (days ? 43_200 * 7 : 0.5)] } : {}) },
          y: bands ? { range: [0, 100] } : {},
        },
        axes: [
          { stroke: cssVar('--muted'), grid: { stroke: cssVar('--line') }, ticks: { stroke: cssVar('--line') } },
          { stroke: cssVar('--muted'), grid: { stroke: cssVar('--line') }, ticks: { stroke: cssVar('--line') } },
        ],
        series: [
          {},
          ...drawn.map((s) => ({
            label: s.label,
            stroke: cssVar(s.color),
            fill: stacked ? cssVar(s.color) : undefined,
            width: stacked ? 0 : 2,
            spanGaps: false,
            points: { show: !stacked && xs.length < 40 },
            ...(stacked ? { paths: uPlot.paths.bars!({ size: [0.7, 60] }) } : {}),
          })),
        ],
        hooks: bands ? { drawClear: [scoreBands] } : {},
      },
      data: [xs, ...drawn.map((s) => s.shown)] as uPlot.AlignedData,
    }),
    JSON.stringify([x, series, stacked, bands, height]),
  );
  return (
    <figure class="chart-figure">
      <div class="chart" ref={ref} role="img" aria-label={title} />
      <ul class="legend">
        {series.map((s) => (
          <li key={s.label}>
            <span class="swatch" style={{ background: `var(${s.color})` }} />
            {s.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>Show as a table</summary>
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{days ? 'Day' : ''}</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {x.map((v, i) => (
              <tr key={String(v)}>
                <th scope="row">{xLabel(v)}</th>
                {series.map((s) => (
                  <td key={s.label}>{s.values[i] ?? '–'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Running totals per side, ordered so the outermost bar is drawn first. */
function stack(series: ChartSeries[]): Array<ChartSeries & { shown: Array<number | null> }> {
  const out: Array<ChartSeries & { shown: Array<number | null> }> = [];
  for (const negative of [false, true]) {
    const side = series.filter((s) => !!s.negative === negative);
    const totals = side[0]?.values.map(() => 0) ?? [];
    const sums = side.map((s) => ({ ...s, shown: s.values.map((v, i) => (totals[i] += v ?? 0) * (negative ? -1 : 1)) }));
    out.push(...sums.reverse());
  }
  return out;
}

// The dashboard's one place for number formats.
const pct = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '–' : pct.format(x));
export const number = (x: number | null | undefined) => (x === null || x === undefined ? '–' : num.format(x));
const signedPercent = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${x > 0 ? '+' : ''}${pct.format(x)}`);
/**
 * An account trend's change as shown: a signed percentage, "new" when the account was active
 * only in the last 14 days (nothing before to compare with), "–" without activity.
 */
export const trendChange = (trend: { series: number[]; change: number | null }) =>
  trend.change !== null ? signedPercent(trend.change) : trend.series.some((n) => n > 0) ? 'new' : '–';

/** A tiny line of daily values (oldest first) as inline SVG. */
export function Sparkline({ values, width = 112, height = 24 }: { values: number[]; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Active users per day, last ${values.length} days: ${values.join(', ')}`}
    >
      <polyline points={points} fill="none" stroke="#2b59c3" stroke-width="1.5" />
    </svg>
  );
}

// The digest widget's own rules, added to the shell's stylesheet (host/styles.ts) through its view.
export const css = `
.digest{right:16px;top:16px}
.seg{display:flex;gap:4px;border:0;margin:6px 0 8px}
.seg [aria-pressed=true]{background:var(--a);border-color:var(--a);color:var(--on)}
.spark{display:block;width:100%;height:28px;margin-top:6px}
.spark polyline{fill:none;stroke:var(--a);stroke-width:2;vector-effect:non-scaling-stroke}
`;

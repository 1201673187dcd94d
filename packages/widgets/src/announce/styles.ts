// The announcements' own rules, added to the shell's stylesheet (host/styles.ts) through its view.
// The placer (host/placer.ts) puts `.announce` where it covers least, preferring the top centre.
export const css = `
.announce{left:50%;top:16px}
.announce h2{margin:2px 0 4px}
.banner{width:560px;display:grid;grid-template-columns:1fr auto;column-gap:12px;align-items:center}
.banner>.row{grid-column:1/3}
.banner .acts{margin:0;grid-row:2/4;grid-column:2}
.cta{display:inline-block;background:var(--a);color:var(--on);border-radius:calc(var(--r)*.6);padding:4px 10px;text-decoration:none}
`;

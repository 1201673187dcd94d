// The journal's own rules, added to the shell's stylesheet (host/styles.ts) through its view.
export const css = `
.jr textarea{display:block;width:100%;min-height:72px;margin-top:4px;border:1px solid var(--bd);border-radius:6px;padding:6px;background:var(--bg);resize:vertical}
.jr label{display:block;margin-top:8px}
.jr .nav{display:flex;gap:4px;flex:none;margin-top:12px}
.jr .ck{display:flex;gap:6px;align-items:center}
.jr li{padding:6px 0;border-top:1px solid var(--bd)}
.jr [data-totals] li{border:0;padding:1px 0}
.jr li p{white-space:pre-wrap;overflow-wrap:anywhere}
.cal{display:block;width:100%;max-width:150px;height:auto;margin:6px 0}
.cal rect{fill:var(--bd)}
.cal rect.on{fill:var(--a)}
.cal circle{fill:var(--fg)}
`;

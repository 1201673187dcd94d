// The team widget's own rules, added to the shell's stylesheet (host/styles.ts) through its view.
export const css = `
.team ol{padding-inline-start:1.4em}
.team li[data-me]{font-weight:600}
.team form label{display:block}
`;

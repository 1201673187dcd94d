// The records widget's own rules, added to the shell's stylesheet (host/styles.ts) through its view.
export const css = `
.heat rect{fill:var(--bd)}
.heat rect.on{fill:var(--a)}
.heat circle{fill:var(--fg)}
.heat{display:block;width:100%;height:auto;margin-top:6px}
`;

// The shortcuts widget's own rules, added to the shell's stylesheet (host/styles.ts) through its view.
export const css = `
.shortcuts .pin{border:0;background:none;color:var(--at,var(--a));font-size:16px;padding:2px 6px}
.shortcuts summary{cursor:pointer;margin-top:10px;color:var(--mu)}
`;

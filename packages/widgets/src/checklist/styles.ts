// The checklist widget's own rules, added to the shell's stylesheet (host/styles.ts) through its view.
export const css = `
.bar{height:6px;border-radius:3px;background:var(--bd);margin:8px 0;overflow:hidden}
.bar i{display:block;height:100%;background:var(--a)}
.check{width:18px;height:18px;border-radius:50%;border:2px solid var(--bd);flex:none}
.ok .check{background:var(--a);border-color:var(--a)}
.ok>span{text-decoration:line-through;color:var(--mu)}
`;

// The survey's own rules, added to the shell's stylesheet (host/styles.ts) through its view.
export const css = `
.survey{right:16px;bottom:64px}
.survey-mid{left:50%;top:15%;transform:translateX(-50%);width:380px}
fieldset{border:0;margin-top:8px}
legend{font-weight:600;margin-bottom:6px}
.choices{display:grid;gap:4px}
.choices label{display:flex;gap:8px;align-items:center}
.scale{display:flex;flex-wrap:wrap;gap:2px}
.scale label{position:relative}
.scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0;cursor:pointer}
.scale span{display:block;min-width:26px;padding:4px 2px;text-align:center;border:1px solid var(--bd);border-radius:6px}
.scale input:checked+span{background:var(--a);border-color:var(--a);color:var(--on)}
.scale input:focus-visible+span{outline:2px solid var(--a);outline-offset:2px}
.comment{display:grid;gap:4px;margin:10px 0 6px}
textarea{border:1px solid var(--bd);border-radius:6px;padding:4px 6px;background:var(--bg);resize:vertical}
`;

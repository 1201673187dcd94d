// The shell's part of the widgets' one stylesheet (each widget adds its own rules through
// its view, `WidgetView.css`). Theme through custom properties, set on the page (they
// inherit into the shadow root) or by `widgets.theme` in the config:
// --habitual-accent, -bg, -fg, -muted, -border, -radius, -font.
//
// `:host` rules are `!important` on purpose: for important declarations the shadow tree
// wins over the page, so `* { all: unset }` or `display: none !important` outside cannot
// hide or restyle the host. `all` leaves custom properties alone, so theming still works.
// Inline elements (`<habitual-records>`) carry the widgets' background, so their text stays
// readable in a dark scheme on a light page. Text on the accent is `--on` and the accent as
// text `--at`, both fitted for contrast by `host/contrast.ts` (4.5:1 with any accent).
export const css = `
:host{all:initial!important;display:block!important;visibility:visible!important;opacity:1!important;
--a:var(--habitual-accent,#4f46e5);--bg:var(--habitual-bg,#fff);--fg:var(--habitual-fg,#1f2330);
--mu:var(--habitual-muted,#5f6675);--bd:var(--habitual-border,#dfe2e8);--on:var(--habitual-on-accent,#fff);
--r:var(--habitual-radius,10px);--f:var(--habitual-font,system-ui,-apple-system,"Segoe UI",sans-serif);
color:var(--fg)!important;font:14px/1.4 var(--f)!important}
@media (prefers-color-scheme:dark){:host{--a:var(--habitual-accent,#8b9cff);--bg:var(--habitual-bg,#1d2029);
--fg:var(--habitual-fg,#e9ebf1);--mu:var(--habitual-muted,#a3a9b8);--bd:var(--habitual-border,#3a3f4d);--on:var(--habitual-on-accent,#10131a)}}
:host(:not([data-overlay])){background:var(--bg)!important;border-radius:var(--r)}
:host([data-overlay]){position:fixed!important;inset:0 auto auto 0!important;width:0!important;height:0!important;
margin:0!important;padding:0!important;border:0!important;background:none!important;overflow:visible!important;z-index:2147483647!important}
*{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit}
[hidden]{display:none!important}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}
button{cursor:pointer;border:1px solid var(--bd);background:var(--bg);border-radius:calc(var(--r)*.6);padding:4px 10px}
button.p{background:var(--a);border-color:var(--a);color:var(--on)}
button.x{border:0;background:none;padding:2px 6px;color:var(--mu);font-size:16px;line-height:1}
a{color:var(--at,var(--a))}
input,select{border:1px solid var(--bd);border-radius:6px;padding:3px 6px;background:var(--bg)}
h2{font-weight:600;font-size:15px}
h3{font-weight:600;font-size:13px;color:var(--mu);margin-top:12px}
ul{list-style:none}
.card{background:var(--bg);border:1px solid var(--bd);border-radius:var(--r);box-shadow:0 8px 28px #0003;padding:14px;width:320px;max-width:calc(100vw - 24px)}
.fixed{position:fixed;pointer-events:auto}
.launcher{position:fixed;right:16px;bottom:16px;border-radius:999px;padding:8px 14px;background:var(--a);color:var(--on);border:0;box-shadow:0 4px 14px #0003}
.panel{right:16px;bottom:64px;max-height:calc(100vh - 96px);overflow:auto}
.toasts{position:fixed;left:16px;bottom:16px;display:grid;gap:8px}
.row{display:flex;align-items:center;gap:8px;justify-content:space-between}
.acts{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.mu{color:var(--mu);font-size:13px}
.big{font-size:22px;font-weight:600}
.items li{display:flex;align-items:center;gap:8px;padding:6px 0;border-top:1px solid var(--bd)}
.items li>span{flex:1}
.tabs{display:flex;flex-wrap:wrap;gap:4px;margin-bottom:8px}
.tabs [aria-selected=true]{background:var(--a);color:var(--on);border-color:var(--a)}
.nudge{position:fixed;top:0;left:0;width:max-content;max-width:280px;padding:10px 12px}
[data-yield]{visibility:hidden!important}
:host([data-small]) .panel{max-width:none;border-radius:var(--r) var(--r) 0 0;padding-bottom:calc(14px + env(safe-area-inset-bottom))}
:host([data-small]) .toasts{padding-bottom:env(safe-area-inset-bottom)}
:host([data-small]) .toast{width:auto;max-width:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
@media (prefers-reduced-motion:no-preference){.toast{animation:pop .35s cubic-bezier(.2,1.4,.4,1)}}
@keyframes pop{from{transform:translateY(12px) scale(.9);opacity:0}}
`;

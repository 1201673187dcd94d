// Loaded as an external module into a page served with `Content-Security-Policy:
// default-src 'self'`: mounts every widget and records violations. (Vitest rewrites
// dynamic import() for its runner, so this imports the source, not the built chunk.)
import { viewsLoading } from '../host/load-views';
import { mount } from '../host/mount';
import { allWidgets, targetsHtml } from './pages';
import { realTracker } from './real-tracker';

type CspWindow = Window & { __violations: string[]; __mounted?: boolean };
const win = window as unknown as CspWindow;
win.__violations = [];
// Vitest rewrites each dynamic import() (a widget's view) into a call on its runner, which
// this frame, loaded outside the runner, lacks: the plain import() stands in.
(globalThis as unknown as { __vitest_browser_runner__?: object }).__vitest_browser_runner__ ??= { wrapDynamicImport: (load: () => unknown) => load() };
document.addEventListener('securitypolicyviolation', (e) => win.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));

document.body.insertAdjacentHTML('beforeend', targetsHtml);
// A qualified day yesterday first, so the digest has something to show today.
let now = Date.parse('2025-03-11T12:00:00Z');
const instance = realTracker(
  { config: { ...allWidgets, widgets: { ...allWidgets.widgets, theme: { '--habitual-accent': 'rgb(0, 128, 0)' } } } },
  { now: () => now },
);
instance.track('app.opened');
await instance.flush();
now += 86_400_000;
mount(instance);
document.body.insertAdjacentHTML('beforeend', '<habitual-checklist></habitual-checklist>');
// The milestone raises a reward toast; once it is on screen, every widget has rendered.
instance.on('milestone', () => requestAnimationFrame(() => setTimeout(() => (win.__mounted = true))));
// Once the keeper has put the config in force and the views it switches on are here (each
// widget's view is its own chunk), so the reward toast has its widget.
void instance
  .flush()
  .then(viewsLoading)
  .then(() => instance.track('report.viewed'));

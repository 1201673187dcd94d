// Loaded as an external module into a page served with `Content-Security-Policy:
// default-src 'self'`: mounts every widget and records violations. (Vitest rewrites
// dynamic import() for its runner, so this imports the source, not the built chunk.)
import { mount } from '../mount';
import { allWidgets, targetsHtml } from './pages';
import { engagementState, fakeInstance } from './fake-instance';

type CspWindow = Window & { __violations: string[]; __mounted?: boolean };
const win = window as unknown as CspWindow;
win.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => win.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));

document.body.insertAdjacentHTML('beforeend', targetsHtml);
const instance = fakeInstance({
  config: { ...allWidgets, widgets: { ...allWidgets.widgets, theme: { '--habitual-accent': 'rgb(0, 128, 0)' } } },
  state: engagementState(),
});
mount(instance);
document.body.insertAdjacentHTML('beforeend', '<habitual-checklist></habitual-checklist>');
instance.emit('milestone', { id: 'm', title: 'First invoice sent', day: '2025-03-12' });
setTimeout(() => (win.__mounted = true), 200);

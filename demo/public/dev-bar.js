// The dev-only time-travel strip: jump a day, a week or five weeks ahead to see the next
// day's digest, a streak, or a comeback after a long gap; or start over as a new user.
import { addDays, dayOf, today, travelling, travelUrl } from './clock.js';
import { date, h } from './dom.js';

export function renderDevBar(bar, { onReset, onTeammates }) {
  const day = today();
  const go = (n) => () => location.assign(travelUrl(addDays(day, n)));
  const parts = [
    h('strong', {}, 'Dev'),
    h('span', { 'data-today': day }, travelling ? `Time travel: it is ${date(day)} here.` : `Today is ${date(day)}.`),
    h('button', { type: 'button', id: 'travel-day', onclick: go(1) }, 'Next day →'),
    h('button', { type: 'button', onclick: go(7) }, '+1 week'),
    h('button', { type: 'button', onclick: go(35) }, '+5 weeks'),
    travelling && h('button', { type: 'button', onclick: () => location.assign(travelUrl()) }, `Back to ${date(dayOf(new Date()))}`),
    onTeammates &&
      h(
        'button',
        {
          type: 'button',
          id: 'add-teammates',
          onclick: (e) => {
            const button = e.currentTarget;
            button.disabled = true;
            onTeammates().then(
              (list) => (button.textContent = `${list.length} teammates added`),
              (error) => ((button.textContent = error.message), (button.disabled = false)),
            );
          },
        },
        'Add teammates',
      ),
    h('button', { type: 'button', id: 'reset-demo', onclick: onReset }, 'Start over as a new user'),
  ];
  bar.replaceChildren(...parts.filter(Boolean));
  bar.hidden = false;
  bar.classList.toggle('travelling', travelling);
}

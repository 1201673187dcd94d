import { defineWidget } from '../widget-entry';

const item = 'widgets.announce.items.#';

// Shows itself unasked, so it draws from the attention budget, below the others (marketing can wait).
export const announce = /*#__PURE__*/ defineWidget({
  id: 'announce',
  label: 'Announcements',
  interruptive: true,
  priority: 30,
  defaultEnabled: false,
  fields: [
    { path: 'widgets.announce.items', kind: 'array', default: [] },
    { path: item, kind: 'object' },
    { path: `${item}.id`, kind: 'string', required: true, pattern: 'id', unique: 'announcement' },
    { path: `${item}.feature`, kind: 'string', ref: 'features' },
    { path: `${item}.title`, kind: 'text', required: true },
    { path: `${item}.text`, kind: 'text' },
    { path: `${item}.style`, kind: 'string', oneOf: ['card', 'banner'], default: 'card' },
    { path: `${item}.cta`, kind: 'object' },
    { path: `${item}.cta.text`, kind: 'text', required: true },
    { path: `${item}.cta.href`, kind: 'href' },
    { path: `${item}.when`, kind: 'when' },
  ],
  editor: [],
});

import { defineWidget } from '../widget-entry';

/** Where a share can go (the app's webhooks): the rewards' and the journal's month in review. */
export const SHARE_TARGETS = ['slack', 'discord'] as const;

export const rewards = /*#__PURE__*/ defineWidget({
  id: 'rewards',
  label: 'Rewards',
  interruptive: true,
  priority: 80,
  defaultEnabled: false,
  fields: [
    { path: 'widgets.rewards.share', kind: 'array', default: [] },
    { path: 'widgets.rewards.share.#', kind: 'string', oneOf: SHARE_TARGETS },
  ],
  editor: [{ key: 'share', label: 'Share to', kind: 'choices', choices: SHARE_TARGETS }],
});

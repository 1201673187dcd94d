import type { ReachedMilestone } from '@habitual/core';

// Message payloads for a milestone share. The collector posts them to the webhook, so the
// page never holds a webhook URL.

// Slack mrkdwn treats &, < and > as control characters (links, mentions).
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack Block Kit: a headline section and a context line with the day. */
export function slackPayload(text: string, when: string) {
  return {
    text: slackEscape(text),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:tada: *${slackEscape(text)}*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(when) }] },
    ],
  };
}

/** Discord webhook body with one embed; mentions in the text never ping anyone. */
export function discordPayload(text: string, when: string) {
  return {
    allowed_mentions: { parse: [] },
    embeds: [{ title: `🎉 ${text}`.slice(0, 256), description: when, color: 0x4f46e5 }],
  };
}

export const sharePayload = (target: 'slack' | 'discord', text: string, milestone: ReachedMilestone, when: string) => ({
  target,
  milestone: milestone.id,
  payload: target === 'slack' ? slackPayload(text, when) : discordPayload(text, when),
});

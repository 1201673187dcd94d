// Slack reads &, < and > as control characters (`<!channel>`, `<@U123>`, links).
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A message in Slack's or Discord's webhook format, built from the collector's own text:
 * Slack gets escaped text and a plain-text block (no mrkdwn, so no mentions or links); Discord
 * an embed with every mention disabled. Shares and alerts both send through it.
 */
export function chatMessage(target: 'slack' | 'discord', m: { title?: string; text: string; color?: number }): Record<string, unknown> {
  if (target === 'slack') {
    const text = m.title ? `${m.title}\n${m.text}` : m.text;
    return { text: slackEscape(text), blocks: [{ type: 'section', text: { type: 'plain_text', text: text.slice(0, 3000), emoji: true } }] };
  }
  return {
    allowed_mentions: { parse: [] },
    embeds: [{ ...(m.title ? { title: m.title.slice(0, 256) } : {}), description: m.text.slice(0, 4096), color: m.color ?? 0x4f46e5 }],
  };
}

export interface ShareFacts {
  /** The milestone's title from the app's config (else its id). */
  title: string;
  appName: string;
  /** Who reached it; "Someone" without a name. */
  displayName?: string;
}

// Slack reads &, < and > as control characters (`<!channel>`, `<@U123>`, links).
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const sentence = (f: ShareFacts) => `${f.displayName || 'Someone'} reached a milestone in ${f.appName}: ${f.title}`;

/**
 * The one message a share sends, built by the collector from its own facts: nothing the page
 * sends goes to the webhook verbatim. Slack gets escaped text and a plain-text block (no
 * mrkdwn, so no mentions or links); Discord gets an embed with every mention disabled.
 */
export function shareMessage(target: 'slack' | 'discord', facts: ShareFacts): Record<string, unknown> {
  const text = `🎉 ${sentence(facts)}`;
  if (target === 'slack') {
    return { text: slackEscape(text), blocks: [{ type: 'section', text: { type: 'plain_text', text: text.slice(0, 3000), emoji: true } }] };
  }
  return {
    allowed_mentions: { parse: [] },
    embeds: [{ title: `🎉 ${facts.title}`.slice(0, 256), description: sentence(facts).slice(0, 4096), color: 0x4f46e5 }],
  };
}

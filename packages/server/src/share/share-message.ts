import { chatMessage } from './chat-message';

export interface ShareFacts {
  /** The milestone's title from the app's config (else its id). */
  title: string;
  appName: string;
  /** Who reached it; "Someone" without a name. */
  displayName?: string;
}

const sentence = (f: ShareFacts) => `${f.displayName || 'Someone'} reached a milestone in ${f.appName}: ${f.title}`;

/**
 * The one message a share sends, built by the collector from its own facts: nothing the page
 * sends goes to the webhook verbatim (formats and escaping: `chatMessage`).
 */
export function shareMessage(target: 'slack' | 'discord', facts: ShareFacts): Record<string, unknown> {
  return target === 'slack'
    ? chatMessage('slack', { text: `🎉 ${sentence(facts)}` })
    : chatMessage('discord', { title: `🎉 ${facts.title}`, text: sentence(facts) });
}

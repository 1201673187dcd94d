import { chatMessage } from '../share/chat-message';
import type { AlertSettings } from './alert-settings';
import type { AlertFacts } from './queue-alerts';

const STAGE_WORDS: Record<string, string> = { engaged: 'engaged', power: 'a power user', at_risk: 'at risk' };
const RED = 0xb42318;
const AMBER = 0xb7791f;

/** The account as a message names it: its name, else its id. */
const accountName = (a?: { id: string; name: string }) => (a ? a.name || a.id : 'an account');

/** One alert in words: a title and one sentence, from the collector's own facts. */
export function alertText(f: AlertFacts, appName: string, userName?: string): { title: string; text: string; color: number } {
  switch (f.kind) {
    case 'entered_red':
      return {
        title: `${accountName(f.account)} is now red`,
        text: `${accountName(f.account)} scores ${f.score}${f.previousScore === null || f.previousScore === undefined ? '' : `, down from ${f.previousScore}`} in ${appName}.`,
        color: RED,
      };
    case 'score_dropped':
      return {
        title: `${accountName(f.account)} dropped ${(f.best7 ?? 0) - (f.score ?? 0)} points`,
        text: `${accountName(f.account)} scores ${f.score} in ${appName}, against ${f.best7} at its best in the last 7 days.`,
        color: AMBER,
      };
    case 'user_dormant': {
      const who = userName || f.user?.id || 'A user';
      return {
        title: `${who} has gone dormant`,
        text: `${who}${f.account ? ` (${accountName(f.account)})` : ''} was ${STAGE_WORDS[f.user?.from ?? ''] ?? 'active'} and has not really used ${appName} for 30 days.`,
        color: AMBER,
      };
    }
  }
}

/** The body a target gets: Slack's or Discord's format, or the generic JSON event. */
export function alertBody(
  target: Exclude<AlertSettings['target'], 'off'>,
  event: { type: string; app: string; at: number; title: string; text: string; color?: number; data?: unknown },
): string {
  if (target === 'webhook')
    return JSON.stringify({ type: event.type, app: event.app, at: new Date(event.at).toISOString(), title: event.title, text: event.text, data: event.data });
  return JSON.stringify(chatMessage(target, { title: event.title, text: event.text, color: event.color }));
}

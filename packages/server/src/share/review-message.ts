import { chatMessage } from './chat-message';

/** The numbers of a month in review, as the collector words them. */
export interface ReviewFacts {
  /** `YYYY-MM`. */
  month: string;
  activeDays: number;
  milestones: number;
  /** Value units per value feature, each with its unit from the app's config (`invoices`). */
  values: Array<{ units: number; unit: string }>;
  appName: string;
}

const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

/**
 * The fixed "month in review" message: the month, active days, milestones and value totals,
 * numbers only from the page; every word is the collector's own or from the app's config
 * (formats and escaping: `chatMessage`).
 */
export function reviewMessage(target: 'slack' | 'discord', f: ReviewFacts): Record<string, unknown> {
  const [y, m] = f.month.split('-').map(Number);
  const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const parts = [count(f.activeDays, 'active day', 'active days'), count(f.milestones, 'milestone reached', 'milestones reached')];
  for (const v of f.values) parts.push(`${Math.round(v.units)} ${v.unit}`);
  const title = `Month in review: ${month}`;
  const text = `Someone's ${month} in ${f.appName}: ${parts.join(', ')}`;
  return target === 'slack' ? chatMessage('slack', { text: `📅 ${text}` }) : chatMessage('discord', { title: `📅 ${title}`, text });
}

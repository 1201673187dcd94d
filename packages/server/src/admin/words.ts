import type { Stage } from '@habitual/core';

/** A score measure as the dashboard names it, with its one-line explanation. */
export interface MeasureWords {
  label: string;
  explain: string;
}

/** The account score's measures in words (ids as `GET /v1/accounts` names them). */
export const MEASURES: Record<string, MeasureWords> = {
  depth: { label: 'Depth', explain: 'Paid seats whose user was active on at least the L28 bar of days (8 by default) in the last 28 days.' },
  breadth: { label: 'Breadth', explain: 'Share of the key features that anyone in the account used in the last 28 days.' },
  reach: {
    label: 'Reach',
    explain: "Value units (such as invoices sent) delivered in the last 28 days: how much of the customer's work runs through the product.",
  },
  valuePerDollar: { label: 'Value per $', explain: 'Value units in the last 28 days per unit of monthly price: what a customer renews on.' },
  trend: { label: 'Trend', explain: 'Active users per day over the last 14 days against the 14 before.' },
};

/** Each stage in words, with what puts a user there. */
export const STAGES: Record<Stage, MeasureWords> = {
  new: { label: 'New', explain: 'First active within the last 7 days.' },
  activating: { label: 'Activating', explain: 'Working through the activation steps.' },
  stuck: { label: 'Stuck', explain: 'Activating, with no progress for several days.' },
  engaged: { label: 'Engaged', explain: 'Activated and active on 8 or more of the last 28 days.' },
  power: { label: 'Power user', explain: 'Active on 5 of the last 7 days, 20 of 28, using most key features.' },
  at_risk: { label: 'At risk', explain: 'Was engaged; quiet for 7-29 days, or far below their usual activity.' },
  dormant: { label: 'Dormant', explain: 'No qualified day for 30 days or more.' },
  reactivated: { label: 'Reactivated', explain: 'Back after 7-29 quiet days.' },
  resurrected: { label: 'Resurrected', explain: 'Back after 30 or more quiet days.' },
};

export const stageLabel = (stage: string) => STAGES[stage as Stage]?.label ?? stage;

/** A stage count map ({ new: 2, dormant: 1 }) in words, most first. */
export const stagesInWords = (stages: Partial<Record<string, number>>) =>
  Object.entries(stages)
    .filter(([, n]) => n)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([s, n]) => `${stageLabel(s)} ${n}`)
    .join(', ');

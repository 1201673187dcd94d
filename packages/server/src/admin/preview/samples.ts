/** The sample users the config editor previews the widgets as (no imports: the dashboard bundle reads it too). */
export const SAMPLES = {
  new: 'A new user, first day',
  stuck: 'A user stuck in onboarding',
  power: 'A power user',
} as const;
export type Sample = keyof typeof SAMPLES;

/**
 * `GET /v1/team` and `PUT /v1/team/me` answer (wire format): one account's week, Monday to
 * `week.to`, as a verified user of the account may see it. Names appear only between members
 * who opted in: a user who has not sees the aggregates (members, active, totals) and no names.
 */
export interface TeamWeek {
  accountId: string;
  week: { from: string; to: string };
  /** Members the collector knows (they sent summaries or opted in). */
  members: number;
  /** Members with a qualified day this week (the engine's rule). */
  active: number;
  /** Per value feature (config order): the team's value units this week (the engine's rule). */
  totals: Array<{ feature: string; unit: string; week: number }>;
  me: { optedIn: boolean; displayName?: string };
  /** Opted-in members by value units, then qualified days, then name; empty unless `me.optedIn`. */
  leaderboard: Array<{ name: string; days: number; units: number; me?: true }>;
  /** Each other opted-in member's most used features this week (up to three each, most used first); empty unless `me.optedIn`. */
  buddies: Array<{ name: string; feature: string; n: number }>;
}

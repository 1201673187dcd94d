import type { Db } from '../db/database';

/** Which answers a report covers. */
export interface ResponsesFilter {
  /** Answered within this many days before now. */
  days: number;
  /** The form whose reasons are counted (`exit`). */
  form: string;
  /** Only this account's answers. */
  account?: string;
  /** Part of the comment, case-insensitive (answers list and CSV). */
  q?: string;
}

export interface ResponseRow {
  id: string;
  at: string;
  form: string;
  kind: 'choice' | 'nps' | 'csat';
  choice: string | null;
  score: number | null;
  text: string | null;
  userId: string;
  accountId: string | null;
  accountName: string | null;
  plan: string | null;
}

export interface ResponsesReport {
  /** Each choice of `form` with how many picked it, most first. */
  reasons: Array<{ choice: string; n: number }>;
  byPlan: Array<{ plan: string; choice: string; n: number }>;
  byAccount: Array<{ accountId: string; name: string; choice: string; n: number }>;
  /** Per week (Monday, UTC): answers, promoters (9-10), detractors (0-6) and the NPS (-100 to 100). */
  nps: Array<{ week: string; n: number; promoters: number; detractors: number; nps: number }>;
  /** Per week: CSAT answers and their mean (1-5). */
  csat: Array<{ week: string; n: number; mean: number }>;
  /** The forms answered in the range. */
  forms: string[];
}

// Every query: the app, the range and the account; `$1`-`$3`.
const WHERE = `r.app_id = $1 AND r.answered_at >= $2 AND ($3::text IS NULL OR r.account_id = $3)`;
const JOIN = 'LEFT JOIN accounts a ON a.app_id = r.app_id AND a.id = r.account_id';
const since = (f: ResponsesFilter, nowMs: number) => new Date(nowMs - f.days * 86_400_000).toISOString();
/** `q` as an ILIKE pattern matching it literally. */
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The Responses page's numbers: reasons by count, by plan and by account; NPS and CSAT per week. */
export async function responsesReport(db: Db, appId: string, f: ResponsesFilter, nowMs: number): Promise<ResponsesReport> {
  const p = [appId, since(f, nowMs), f.account ?? null];
  const choice = `${WHERE} AND r.form = $4 AND r.kind = 'choice'`;
  const [reasons, byPlan, byAccount, nps, csat, forms] = await Promise.all([
    db.query<{ choice: string; n: number }>(
      `SELECT r.choice, count(*)::integer AS n FROM responses r WHERE ${choice} GROUP BY r.choice ORDER BY n DESC, r.choice`,
      [...p, f.form],
    ),
    db.query<{ plan: string; choice: string; n: number }>(
      `SELECT coalesce(a.plan, '') AS plan, r.choice, count(*)::integer AS n FROM responses r ${JOIN} WHERE ${choice} GROUP BY 1, 2 ORDER BY 1, n DESC, 2`,
      [...p, f.form],
    ),
    db.query<{ accountId: string; name: string; choice: string; n: number }>(
      `SELECT r.account_id AS "accountId", coalesce(a.name, '') AS name, r.choice, count(*)::integer AS n FROM responses r ${JOIN}
        WHERE ${choice} AND r.account_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 3 LIMIT 200`,
      [...p, f.form],
    ),
    db.query<{ week: string; n: number; promoters: number; detractors: number }>(
      `SELECT to_char(date_trunc('week', r.answered_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*)::integer AS n,
              (count(*) FILTER (WHERE r.score >= 9))::integer AS promoters, (count(*) FILTER (WHERE r.score <= 6))::integer AS detractors
         FROM responses r WHERE ${WHERE} AND r.kind = 'nps' GROUP BY 1 ORDER BY 1`,
      p,
    ),
    db.query<{ week: string; n: number; mean: number }>(
      `SELECT to_char(date_trunc('week', r.answered_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*)::integer AS n, avg(r.score)::double precision AS mean
         FROM responses r WHERE ${WHERE} AND r.kind = 'csat' GROUP BY 1 ORDER BY 1`,
      p,
    ),
    db.query<{ form: string }>(`SELECT DISTINCT r.form FROM responses r WHERE ${WHERE} ORDER BY 1`, p),
  ]);
  return {
    reasons,
    byPlan,
    byAccount,
    nps: nps.map((w) => ({ ...w, nps: Math.round((100 * (w.promoters - w.detractors)) / w.n) })),
    csat: csat.map((w) => ({ ...w, mean: Math.round(w.mean * 100) / 100 })),
    forms: forms.map((x) => x.form),
  };
}

/** The answers themselves, newest first, `limit` of them (with `q`: those whose comment holds it). */
export async function listResponses(db: Db, appId: string, f: ResponsesFilter, nowMs: number, limit: number): Promise<ResponseRow[]> {
  const rows = await db.query<Omit<ResponseRow, 'at'> & { at: string | Date }>(
    `SELECT r.id, r.answered_at AS at, r.form, r.kind, r.choice, r.score, r.text, r.user_id AS "userId", r.account_id AS "accountId",
            a.name AS "accountName", a.plan
       FROM responses r ${JOIN}
      WHERE ${WHERE} AND ($4::text IS NULL OR r.text ILIKE $4)
      ORDER BY r.answered_at DESC, r.id LIMIT $5`,
    [appId, since(f, nowMs), f.account ?? null, f.q ? like(f.q) : null, limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

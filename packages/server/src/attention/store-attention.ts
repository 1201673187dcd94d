import { asAttention, mergeAttention, type AttentionRecord } from '@habitual/core';
import type { Db } from '../db/database';

/**
 * Merges a device's attention record into the user's (every device's, as core merges two
 * tabs) and returns the result. One user's row is locked for the merge, so two devices
 * syncing at once both land. (A device sends its record whenever a widget is on, an empty one
 * at first; one that sends none has no widget to use the user's, so it gets none.)
 */
export async function storeAttention(db: Db, appId: string, userId: string, sent: AttentionRecord, now: number): Promise<AttentionRecord> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ record: unknown }>('SELECT record FROM user_attention WHERE app_id = $1 AND user_id = $2 FOR UPDATE', [appId, userId]);
    const merged = row ? mergeAttention(asAttention(row.record), sent, now) : mergeAttention(sent, { marks: {}, shows: [] }, now);
    await tx.query(
      `INSERT INTO user_attention (app_id, user_id, record, updated_at) VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (app_id, user_id) DO UPDATE SET record = $3::jsonb, updated_at = now()`,
      [appId, userId, JSON.stringify(merged)],
    );
    return merged;
  });
}

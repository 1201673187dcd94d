import type { DayRollup, HabitualConfig } from '@habitual/core';
import type { adminFixture } from './admin-fixture';
import { post, summaries } from './fixtures';

/**
 * The simulator's churn world (`churnWorld` of `@habitual/core/sim`) into a collector as the SDK and the host's backend would send
 * it: the config, every user's summaries (100 days a request) and their outcomes as a CSV.
 */
export async function seedChurnWorld(
  fx: Awaited<ReturnType<typeof adminFixture>>,
  world: { config: HabitualConfig; users: Array<{ id: string; accountId: string; churnedOn: string | null; rollups: DayRollup[] }> },
): Promise<void> {
  const ok = async (res: Response | Promise<Response>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`seeding failed: ${r.status} ${await r.text()}`);
  };
  await ok(fx.call('PUT', '/v1/admin/config', { config: world.config }));
  for (const u of world.users) {
    for (let i = 0; i < u.rollups.length; i += 100) {
      const body = summaries({ identity: { userId: u.id, accountId: u.accountId, deviceId: `d_${u.id}` }, days: u.rollups.slice(i, i + 100) });
      await ok(fx.app.request('/v1/summaries', post(body)));
    }
  }
  const csv = `user,status,churnedAt\n${world.users.map((u) => `${u.id},${u.churnedOn ? `churned,${u.churnedOn}` : 'active,'}`).join('\n')}\n`;
  await ok(fx.call('POST', '/v1/outcomes', { csv }));
}

import { describe, expect, it } from 'vitest';
import { mergeDeviceRollups } from './merge-device-rollups';
import { roll } from './test-days';

describe('mergeDeviceRollups', () => {
  const d = '2024-06-19';
  it('takes the max per device and sums across devices', () => {
    const older = { ...roll(d, { 'invoice.sent': [2, 5] }, 3), rev: 2 };
    const newer = { ...roll(d, { 'invoice.sent': [3, 6] }, 4), rev: 3 };
    const laptop = { ...roll(d, { 'invoice.sent': [1, 1] }, 1, { 'invoice.sent': 5 }), rev: 1 };
    const out = mergeDeviceRollups([
      { deviceId: 'phone', days: [newer, older, newer] },
      { deviceId: 'laptop', days: [laptop] },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ day: d, activeMs: 5 * 60_000, features: { 'invoice.sent': { n: 4, value: 7 } }, firsts: { 'invoice.sent': 5 } });
  });

  it('is idempotent: re-sending never double counts', () => {
    const a = { deviceId: 'a', days: [roll(d, { 'x.y': 2 }), roll('2024-06-20', { 'x.y': 1 })] };
    const b = { deviceId: 'b', days: [roll(d, { 'x.y': 5 })] };
    const once = mergeDeviceRollups([a, b]);
    expect(mergeDeviceRollups([a, b, a, b, a])).toEqual(once);
    expect(mergeDeviceRollups([b, a])).toEqual(once);
  });
});

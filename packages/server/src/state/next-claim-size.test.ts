// Under steady ingest a claim of 50 accounts lost nearly all of them (a write to each came
// within the pass and took its lease): claims shrink while writes take their leases and grow
// back while they keep them.
import { expect, it } from 'vitest';
import { nextClaimSize } from './create-state-refresher';

it('halves a claim after one that lost rows, down to one, and doubles it after one that kept all, up to the batch', () => {
  const sizes: number[] = [];
  let size = 50;
  // Five passes that lose rows, then five that keep every row.
  for (let i = 0; i < 10; i++) {
    size = nextClaimSize(size, i < 5 ? size - 1 : size, size, 50);
    sizes.push(size);
  }
  expect(sizes).toEqual([25, 12, 6, 3, 1, 2, 4, 8, 16, 32]);
  expect(nextClaimSize(1, 0, 1, 50)).toBe(1);
  expect(nextClaimSize(32, 32, 32, 50)).toBe(50);
  // An empty claim (nothing due) keeps nothing from nobody: it grows back.
  expect(nextClaimSize(4, 0, 0, 50)).toBe(8);
});

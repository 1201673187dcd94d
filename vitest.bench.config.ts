import { defineConfig } from 'vitest/config';

// `npm run bench`: suites that print figures (and write bench-results/latest/*.json, or
// bench-results/*.json with `npm run bench:save`); they never fail on a timing.
export default defineConfig({
  test: {
    name: 'bench',
    environment: 'node',
    include: ['test/bench/**/*.bench.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});

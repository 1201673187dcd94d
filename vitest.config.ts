import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { serveFixtures } from './test/browser/serve-fixtures';
import { chromiumArgs, chromiumPath } from './test/chromium';

const jsx = { oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } } } as const;

// Debian's Chromium, launched as every suite launches it (test/chromium.ts).
const chromium = playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } });

export default defineConfig({
  ...jsx,
  test: {
    projects: [
      {
        ...jsx,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['packages/{core,widgets,sdk}/src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/server/src/**/*.test.ts', 'test/node/**/*.test.ts'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...jsx,
        plugins: [serveFixtures()],
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.{ts,tsx}', 'test/browser/**/*.browser.test.{ts,tsx}'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});

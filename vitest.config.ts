import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { serveFixtures } from './test/browser/serve-fixtures';

const jsx = { oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } } } as const;

// Debian's Chromium: the background-networking flags keep it from dialling hosts this
// machine cannot reach (it otherwise stalls on refused connections at start).
const chromium = playwright({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
});

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

import { defineConfig } from '@playwright/test';

// Debian's Chromium; Playwright's own browser download does not work on these machines.
export default defineConfig({
  // e2e: the web mode in Chromium; desktop: the built main process under the Electron shim (tests/desktop).
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    { name: 'desktop', testDir: 'tests/desktop' },
  ],
  outputDir: 'test-results/playwright', // cleaned per run; screenshots and reports live beside it
  timeout: 90_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
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
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
  },
});

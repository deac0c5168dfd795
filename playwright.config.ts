import { defineConfig } from '@playwright/test';

const port = Number(process.env.LEAKLAB_E2E_PORT ?? 4399);

export default defineConfig({
  testDir: 'e2e',
  projects: [
    { name: 'e2e', testMatch: /.*\.spec\.ts$/ },
    // Audits run after the e2e project in `npm test`: axe over every built page, then the weight budget.
    { name: 'a11y', testMatch: /a11y\.audit\.ts$/ },
    { name: 'budget', testMatch: /budget\.audit\.ts$/ },
  ],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['line']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The real product: the built site and the runner API from one Node process. In CI the local
    // runner is required, so a machine without Go fails here instead of quietly using play.golang.org.
    command: `node bin/leaklab.mjs serve --port ${port} --no-build${process.env.CI === 'true' ? ' --backend local' : ''}`,
    url: `http://127.0.0.1:${port}/api/health`,
    // Outside CI a server already on the port is used; scripts/test-all.mjs starts one for all three
    // projects (LEAKLAB_E2E_REUSE=1) so the toolchains are warmed once per run, in CI too.
    reuseExistingServer: !process.env.CI || process.env.LEAKLAB_E2E_REUSE === '1',
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

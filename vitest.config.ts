import { defineConfig } from 'vitest/config';

/**
 * Tests that run Go, start a runner server, spawn the CLI or drive Chromium. They form the
 * `integration` project; every other test file is `unit` (pure: `npm test -- fast` runs only those).
 * A new test file that needs Go, a server, a child process or a browser is added here;
 * tests/unit-purity.test.ts fails when a unit test reaches for one of them.
 */
export const INTEGRATION = [
  'tests/content/programs.test.ts',
  'tests/content/timer-versions.test.ts',
  'tests/content/wrong-fixes.test.ts',
  'tests/dump/bomb.test.ts',
  'tests/dump/cli-escapes.test.ts',
  'tests/dump/cli-go127.test.ts',
  'tests/dump/cli.test.ts',
  'tests/dump/live.test.ts',
  'tests/runner/client.test.ts',
  'tests/runner/harness-go.test.ts',
  'tests/runner/harness.test.ts',
  'tests/server/answers.test.ts',
  'tests/server/api.test.ts',
  'tests/server/build-output.test.ts',
  'tests/server/cache-attack.test.ts',
  'tests/server/cache.test.ts',
  'tests/server/cli.test.ts',
  'tests/server/cold-cache.test.ts',
  'tests/server/compile.test.ts',
  'tests/server/connections.test.ts',
  'tests/server/fairness.test.ts',
  'tests/server/proxy.test.ts',
  'tests/server/sandbox-attacks.test.ts',
  'tests/server/sandbox.test.ts',
  'tests/server/security.test.ts',
  'tests/server/stale-cgroups.test.ts',
  'tests/server/static.test.ts',
  'tests/server/warmup.test.ts',
  'tests/shared/clipboard.test.ts',
  'tests/watch/errors.test.ts',
  'tests/watch/live.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // Vitest's default is one worker per core but one, i.e. a single worker on a two-core machine.
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: INTEGRATION, maxWorkers: 2 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          // One local runner for the whole run, warmed once (tests/runner-setup.ts). Files run in
          // parallel and tests that only submit programs run concurrently: the runner's job queue,
          // not the test order, keeps the Go builds to one per core.
          globalSetup: ['tests/runner-setup.ts'],
          // Two files at a time: one waiting on timeouts and child processes (security, CLI) while
          // another keeps the runner's queue busy.
          maxWorkers: 2,
          // A test's time includes waiting in that queue behind the other files' programs.
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

/**
 * The integration project's shared local runner (started once per run by tests/runner-setup.ts).
 * Tests that only submit programs use it instead of starting their own server: no second warm-up,
 * and their builds queue with everyone else's.
 */
import { inject } from 'vitest';

export function sharedRunnerUrl(): string {
  const url = inject('runnerUrl');
  if (url === undefined)
    throw new Error('no shared runner: a test that runs Go belongs in the integration project (INTEGRATION in vitest.config.ts)');
  if (!url) throw new Error('no Go toolchain, so no shared runner: run scripts/fetch-tools.sh or set LEAKLAB_GO');
  return url;
}

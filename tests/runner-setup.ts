/**
 * Vitest globalSetup of the integration project: one local runner (real Go, real sandbox) for the
 * whole run. Starting it warms every toolchain's faketime build cache once; test files reach it
 * through `sharedRunnerUrl()` (tests/shared-runner.ts) and share its job queue, so concurrent
 * tests never run more Go builds at once than the machine has cores.
 */
import type { TestProject } from 'vitest/node';
import { startServer } from '../server/index.ts';
import { findToolchain } from '../server/toolchain.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the shared local runner; '' when this machine has no Go toolchain. */
    runnerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!findToolchain()) {
    project.provide('runnerUrl', '');
    return async () => {};
  }
  const started = Date.now();
  // The Playground's 10 s build limit is the product's, and api.test.ts checks it on a server of
  // its own; here it would only turn a busy machine into failed lesson claims, so builds get 60 s.
  const server = await startServer({
    port: 0,
    backend: 'local',
    distDir: '/nonexistent',
    warm: true,
    buildTimeoutMs: 60_000,
    // Every test file submits from 127.0.0.1: the per-client cap (a workshop's fairness) is tested in fairness.test.ts.
    perClient: Number.POSITIVE_INFINITY,
  });
  console.log(`shared runner: ${server.goVersion} at ${server.url}, toolchains warmed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  project.provide('runnerUrl', server.url);
  return () => server.close();
}

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
  const server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: true });
  console.log(`shared runner: ${server.goVersion} at ${server.url}, toolchains warmed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  project.provide('runnerUrl', server.url);
  return () => server.close();
}

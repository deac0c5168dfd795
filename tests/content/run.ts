/**
 * Runs course programs for the content test through the project's own runner, end to end: the
 * local Playground-compatible server (server/index.ts, backend "local": Go toolchain, faketime
 * build, sandbox; one per test run, see tests/runner-setup.ts) and `runProgram` from src/lib/runner, which adds the leak-check harness and
 * parses the verdict exactly as the browser does.
 */
import type { ExerciseCheck } from '../../src/lib/content/schema.ts';
import { checkFailures } from '../../src/lib/content/check.ts';
import { backendForRelease, createClient, runProgram } from '../../src/lib/runner/index.ts';
import { sharedRunnerUrl } from '../shared-runner.ts';

export interface LeakReport {
  leaked: number;
  /** Marked (leaked) by the runtime's goroutineleak profile; null without the profile (Go 1.26). */
  proven: number | null;
  /** Leaked goroutines per wait state, e.g. {"chan send": 2}. */
  states: Record<string, number>;
}

export interface CourseRunResult {
  /** Build errors; '' when the program compiled. */
  errors: string;
  status: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Ran as `go test` (Test or Example functions and no main). */
  isTest: boolean;
  testsFailed: number;
  /** The Go that ran it, e.g. go1.27.4. */
  goVersion: string;
  /** Undefined when the leak check did not report (opted out, died, timed out). */
  leak?: LeakReport;
}

export interface CourseRunner {
  /** The local default toolchain's version as the server reports it. */
  goVersion: string;
  /** Releases on offer, e.g. {'1.27': 'go1.27.4', '1.26': 'go1.26.11'}. */
  releases: Record<string, string>;
  /** `go`: the release to run on (a programs.json pin); it must be on offer, see `releases`. */
  run(source: string, opts: { leakCheck: boolean; go?: string }): Promise<CourseRunResult>;
  close(): Promise<void>;
}

export async function startRunner(): Promise<CourseRunner> {
  // The run's shared local runner (backend "local", never the proxy: the test must exercise the
  // local toolchain, not play.golang.org), warmed once for every file that runs programs.
  const client = createClient({ target: 'server', baseUrl: sharedRunnerUrl() });
  const version = await client.version();
  const versions = version.Versions ?? [];
  return {
    goVersion: version.Version,
    releases: Object.fromEntries(versions.map((v) => [v.Release, v.Version])),
    async run(source, { leakCheck, go }) {
      const backend = go === undefined ? '' : backendForRelease(go, versions);
      if (backend === null)
        throw new Error(
          `Go ${go} is not installed for the runner (it has ${versions.map((v) => v.Version).join(', ')}): run scripts/fetch-tools.sh`,
        );
      const r = await runProgram(client, source, { leakCheck, withVet: false, goBackend: backend });
      let leak: LeakReport | undefined;
      if (r.leak.checked) {
        const states: Record<string, number> = {};
        for (const g of r.leak.goroutines) states[g.state] = (states[g.state] ?? 0) + 1;
        leak = { leaked: r.leak.leaked, proven: r.leak.proven, states };
      }
      const goVersion = versions.find((v) => v.Backend === backend)?.Version ?? version.Version;
      return {
        errors: r.errors,
        status: r.status,
        stdout: r.stdout,
        stderr: r.stderr,
        timedOut: r.timedOut,
        isTest: r.isTest,
        testsFailed: r.testsFailed,
        goVersion,
        leak,
      };
    },
    // The shared runner outlives the test file (tests/runner-setup.ts closes it).
    async close() {},
  };
}

/** The exercise check the browser applies (src/lib/content/check.ts), with every failure spelled out. */
export function checkExercise(check: ExerciseCheck, r: CourseRunResult): { pass: boolean; failures: string[] } {
  const failures = checkFailures(
    {
      errors: r.errors,
      status: r.status,
      stdout: r.stdout,
      timedOut: r.timedOut,
      leak: r.leak ? { checked: true, leaked: r.leak.leaked } : null,
      tests: r.isTest ? { failed: r.testsFailed } : null,
    },
    check,
  ).map((f) => f.detail);
  return { pass: failures.length === 0, failures };
}

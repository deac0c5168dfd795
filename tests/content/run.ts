/**
 * Runs course programs for the content test through the project's own runner, end to end: the
 * local Playground-compatible server (server/index.ts, backend "local": Go toolchain, faketime
 * build, sandbox) and `runProgram` from src/lib/runner, which adds the leak-check harness and
 * parses the verdict exactly as the browser does.
 */
import type { ExerciseMeta } from '../../src/lib/content/schema.ts';
import { startServer } from '../../server/index.ts';
import { createClient, runProgram } from '../../src/lib/runner/index.ts';

export interface LeakReport {
  leaked: number;
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
  /** Undefined when the leak check did not report (opted out, died, timed out). */
  leak?: LeakReport;
}

export interface CourseRunner {
  /** The local toolchain's version as the server reports it. */
  goVersion: string;
  run(source: string, opts: { leakCheck: boolean }): Promise<CourseRunResult>;
  close(): Promise<void>;
}

export async function startRunner(): Promise<CourseRunner> {
  // Never the proxy: the test must exercise the local toolchain, not play.golang.org.
  const server = await startServer({ host: '127.0.0.1', port: 0, backend: 'local', warm: true });
  const client = createClient({ backend: 'server', baseUrl: server.url });
  return {
    goVersion: server.goVersion,
    async run(source, { leakCheck }) {
      const r = await runProgram(client, source, { leakCheck, withVet: false });
      let leak: LeakReport | undefined;
      if (r.leak.checked) {
        const states: Record<string, number> = {};
        for (const g of r.leak.goroutines) states[g.state] = (states[g.state] ?? 0) + 1;
        leak = { leaked: r.leak.leaked, states };
      }
      return { errors: r.errors, status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut, leak };
    },
    async close() {
      await server.close();
    },
  };
}

/** The exercise check the browser applies: status, stdout, and no leaked goroutines. */
export function checkExercise(check: ExerciseMeta['check'], r: CourseRunResult): { pass: boolean; failures: string[] } {
  const failures: string[] = [];
  if (r.errors) failures.push(`build failed: ${r.errors}`);
  if (r.timedOut) failures.push('timed out');
  if (r.status !== check.status) failures.push(`exit status ${r.status}, want ${check.status}`);
  if (check.stdout !== undefined && r.stdout !== check.stdout)
    failures.push(`stdout ${JSON.stringify(r.stdout)}, want ${JSON.stringify(check.stdout)}`);
  for (const s of check.stdoutIncludes ?? []) if (!r.stdout.includes(s)) failures.push(`stdout lacks ${JSON.stringify(s)}`);
  if (check.noLeaks) {
    if (!r.leak) failures.push('no leak verdict');
    else if (r.leak.leaked > 0) failures.push(`${r.leak.leaked} goroutines leaked`);
  }
  return { pass: failures.length === 0, failures };
}

/**
 * Whether a run passes an exercise's check (exercise.json `check`): the one rule the browser's
 * Check button and the course's content test both apply, so a solution the test accepts is one the
 * learner's page accepts too.
 */
import type { ExerciseCheck } from './schema.ts';

export interface CheckedRun {
  errors: string;
  status: number;
  stdout: string;
  /** Absent means the run finished in time (older callers do not report it). */
  timedOut?: boolean;
  /** Null when no leak check ran; `checked` false when it ran but could not complete. */
  leak: { checked: boolean; leaked: number } | null;
  /** Set when the program ran as `go test`: its own tests (goleak, synctest) are the leak verdict. */
  tests?: { failed: number } | null;
}

/** In the order they are checked; `evaluateCheck` reports the first that applies. */
export type CheckReason = 'passed' | 'build' | 'timeout' | 'status' | 'output' | 'tests' | 'leaked';

export interface CheckFailure {
  reason: Exclude<CheckReason, 'passed'>;
  /** English detail for test output and logs; the UI words each reason itself. */
  detail: string;
}

/** Every reason the run fails the check, in checking order; empty when it passes. */
export function checkFailures(run: CheckedRun, check: ExerciseCheck): CheckFailure[] {
  const out: CheckFailure[] = [];
  if (run.errors) out.push({ reason: 'build', detail: `build failed: ${run.errors}` });
  // A run cut off by the time limit proves nothing about what the program would have done.
  if (run.timedOut) out.push({ reason: 'timeout', detail: 'timed out' });
  if (run.status !== check.status) out.push({ reason: 'status', detail: `exit status ${run.status}, want ${check.status}` });
  if (check.stdout !== undefined && run.stdout !== check.stdout)
    out.push({ reason: 'output', detail: `stdout ${JSON.stringify(run.stdout)}, want ${JSON.stringify(check.stdout)}` });
  for (const s of check.stdoutIncludes ?? [])
    if (!run.stdout.includes(s)) out.push({ reason: 'output', detail: `stdout lacks ${JSON.stringify(s)}` });
  if (run.tests) {
    if (check.status === 0 && run.tests.failed > 0) out.push({ reason: 'tests', detail: `${run.tests.failed} tests failed` });
  } else if (check.noLeaks) {
    // A run whose leak check could not complete cannot prove there is no leak.
    if (!run.leak?.checked) out.push({ reason: 'leaked', detail: 'no leak verdict' });
    else if (run.leak.leaked > 0) out.push({ reason: 'leaked', detail: `${run.leak.leaked} goroutines leaked` });
  }
  return out;
}

export function evaluateCheck(run: CheckedRun, check: ExerciseCheck): { passed: boolean; reason: CheckReason } {
  const first = checkFailures(run, check)[0];
  return first ? { passed: false, reason: first.reason } : { passed: true, reason: 'passed' };
}

/** Whether a run passes an exercise's check (exercise.json `check`), and if not, the first reason. */
import type { ExerciseCheck } from './config.ts';

export interface CheckedRun {
  errors: string;
  status: number;
  stdout: string;
  leak: { checked: boolean; leaked: number } | null;
}

export type CheckReason = 'passed' | 'build' | 'status' | 'output' | 'leaked';

export function evaluateCheck(run: CheckedRun, check: ExerciseCheck): { passed: boolean; reason: CheckReason } {
  const fail = (reason: CheckReason) => ({ passed: false, reason });
  if (run.errors) return fail('build');
  if (run.status !== check.status) return fail('status');
  if (check.stdout !== undefined && run.stdout !== check.stdout) return fail('output');
  if (check.stdoutIncludes?.some((s) => !run.stdout.includes(s))) return fail('output');
  // A run whose leak check could not complete cannot prove there is no leak.
  if (check.noLeaks && (!run.leak?.checked || run.leak.leaked > 0)) return fail('leaked');
  return { passed: true, reason: 'passed' };
}

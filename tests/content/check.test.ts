import { describe, expect, it } from 'vitest';
import { checkFailures, evaluateCheck, type CheckedRun } from '../../src/lib/content/check.ts';

describe('exercise check', () => {
  const check = { stdout: 'done\n', noLeaks: true, status: 0 };
  const run: CheckedRun = { errors: '', status: 0, stdout: 'done\n', timedOut: false, leak: { checked: true, leaked: 0 } };

  it('passes a clean run that finished in time', () => {
    expect(evaluateCheck(run, check)).toEqual({ passed: true, reason: 'passed' });
    expect(checkFailures(run, check)).toEqual([]);
  });

  it('fails a run that timed out even when everything it printed matches', () => {
    expect(evaluateCheck({ ...run, timedOut: true }, check)).toEqual({ passed: false, reason: 'timeout' });
    expect(evaluateCheck({ ...run, timedOut: true }, { noLeaks: false, status: 0 }).reason).toBe('timeout');
  });

  it('lists every failure in checking order, with details for the test log', () => {
    const bad = { ...run, status: 2, stdout: 'x', leak: { checked: true, leaked: 3 } };
    expect(checkFailures(bad, { ...check, stdoutIncludes: ['y'] })).toEqual([
      { reason: 'status', detail: 'exit status 2, want 0' },
      { reason: 'output', detail: 'stdout "x", want "done\\n"' },
      { reason: 'output', detail: 'stdout lacks "y"' },
      { reason: 'leaked', detail: '3 goroutines leaked' },
    ]);
  });

  it('wants a completed leak verdict when leaks are forbidden', () => {
    expect(evaluateCheck({ ...run, leak: null }, check).reason).toBe('leaked');
    expect(evaluateCheck({ ...run, leak: { checked: false, leaked: 0 } }, check).reason).toBe('leaked');
  });

  it('takes a go test program’s own tests as its leak verdict', () => {
    const test = { ...run, leak: null, tests: { failed: 0 } };
    expect(evaluateCheck(test, check)).toEqual({ passed: true, reason: 'passed' });
    expect(evaluateCheck({ ...test, tests: { failed: 2 } }, check)).toEqual({ passed: false, reason: 'tests' });
  });
});

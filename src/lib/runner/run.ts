/**
 * Runs a learner's program through a client and returns its output and leak verdict. The same
 * function serves the browser, the CLI and the tests, so every backend gets the same treatment.
 */
import type { RunnerClient } from './client.ts';
import type { GoBackend, PlaygroundEvent } from './protocol.ts';
import { instrument, parseRun, restoreNames, type LeakVerdict } from './harness.ts';

export interface RunOptions {
  leakCheck?: boolean;
  withVet?: boolean;
  signal?: AbortSignal;
  /** '' (default) = latest Go release, 'goprev' = the previous one (the Playground's `backend`). */
  goBackend?: GoBackend;
}

export interface RunResult {
  status: number;
  /** Build errors (names restored); '' when the build succeeded. */
  errors: string;
  vetErrors: string;
  /** Program output only: the harness's block is removed. */
  events: PlaygroundEvent[];
  stdout: string;
  stderr: string;
  leak: LeakVerdict;
  /** The program's own panic/deadlock trace when it died with one. */
  programDump?: string;
  timedOut: boolean;
  isTest: boolean;
  testsFailed: number;
}

export async function runProgram(client: RunnerClient, src: string, opts: RunOptions = {}): Promise<RunResult> {
  const withVet = opts.withVet ?? true;
  let inst = instrument(src, { leakCheck: opts.leakCheck ?? true });
  const goBackend = opts.goBackend ?? '';
  let resp = await client.compile(inst.source, { withVet, signal: opts.signal, goBackend });
  if (inst.applied && resp.Errors && resp.Errors.includes('leaklab_harness.go')) {
    // The harness itself did not compile next to this program (a name clash we did not foresee):
    // run the program as written rather than show the learner errors in a file they never saw.
    inst = { ...instrument(src, { leakCheck: false }), reason: 'conflict' };
    resp = await client.compile(inst.source, { withVet, signal: opts.signal, goBackend });
  }
  const parsed = parseRun(resp, inst);
  // In test mode the runner compiles prog.go as prog_test.go; the learner's editor knows prog.go.
  const names = (text: string) => {
    const restored = restoreNames(text);
    return inst.reason === 'test' ? restored.replace(/\bprog_test\.go:/g, 'prog.go:') : restored;
  };
  const text = (kind: string) =>
    parsed.events
      .filter((e) => e.Kind === kind)
      .map((e) => e.Message)
      .join('');
  return {
    status: resp.Status,
    errors: names(resp.Errors ?? ''),
    vetErrors: names(resp.VetErrors ?? ''),
    events: parsed.events,
    stdout: text('stdout'),
    stderr: text('stderr'),
    leak: parsed.leak,
    programDump: parsed.programDump,
    timedOut: parsed.timedOut,
    isTest: resp.IsTest,
    testsFailed: resp.TestsFailed,
  };
}

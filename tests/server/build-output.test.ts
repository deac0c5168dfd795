/**
 * Test mode must run what the build wrote, never a file of the learner's archive (round 4 of the
 * red team): `go test -c` exits 0 without writing a binary when no test file builds, and the runner
 * then ran the archive's own `a.out`.
 */
import { describe, expect, it } from 'vitest';
import { sharedRunnerUrl } from '../shared-runner.ts';
import { compile, out } from './helpers.ts';

// prog.go looks like a test program (so test mode), but a build constraint excludes it: the
// package has no test files, and main.go keeps it a buildable package.
const NO_TESTS =
  '//go:build never\n\npackage main\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n' +
  '-- main.go --\npackage main\n\nfunc main() { println("built main") }\n';

describe('the program that runs is the one the build wrote', () => {
  it('refuses an archive file named a.out', async () => {
    const { json } = await compile(sharedRunnerUrl(), NO_TESTS + '-- a.out --\n#!/proc/self/exe\nplanted\n', false);
    expect(json.Errors).toContain('a.out');
    expect(out(json)).not.toContain('planted');
  }, 120_000);

  it('answers a build error when `go test -c` wrote no binary', async () => {
    const { json } = await compile(sharedRunnerUrl(), NO_TESTS, false);
    expect(json.Errors).toContain('no program was built');
    expect(json.Events ?? []).toEqual([]);
  }, 120_000);
});

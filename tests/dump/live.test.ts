// Runs the fixture program with the real Go toolchain and parses what it prints right now, so the
// committed fixtures cannot drift from what this machine's Go actually writes.
import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupGoroutines, parseDump } from '../../src/lib/dump/index.ts';
import { PROGRAMS, summary, PARKED } from './helpers.ts';
import { describeNeeding } from '../require.ts';
import { describeToolchains, findToolchain } from '../../server/toolchain.ts';

// The runner's default toolchain (LEAKLAB_GO, else the project's .tools/go). No Go outside CI skips; in CI it fails.
const GO = findToolchain()?.go ?? '';

describeNeeding(!!GO, describeToolchains(), 'live Go run', () => {
  it('parked program: runtime.Stack, debug=2 and the proto profile parse to the known groups', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklab-parked-'));
    try {
      const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' };
      execFileSync(GO, ['build', '-o', join(dir, 'parked'), join(PROGRAMS, 'parked/main.go')], { env, stdio: 'pipe' });
      for (const mode of ['stack', 'debug2']) {
        const out = execFileSync(join(dir, 'parked'), [mode], { maxBuffer: 1 << 24 });
        expect(summary(parseDump(new Uint8Array(out)))).toEqual(PARKED);
      }
      const proto = parseDump(new Uint8Array(execFileSync(join(dir, 'parked'), ['proto'])));
      expect(proto.format).toBe('pprof-proto');
      expect(proto.total).toBe(24);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leak and labels programs: what Go prints right now keeps proven leaks and label sets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklab-go127-'));
    try {
      const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' };
      execFileSync(GO, ['build', '-o', join(dir, 'leak'), join(PROGRAMS, 'leak127/main.go')], { env, stdio: 'pipe' });
      execFileSync(GO, ['build', '-o', join(dir, 'labels'), join(PROGRAMS, 'labels/main.go')], { env, stdio: 'pipe' });
      for (const level of ['0', '1', '2']) {
        const d = parseDump(new Uint8Array(execFileSync(join(dir, 'leak'), [level])));
        expect(d.warnings).toEqual([]);
        expect(d.leaked).toBe(5);
      }
      for (const mode of ['debug1', 'proto', 'debug2']) {
        const d = parseDump(new Uint8Array(execFileSync(join(dir, 'labels'), [mode])));
        const labelled = groupGoroutines(d)
          .filter((g) => g.labels.handler)
          .map((g) => [g.labels.handler, g.count]);
        expect(labelled).toEqual([
          ['/api/users', 3],
          ['/api/orders', 2],
        ]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

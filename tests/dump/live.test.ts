// Runs the fixture program with the real Go toolchain and parses what it prints right now, so the
// committed fixtures cannot drift from what this machine's Go actually writes.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDump } from '../../src/lib/dump/index.ts';
import { PROGRAMS, summary, PARKED } from './helpers.ts';

const GO = '/usr/lib/go-1.23/bin/go';

describe('live Go run', () => {
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
});

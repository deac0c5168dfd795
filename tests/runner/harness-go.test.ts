/**
 * The harness is real Go (src/lib/runner/harness/leaklab_harness.go): gofmt and go vet check it
 * with the project's own toolchain, next to a stand-in for the learner's renamed main, and the
 * copy the runner library embeds (harness/source.ts) must be the file as it is now.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findToolchain } from '../../server/toolchain.ts';
import {
  BUSY_PREFIX,
  LEAK_PROFILE_LINE,
  RENAMED_MAIN,
  RUNTIME_OWNED,
  dumpBegin,
  dumpEnd,
  harnessSource,
} from '../../src/lib/runner/harness.ts';
import { HARNESS_GO } from '../../src/lib/runner/harness/source.ts';
import { embedded, GO_FILE } from '../../scripts/gen-harness.mjs';
import { requireOrSkip } from '../require.ts';

const go = readFileSync(GO_FILE, 'utf8');
const toolchain = findToolchain();

describe('the leak-check harness in Go', () => {
  it('is embedded as it is now (node scripts/gen-harness.mjs after editing the Go file)', () => {
    expect(readFileSync(new URL('../../src/lib/runner/harness/source.ts', import.meta.url), 'utf8')).toBe(embedded(go));
  });

  it('agrees with harness.ts on every string both sides read', () => {
    const src = harnessSource('abc123');
    expect(src).toContain('const leaklabCompiledNonce = "abc123"');
    expect(HARNESS_GO).not.toContain('abc123');
    expect(src).toContain(`var leaklabMainFunc = ${RENAMED_MAIN}\n`);
    expect(src).toContain(JSON.stringify(BUSY_PREFIX));
    expect(src).toContain(JSON.stringify(LEAK_PROFILE_LINE));
    expect(src).toContain(`[]string{${RUNTIME_OWNED.map((f) => JSON.stringify(f)).join(', ')}}`);
    // The markers are built in Go from the nonce: `"\n<<<leaklab:goroutines:begin:" + nonce + ">>>\n"`.
    const [b0, b1] = dumpBegin('\u0000').split('\u0000');
    const [e0, e1] = dumpEnd('\u0000').split('\u0000');
    for (const part of [b0, b1, e0, e1]) expect(src).toContain(JSON.stringify(part).slice(1, -1));
  });

  it('is gofmt-clean and passes go vet', (ctx) => {
    requireOrSkip(toolchain !== null, 'no Go toolchain: run scripts/fetch-tools.sh', ctx);
    const tc = toolchain!;
    expect(execFileSync(tc.gofmt, ['-l', GO_FILE], { encoding: 'utf8' })).toBe('');
    const dir = mkdtempSync(join(tmpdir(), 'leaklab-harness-vet-'));
    try {
      writeFileSync(join(dir, 'go.mod'), 'module leaklabharness\n\ngo 1.21\n');
      writeFileSync(join(dir, 'leaklab_harness.go'), harnessSource('0123abcd'));
      // The learner's main after instrument() renamed it.
      writeFileSync(join(dir, 'prog.go'), `package main\n\nfunc ${RENAMED_MAIN}() {}\n`);
      const env = { ...process.env, GOROOT: tc.goroot, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOWORK: 'off', GOPROXY: 'off' };
      execFileSync(tc.go, ['vet', '.'], { cwd: dir, env, encoding: 'utf8', stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

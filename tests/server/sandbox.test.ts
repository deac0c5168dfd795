/**
 * The sandbox on its own, isolated (bubblewrap, as root or not) and not (where bwrap cannot start,
 * loopback-only): exit codes pass through, a timeout kills everything the program started, output
 * is capped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeFaketime } from '../../src/lib/runner/faketime.ts';
import { detectIsolation, runSandboxed, type Isolation } from '../../server/sandbox.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { requireOrSkip } from '../require.ts';

let dir: string;
let binary: string;

const PROGRAM = `package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	switch os.Args[1] {
	case "exit":
		n, _ := strconv.Atoi(os.Args[2])
		fmt.Println("exiting with", n)
		os.Exit(n)
	case "hang":
		// A child in the same process group, waited for (the sandbox has no host programs such as sleep).
		exec.Command("/proc/self/exe", "block", os.Args[2]).Run()
	case "block":
		// A blocking read on a pipe nobody writes: a blocked syscall, not a deadlock.
		var p [2]int
		syscall.Pipe(p[:])
		syscall.Read(p[0], make([]byte, 1))
	case "spam":
		line := strings.Repeat("y", 1023)
		for {
			fmt.Println(line)
		}
	}
}
`;

beforeAll(() => {
  const tc = findToolchain();
  if (!tc) throw new Error('these tests need a Go toolchain');
  dir = mkdtempSync(path.join(tmpdir(), 'leaklab-sandbox-test-'));
  writeFileSync(path.join(dir, 'go.mod'), 'module sbx\n\ngo 1.23\n');
  writeFileSync(path.join(dir, 'main.go'), PROGRAM);
  execFileSync(tc.go, ['build', '-tags=faketime', '-o', 'prog', '.'], {
    cwd: dir,
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off' },
  });
  binary = path.join(dir, 'prog');
  chmodSync(dir, 0o755);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function processesWith(marker: string): string[] {
  return readdirSync('/proc').filter((p) => {
    if (!/^\d+$/.test(p)) return false;
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  });
}

function needSandbox(mode: string, iso: Isolation, ctx: { skip: (note?: string) => void }): void {
  if (mode === 'isolated') requireOrSkip(iso.isolated, `no bubblewrap sandbox on this machine: ${iso.note}`, ctx);
}

const modes: [string, () => Isolation][] = [
  ['not isolated', () => ({ ...detectIsolation(), isolated: false })],
  ['isolated', () => detectIsolation()],
];

describe.each(modes)('sandbox (%s)', (name, iso) => {
  const run = (args: string[], timeoutMs = 5000, maxOutput = 1 << 20) =>
    runSandboxed({ binary, args, slot: 7, timeoutMs, maxOutput, cwd: dir }, iso());

  it('passes the exit code and framed output through', async (ctx) => {
    needSandbox(name, iso(), ctx);
    const r = await run(['exit', '3']);
    expect(r.exitCode).toBe(3);
    expect(r.timedOut).toBe(false);
    expect(decodeFaketime(r.stdout, r.stderr)).toEqual([{ Message: 'exiting with 3\n', Kind: 'stdout', Delay: 0 }]);
  });

  it('kills the program and its children on timeout', async (ctx) => {
    needSandbox(name, iso(), ctx);
    const marker = `${name === 'isolated' ? 41 : 42}.${process.pid}`;
    const r = await run(['hang', marker], 800);
    expect(r.timedOut).toBe(true);
    await new Promise((res) => setTimeout(res, 200));
    expect(processesWith(marker)).toEqual([]);
  });

  it('stops a program at the output cap', async (ctx) => {
    needSandbox(name, iso(), ctx);
    const r = await run(['spam'], 5000, 64 * 1024);
    expect(r.truncated).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.stdout.length + r.stderr.length).toBe(64 * 1024);
  });
});

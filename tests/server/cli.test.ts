/** `leaklab run` and `leaklab serve` as a user runs them (real processes, real Go). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/leaklab.mjs');
let dir: string;

function leaklab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'leaklab-cli-test-'));
  writeFileSync(
    path.join(dir, 'leak.go'),
    'package main\n\nimport "fmt"\n\nfunc main() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\tfmt.Println("done")\n}\n',
  );
  writeFileSync(path.join(dir, 'broken.go'), 'package main\n\nfunc main() {\n\tx := 1\n}\n');
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('leaklab run', () => {
  it('prints exactly the documented JSON', async () => {
    const r = await leaklab(['run', path.join(dir, 'leak.go'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['status', 'errors', 'stdout', 'stderr', 'leak']);
    expect(Object.keys(json.leak)).toEqual(['checked', 'leaked', 'proven', 'goroutines']);
    expect(json).toMatchObject({ status: 0, errors: '', stdout: 'done\n', stderr: '', leak: { checked: true, leaked: 1 } });
    expect(json.leak.goroutines[0]).toEqual({
      id: expect.any(Number),
      state: 'chan send',
      leaked: true,
      top: { func: 'main.main.func1', file: 'prog.go', line: 7 },
    });
  });

  it('prints output and a readable verdict, and fails on build errors', async () => {
    const ok = await leaklab(['run', path.join(dir, 'leak.go')]);
    expect(ok.stdout).toContain('done\n');
    expect(ok.stdout).toContain('1 proven leak · 0 blocked at exit:');
    expect(ok.stdout).toContain('1 × [chan send] (proven leak) main.main.func1 at prog.go:7');
    const bad = await leaklab(['run', path.join(dir, 'broken.go')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('./prog.go:4:2: declared and not used: x');
  });

  it('reports bad usage and unreachable servers clearly', async () => {
    expect((await leaklab(['run'])).code).toBe(2);
    expect((await leaklab(['run', 'x.go', '--target', 'nope'])).stderr).toContain(
      'leaklab run: --target must be server or playground, not "nope"\n\nUsage:',
    );
    // The old name still works, with a word about the new one.
    const old = await leaklab(['run', 'x.go', '--backend', 'nope']);
    expect(old.stderr).toContain('--backend is deprecated here, use --target');
    expect(old.code).toBe(2);
    const down = await leaklab(['run', path.join(dir, 'leak.go'), '--server', 'http://127.0.0.1:9']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Could not reach the runner server at http://127.0.0.1:9/api/compile');
  });
});

describe('leaklab serve', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the API, reports backend and isolation, and stops on SIGTERM', async () => {
    child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-build', '--concurrency', '1'], { cwd: ROOT });
    let out = '';
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (out += c));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
      child!.stdout!.on('data', () => {
        const m = /Goroutine Leak Lab: (http:\/\/\S+?)\/?$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await new Promise((r) => setTimeout(r, 100));
    // The toolchains warm before the URL is printed: the wait is announced, not silent.
    expect(out).toMatch(/warming the Go build cache for go1\.\d+/);
    expect(out).toMatch(/Runner: local backend, go1\.\d+/);
    expect(out).not.toContain('WARNING');
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, backend: 'local' });
    const exit = new Promise<number | null>((r) => child!.on('close', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

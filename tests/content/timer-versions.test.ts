/**
 * Chapter 5 makes claims that differ between timer implementations, so one programs.json run on
 * the default Go cannot prove them. This test runs the same programs on every timer the course
 * talks about:
 *  - the drain idiom on Go 1.27, on Go 1.26, and on Go 1.26 with `//go:debug asynctimerchan=1`
 *    (the pre-1.23 channels): dead code where it was used correctly on current timers, a real
 *    drain there on old ones, and stuck forever where it was always wrong, on all three;
 *  - Go 1.27 refusing that directive (the lesson says the old timers cannot be turned back on);
 *  - the history aside's program, a `go 1.22` module: old timers on Go 1.26, current ones on 1.27;
 *  - the deadlock aside in real time (no faketime), as on the reader's own machine: an unread
 *    ticker does not hide the deadlock, a ticker someone waits on makes the program hang.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROGRAMS_DIR, toolchain, toolchains } from './helpers.ts';
import { startRunner, type CourseRunner } from './run.ts';
import { describeNeeding } from '../require.ts';

const drainIdiom = readFileSync(join(PROGRAMS_DIR, '05-timers', 'drain-idiom.go'), 'utf8');
const oldTimers = `//go:debug asynctimerchan=1\n\n${drainIdiom}`;
const goDirective122 = readFileSync(join(PROGRAMS_DIR, '05-timers', 'old-timers-go122.txtar'), 'utf8');
const releases = new Set(toolchains.map((t) => t.release));
const haveBoth = releases.has('1.27') && releases.has('1.26');

const CURRENT = [
  'reuse: Stop returned true, the drain is skipped',
  'reuse: waited 50ms',
  'wait: timed out',
  'wait: Stop returned false, draining',
  'main done',
];
const OLD = [
  'reuse: Stop returned false, draining',
  'reuse: drained a stale value',
  'reuse: waited 50ms',
  'wait: timed out',
  'wait: Stop returned false, draining',
  'main done',
];
const lines = (s: string) => s.split('\n').filter(Boolean);

describeNeeding(haveBoth, 'Go 1.27 and Go 1.26 (scripts/fetch-tools.sh)', 'the drain idiom on each timer implementation', () => {
  let runner: CourseRunner;
  beforeAll(async () => {
    runner = await startRunner();
  }, 600_000);
  afterAll(async () => {
    await runner?.close();
  });

  for (const go of ['1.27', '1.26']) {
    it(`Go ${go}: the correct drain is dead code, the wrong one still parks a goroutine`, async () => {
      const r = await runner.run(drainIdiom, { leakCheck: true, go });
      expect(r.errors).toBe('');
      expect(lines(r.stdout), r.stderr).toEqual(CURRENT);
      expect(r.leak?.leaked).toBe(1);
      expect(r.leak?.states).toEqual({ 'chan receive': 1 });
    }, 300_000);
  }

  it('Go 1.26 with asynctimerchan=1 (old timers): the correct drain runs, the wrong one parks the same goroutine', async () => {
    const r = await runner.run(oldTimers, { leakCheck: true, go: '1.26' });
    expect(r.errors).toBe('');
    expect(lines(r.stdout), r.stderr).toEqual(OLD);
    expect(r.leak?.leaked).toBe(1);
    expect(r.leak?.states).toEqual({ 'chan receive': 1 });
  }, 300_000);

  it('a go 1.22 module gets the old timers on Go 1.26 (waited 0s) and the current ones on Go 1.27 (waited 50ms)', async () => {
    const old = await runner.run(goDirective122, { leakCheck: true, go: '1.26' });
    expect(old.errors).toBe('');
    expect(old.stdout).toBe('waited 0s\n');
    const current = await runner.run(goDirective122, { leakCheck: true, go: '1.27' });
    expect(current.errors).toBe('');
    expect(current.stdout).toBe('waited 50ms\n');
  }, 300_000);

  it('Go 1.27 rejects //go:debug asynctimerchan=1 at build time', async () => {
    const r = await runner.run(oldTimers, { leakCheck: false, go: '1.27' });
    expect(r.errors).toContain('removed GODEBUG "asynctimerchan"');
  }, 300_000);
});

/** Runs a program with the default toolchain in real time; after `ms` it is killed if still running. */
async function runRealTime(source: string, ms: number): Promise<{ exited: boolean; code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-realtime-'));
  writeFileSync(join(dir, 'go.mod'), 'module prog\n\ngo 1.26\n');
  writeFileSync(join(dir, 'main.go'), source);
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTELEMETRY: 'off' };
  // Build first, so the wait below measures the program, not the compiler.
  await new Promise<void>((resolve, reject) => {
    const b = spawn(toolchain!.go, ['build', '-o', 'prog', '.'], { cwd: dir, env });
    let err = '';
    b.stderr.on('data', (d: Buffer) => (err += d.toString()));
    b.on('close', (code) => (code === 0 ? resolve() : reject(new Error(err))));
  });
  try {
    return await new Promise((resolve) => {
      const p = spawn(join(dir, 'prog'), [], { cwd: dir });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        p.kill('SIGKILL');
        resolve({ exited: false, code: null, stdout, stderr });
      }, ms);
      p.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ exited: true, code, stdout, stderr });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeNeeding(toolchain !== null, 'a Go toolchain', 'the deadlock aside in real time (your own machine)', () => {
  it('deadlock-with-ticker reports the deadlock in real time too', async () => {
    const r = await runRealTime(readFileSync(join(PROGRAMS_DIR, '05-timers', 'deadlock-with-ticker.go'), 'utf8'), 20_000);
    expect(r.exited, 'the program should have ended with the deadlock report').toBe(true);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('all goroutines are asleep - deadlock!');
  }, 300_000);
  it('ticker-timeout hangs in real time: nothing is ever reported', async () => {
    const r = await runRealTime(readFileSync(join(PROGRAMS_DIR, '05-timers', 'ticker-timeout.go'), 'utf8'), 3_000);
    expect(r.exited, `it should still be running\n${r.stderr}`).toBe(false);
    expect(r.stdout).toContain('working');
    expect(r.stderr).toBe('');
  }, 300_000);
});

// The real CLI, run as a user runs it: node bin/leaklab.mjs dump ...
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES, fixtureText, SENDER_LINE } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/leaklab.mjs', import.meta.url));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, 'dump', ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('leaklab dump', () => {
  it('--json has exactly the documented shape, sorted by count', () => {
    const r = run([FIXTURES + 'parked-debug2.txt', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['format', 'total', 'leaked', 'warnings', 'groups']);
    expect(j).toMatchObject({ format: 'traceback', total: 24, leaked: null, warnings: [] });
    for (const g of j.groups) {
      expect(Object.keys(g)).toEqual(['count', 'state', 'waitMinutes', 'frames', 'createdBy', 'ids', 'class', 'labels', 'leaked']);
      for (const f of g.frames) expect(Object.keys(f)).toEqual(['func', 'file', 'line']);
      if (g.createdBy) expect(Object.keys(g.createdBy)).toEqual(['func', 'file', 'line']);
    }
    const counts = j.groups.map((g: { count: number }) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(j.groups[0]).toMatchObject({ count: 3, state: 'chan send', class: 'likely-leak', waitMinutes: null });
    expect(j.groups[0].frames[0]).toMatchObject({ func: 'main.sender', line: SENDER_LINE });
    expect(j.groups[0].createdBy.func).toBe('main.main');
    expect(j.groups[0].ids).toHaveLength(3);
  });

  it('--json carries labels, proven leaks and bubbles from Go 1.27 dumps, with no warnings', () => {
    const labels = JSON.parse(run([FIXTURES + 'go127-labels-panic.txt', '--json']).out);
    expect(labels).toMatchObject({ total: 7, leaked: null, warnings: [] });
    expect(labels.groups.slice(0, 2).map((g: { count: number; labels: object }) => [g.count, g.labels])).toEqual([
      [3, { handler: '/api/users' }],
      [2, { handler: '/api/orders' }],
    ]);
    for (const f of ['go127-goroutineleak-debug1.txt', 'go127-goroutineleak-debug2.txt', 'go127-goroutineleak.pb.gz']) {
      const j = JSON.parse(run([FIXTURES + f, '--json']).out);
      expect(j.leaked).toBe(5);
      expect(j.warnings).toEqual([]);
      expect(j.groups.filter((g: { leaked: boolean }) => g.leaked).map((g: { count: number }) => g.count)).toEqual([3, 2]);
    }
    const bubble = run([FIXTURES + 'go127-synctest-gotest.txt', '--json']);
    expect(bubble.err).toBe('');
    expect(JSON.parse(bubble.out).groups.filter((g: { bubble?: number }) => g.bubble === 1)).toHaveLength(3);
  });

  it('text output shows proven leaks, labels and bubbles', () => {
    expect(run([FIXTURES + 'go127-goroutineleak-debug2.txt']).out).toContain('Proven leaked by the runtime: 5 goroutines');
    // The class label says it: the same words as the viewer's chip and the run verdict.
    expect(run([FIXTURES + 'go127-goroutineleak-debug2.txt']).out).toContain('[proven leak] 3 × chan send');
    expect(run([FIXTURES + 'go127-labels-debug1.txt']).out).toContain('labels: handler=/api/orders');
    expect(run([FIXTURES + 'go127-synctest-gotest.txt']).out).toContain('chan receive, synctest bubble 1');
  });

  it('reads a UTF-16 dump (PowerShell `>`), as the viewer does', () => {
    const text = fixtureText('go127-labels-debug1.txt');
    const r = run(['-', '--json'], Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'pprof-debug1', total: 7 });
  });

  it('detects a .pb.gz by its bytes, even without the extension, and reads stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklab-dump-'));
    const renamed = join(dir, 'profile.bin');
    writeFileSync(renamed, readFileSync(FIXTURES + 'parked.pb.gz'));
    const j = JSON.parse(run([renamed, '--json']).out);
    expect(j).toMatchObject({ format: 'pprof-proto', total: 24 });
    const s = run(['-', '--json'], fixtureText('parked-debug1.txt'));
    expect(JSON.parse(s.out)).toMatchObject({ format: 'pprof-debug1', total: 24 });
  });

  it('prints a readable summary with suspects first, in both languages', () => {
    const r = run([FIXTURES + 'deadlock.txt']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('4 goroutines in 3 groups');
    expect(r.out).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.out.indexOf('[proven leak]')).toBeLessThan(r.out.indexOf('[blocked]'));
    expect(r.out).toContain('/learn/02-channels/');
    const zh = run([FIXTURES + 'deadlock.txt', '--lang', 'zh-cn']);
    expect(zh.out).toContain('[确认泄漏]');
    expect(zh.out).toContain('[阻塞]');
    expect(zh.out).toContain('/zh-cn/learn/02-channels/');
  });

  it('exit 0 with warnings on stderr for a partial dump', () => {
    const text = fixtureText('parked-debug2.txt');
    const r = run(['-', '--json'], text.slice(0, text.indexOf('main.condWaiter()') + 5));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).warnings[0]).toMatch(/dump truncated after goroutine \d+/);
    expect(r.err).toMatch(/warning: .*dump truncated/);
  });

  it('--diff compares two snapshots of one process, as text and as JSON', () => {
    const args = [FIXTURES + 'growing-before.txt', '--diff', FIXTURES + 'growing-after.txt'];
    const t = run(args);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/: 6 → 10 goroutines/);
    expect(t.out).toMatch(/Grew:\n {2}\+5 +3 → 8 {2}chan send {2}main\.handle\.func1 /);
    expect(t.out).toMatch(/Persistent: 3 goroutine\(s\) parked at the same stack in both dumps/);
    const j = JSON.parse(run([...args, '--json']).out);
    expect(Object.keys(j)).toEqual(['before', 'after', 'appeared', 'disappeared', 'grew', 'shrank', 'persistent']);
    expect(j.grew).toHaveLength(1);
    expect(j.grew[0]).toMatchObject({ before: 3, after: 8, count: 8, state: 'chan send', class: 'likely-leak' });
    expect(j.persistent).toHaveLength(3);
    expect(run([...args, '--lang', 'zh-cn']).out).toContain('持续存在: 3 个协程');
  });

  it('--limit caps the listed groups and says how many were left out', () => {
    const r = run([FIXTURES + 'parked-stack.txt', '--limit', '2']);
    expect(r.out.match(/^\[/gm)).toHaveLength(2);
    expect(r.out).toContain('(15 more group(s) not listed; --limit 0 lists all)');
    expect(run([FIXTURES + 'parked-stack.txt', '--limit', 'x']).code).toBe(2);
  });

  it('exit 1 when nothing looks like a dump, exit 2 for a missing file or bad usage', () => {
    const none = run(['-'], 'just some log output\nno goroutines here\n');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no goroutine dump found in stdin/);
    const missing = run(['/nonexistent/dump.txt']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read \/nonexistent\/dump.txt: no such file/);
    expect(run([FIXTURES]).code).toBe(2);
    expect(run([]).code).toBe(2);
    expect(run(['x', '--bogus']).code).toBe(2);
  });
});

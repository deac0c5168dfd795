import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../src/lib/dump/index.ts';
import { analyse, creatorTree, diffAnalysed, toJson, toMarkdown, toResult } from '../../src/components/viewer/adapter.ts';

// The viewer's example dumps, written by tests/fixtures/viewer/*/main.go under Go 1.27 (see generate.sh).
const dump = (name: string) => readFileSync(new URL(`../../public/examples/dumps/${name}`, import.meta.url));

describe('viewer adapter over the crawler example (debug=2)', () => {
  const a = analyse(parseDump(dump('crawler-debug2.txt')), 'en');
  const byTop = (func: string) => a.groups.find((g) => g.frames.some((f) => f.func === func));

  it('groups the parked workers with their IDs, classes and chapters', () => {
    expect(a.dump.total).toBe(59);
    const send = byTop('main.fetchFirst.func1')!;
    expect(send.count).toBe(40);
    expect(send.state).toBe('chan send');
    expect(send.cls).toBe('likely-leak');
    expect(send.ids).toHaveLength(40);
    expect(send.parentIds).toEqual([1]);
    expect(send.chapter).toMatch(/^\/learn\//);
    expect(byTop('main.nilChannel')!.cls).toBe('never-wakes');
    expect(byTop('main.startIndexers.func1')!.count).toBe(8);
  });

  it('marks frame kinds so the UI can accent user code', () => {
    const wait = byTop('main.waitAll')!;
    const kinds = Object.fromEntries(wait.frames.map((f) => [f.func, f.kind]));
    expect(kinds['main.waitAll']).toBe('user');
    expect(kinds['sync.(*WaitGroup).Wait']).toBe('std');
  });

  it('hangs worker groups under the group of goroutine 1 in the creator tree', () => {
    const roots = creatorTree(a);
    const main = roots.find((r) => r.func === 'main.main')!;
    expect(main).toBeDefined();
    const child = main.children.find((c) => c.func === 'main.fetchFirst.func1')!;
    expect(child.count).toBe(40);
    expect(main.total).toBeGreaterThanOrEqual(50);
  });

  it('posts groups, not goroutines, and prefixes Chinese chapter links', () => {
    const r = toResult(analyse(parseDump(dump('crawler-debug2.txt')), 'zh-cn'), 1, 1, 1);
    expect(r.groups.length).toBeLessThan(20);
    expect(JSON.stringify(r)).not.toContain('"goroutines"');
    expect(r.groups.find((g) => g.chapter)!.chapter).toMatch(/^\/zh-cn\/learn\//);
  });

  it('exports Markdown and the CLI JSON shape', () => {
    expect(toMarkdown(a)).toContain('main.fetchFirst.func1');
    const j = JSON.parse(toJson(a));
    expect(j.format).toBe('traceback');
    expect(j.total).toBe(59);
    expect(j.groups[0]).toHaveProperty('class');
  });
});

describe('viewer adapter on other formats', () => {
  it('reads the binary profile of the same program', () => {
    const a = analyse(parseDump(new Uint8Array(dump('crawler.pb.gz'))), 'en');
    expect(a.dump.format).toBe('pprof-proto');
    expect(a.groups.find((g) => g.frames.some((f) => f.func === 'main.fetchFirst.func1'))!.count).toBe(40);
  });
});

describe('viewer adapter over the Go 1.27 goroutineleak examples', () => {
  it('debug=2: proven leaks apart from the live pool, each label set its own group', () => {
    const r = toResult(analyse(parseDump(dump('api-goroutineleak-debug2.txt')), 'en'), 0, 0, 0);
    expect(r).toMatchObject({ format: 'traceback', total: 17, leaked: 12, warnings: [] });
    const rows = r.groups.map((g) => [g.count, g.state, g.labels, g.leaked, g.cls]);
    expect(rows).toEqual([
      [6, 'chan send', ['handler=/api/users'], true, 'never-wakes'],
      [4, 'chan receive', ['pool=indexer'], false, 'likely-leak'],
      [3, 'chan send', ['handler=/api/orders'], true, 'never-wakes'],
      [3, 'chan receive', ['handler=/api/orders'], true, 'never-wakes'],
      [1, 'running', [], false, 'running'],
    ]);
  });
  it('debug=1: every record proven leaked, labels from the `# labels:` lines', () => {
    const r = toResult(analyse(parseDump(dump('api-goroutineleak-debug1.txt')), 'zh-cn'), 0, 0, 0);
    expect(r).toMatchObject({ format: 'pprof-debug1', total: 12, leaked: 12, warnings: [] });
    expect(r.groups.map((g) => [g.count, g.labels, g.leaked])).toEqual([
      [6, ['handler=/api/users'], true],
      [3, ['handler=/api/orders'], true],
      [3, ['handler=/api/orders'], true],
    ]);
  });
});

describe('diff of the before/after example', () => {
  it('puts groups with persistent goroutines first', () => {
    const before = analyse(parseDump(dump('before.txt')), 'en');
    const after = analyse(parseDump(dump('after.txt')), 'en');
    const d = diffAnalysed(before, after);
    expect(d.persistentTotal).toBeGreaterThan(0);
    expect(d.rows[0].persistentIds.length).toBeGreaterThan(0);
    const handler = d.rows.find((r) => r.top?.func === 'main.handle.func1')!;
    expect(handler.after).toBeGreaterThan(handler.before);
    expect(['grown', 'appeared']).toContain(handler.change);
    expect(d.rows.find((r) => r.top?.func === 'main.batch')!.change).toBe('disappeared');
  });
});

describe('creator tree when the creator has exited', () => {
  it('hangs the orphans under one node per creating function', () => {
    const text = [1, 2, 3]
      .map(
        (id) =>
          `goroutine ${10 + id} [chan receive]:\nmain.consume(0xc000010000)\n\t/app/main.go:30 +0x25\ncreated by main.startConsumers in goroutine 7\n\t/app/main.go:22 +0x4f\n`,
      )
      .join('\n');
    const a = analyse(parseDump('goroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n\n' + text), 'en');
    const roots = creatorTree(a);
    const orphanRoot = roots.find((r) => r.groupKey === null)!;
    expect(orphanRoot.func).toBe('main.startConsumers');
    expect(orphanRoot.children.map((c) => [c.func, c.count])).toEqual([['main.consume', 3]]);
    expect(orphanRoot.total).toBe(3);
    expect(roots.find((r) => r.func === 'main.main')!.children).toEqual([]);
  });
});

describe('viewer adapter over Go 1.27 dumps', () => {
  const fx = (name: string) => readFileSync(new URL(`../fixtures/dumps/${name}`, import.meta.url));
  it('carries labels per group and keeps label sets apart', () => {
    const a = analyse(parseDump(fx('go127-labels-panic.txt')), 'en');
    const r = toResult(a, 0, 0, 0);
    expect(r.leaked).toBeNull();
    expect(r.groups.slice(0, 2).map((g) => [g.count, g.labels])).toEqual([
      [3, ['handler=/api/users']],
      [2, ['handler=/api/orders']],
    ]);
    expect(toMarkdown(a)).toContain('labels: `handler=/api/users`');
  });
  it('marks proven leaks and counts them', () => {
    const a = analyse(parseDump(fx('go127-goroutineleak-debug2.txt')), 'zh-cn');
    const r = toResult(a, 0, 0, 0);
    expect(r.leaked).toBe(5);
    expect(r.groups.filter((g) => g.leaked).map((g) => g.count)).toEqual([3, 2]);
    const md = toMarkdown(a);
    expect(md).toContain('**5 个确认泄漏**');
    // A proven group says so in its class label, the words the CLI and the run verdict use.
    expect(md).toContain('#### 3 × chan send — 确认泄漏');
  });
});

describe('one vocabulary', () => {
  it('the viewer, the CLI and the run verdict read class labels from one table', async () => {
    const { viewerStrings } = await import('../../src/i18n/strings/viewer.ts');
    const { leakStrings, classLabel } = await import('../../src/i18n/strings/leaks.ts');
    const { CLASS_ORDER } = await import('../../src/lib/dump/classes.ts');
    for (const locale of ['en', 'zh-cn'] as const) {
      for (const c of CLASS_ORDER) expect(viewerStrings[locale][`class-${c}`]).toBe(classLabel(c, locale));
      expect(leakStrings[locale]['class-never-wakes']).not.toBe(leakStrings[locale]['class-likely-leak']);
    }
  });
});

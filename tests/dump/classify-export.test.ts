// Classification rules, explanations in both languages, the creator tree's placeholder roots, and
// the Markdown/JSON exports.
import { describe, expect, it } from 'vitest';
import {
  parseDump,
  groupGoroutines,
  classify,
  chapterHref,
  buildCreatorTree,
  toMarkdown,
  toJsonSummary,
  CLASS_LABELS,
  CLASS_ORDER,
  type Frame,
} from '../../src/lib/dump/index.ts';
import { fixtureText } from './helpers.ts';

const f = (func: string, file = '/app/x.go', line = 1): Frame => ({ func, file, line });
const user = [f('main.worker'), f('main.main')];

describe('classify', () => {
  it.each([
    ['chan send (nil chan)', user, 'never-wakes', '/learn/02-channels/'],
    ['chan receive (nil chan)', user, 'never-wakes', '/learn/02-channels/'],
    ['select (no cases)', user, 'never-wakes', '/learn/02-channels/'],
    ['chan send', user, 'likely-leak', '/learn/03-abandoned-work/'],
    ['chan receive', user, 'likely-leak', '/learn/02-channels/'],
    ['select', user, 'likely-leak', '/learn/04-context/'],
    ['sync.Mutex.Lock', [f('sync.runtime_SemacquireMutex'), f('sync.(*Mutex).Lock'), ...user], 'likely-leak', '/learn/06-sync/'],
    ['sync.RWMutex.Lock', user, 'likely-leak', '/learn/06-sync/'],
    ['sync.RWMutex.RLock', user, 'likely-leak', '/learn/06-sync/'],
    ['sync.WaitGroup.Wait', user, 'likely-leak', '/learn/06-sync/'],
    ['semacquire', user, 'likely-leak', '/learn/06-sync/'],
    ['sync.Cond.Wait', user, 'likely-leak', '/learn/06-sync/'],
    ['chan receive (durable)', user, 'likely-leak', '/learn/02-channels/'],
    ['IO wait', user, 'needs-context', '/learn/07-defer-and-lifetimes/'],
    ['sleep', [f('time.Sleep'), ...user], 'needs-context', '/learn/05-timers/'],
    ['syscall', user, 'needs-context', '/learn/09-finding-leaks/'],
    ['select', [f('net/http.(*persistConn).writeLoop')], 'needs-context', '/learn/07-defer-and-lifetimes/'],
    ['chan receive', [f('os/signal.signal_recv'), f('os/signal.loop')], 'needs-context', '/learn/09-finding-leaks/'],
    ['GC worker (idle)', [f('runtime.gopark'), f('runtime.gcBgMarkWorker')], 'runtime-internal', null],
    ['finalizer wait', [f('runtime.runfinq')], 'runtime-internal', null],
    ['chan receive', [f('runtime.gopark'), f('runtime.ensureSigM.func1')], 'runtime-internal', null],
    ['running', user, 'running', null],
    ['runnable', user, 'running', null],
    ['coroutine', user, 'other', '/learn/09-finding-leaks/'],
    ['unknown', user, 'needs-context', '/learn/09-finding-leaks/'],
  ] as const)('%s → %s', (state, frames, cls, chapter) => {
    const c = classify({ state, frames: frames as Frame[] });
    expect(c.class).toBe(cls);
    expect(c.chapter).toBe(chapter);
    expect(c.explanation.en.length).toBeGreaterThan(20);
    // The Chinese line is Chinese, not a copy of the English one.
    expect(c.explanation['zh-cn']).toMatch(/[\u4e00-\u9fff]/);
    expect(c.explanation['zh-cn']).not.toBe(c.explanation.en);
  });

  it('uses 协程/通道/互斥锁/上下文 vocabulary and labels every class in both languages', () => {
    expect(classify({ state: 'chan send', frames: user }).explanation['zh-cn']).toContain('通道');
    expect(classify({ state: 'sync.Mutex.Lock', frames: user }).explanation['zh-cn']).toContain('互斥锁');
    expect(classify({ state: 'select (no cases)', frames: user }).explanation['zh-cn']).toContain('协程');
    for (const c of CLASS_ORDER) {
      expect(CLASS_LABELS[c].en).toBeTruthy();
      expect(CLASS_LABELS[c]['zh-cn']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('builds locale links', () => {
    expect(chapterHref('/learn/06-sync/', 'en')).toBe('/learn/06-sync/');
    expect(chapterHref('/learn/06-sync/', 'zh-cn')).toBe('/zh-cn/learn/06-sync/');
    expect(chapterHref('/learn/06-sync/', 'zh-cn', '/leaklab/')).toBe('/leaklab/zh-cn/learn/06-sync/');
  });
});

describe('creator tree', () => {
  it('puts goroutines whose creator exited under a placeholder root', () => {
    const t = buildCreatorTree(parseDump(fixtureText('handwritten-go125-synctest.txt')));
    const placeholder = t.roots.find((r) => r.id === 22)!;
    expect(placeholder.goroutine).toBeNull();
    expect(placeholder.children.map((c) => c.id)).toEqual([23, 24, 25, 26]);
    expect(placeholder.descendants).toBe(4);
    expect(t.roots.find((r) => r.id === 1)?.children.map((c) => c.id)).toEqual([21]);
  });
  it('handles deep creator chains without recursion', () => {
    const n = 50_000;
    let text = '';
    for (let i = 1; i <= n; i++)
      text += `goroutine ${i} [chan receive]:\nmain.f()\n\t/a.go:1\ncreated by main.f in goroutine ${i - 1}\n\t/a.go:2\n\n`;
    const t = buildCreatorTree(parseDump(text));
    expect(t.roots).toHaveLength(1);
    expect(t.roots[0].id).toBe(0);
    expect(t.roots[0].descendants).toBe(n);
  });
});

describe('exports', () => {
  const d = parseDump(fixtureText('deadlock.txt'));
  it('Markdown has totals, a state table, suspects first, stacks in code blocks', () => {
    const md = toMarkdown(d);
    expect(md).toContain('4 goroutines · 3 groups · 4 leak suspects · `traceback`');
    expect(md).toContain('| chan send | 2 |');
    expect(md.indexOf('chan send (nil chan) — Never wakes')).toBeLessThan(md.indexOf('2 × chan send — Likely leaked'));
    expect(md).toMatch(/```\nmain\.main\.func1\(\)\n\t\/.*deadlock\/main\.go:22\ncreated by main\.main\n/);
    const zh = toMarkdown(d, { locale: 'zh-cn' });
    expect(zh).toContain('协程转储摘要');
    expect(zh).toContain('永远不会唤醒');
  });
  it('Markdown hides runtime-internal groups unless asked', () => {
    const sys = parseDump(fixtureText('parked-panic-system.txt'));
    expect(toMarkdown(sys)).not.toContain('GC sweep wait —');
    expect(toMarkdown(sys)).toContain('5 runtime-internal group(s) not shown');
    expect(toMarkdown(sys, { includeRuntime: true })).toContain('GC sweep wait —');
  });
  it('JSON summary matches the grouping', () => {
    const j = toJsonSummary(d);
    const groups = groupGoroutines(d);
    expect(j.groups.map((g) => g.count)).toEqual(groups.map((g) => g.count));
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

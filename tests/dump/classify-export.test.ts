// Classification rules, explanations in both languages, the creator tree's placeholder roots, and
// the Markdown/JSON exports.
import { describe, expect, it } from 'vitest';
import {
  parseDump,
  groupGoroutines,
  classify,
  buildCreatorTree,
  toMarkdown,
  toJsonSummary,
  CLASS_ORDER,
  type Frame,
} from '../../src/lib/dump/index.ts';
import { lessonPath } from '../../src/i18n/index.ts';
import { explanationText } from '../../src/i18n/strings/classify.ts';
import { classLabel } from '../../src/i18n/strings/leaks.ts';
import { fixtureText } from './helpers.ts';

const f = (func: string, file = '/app/x.go', line = 1): Frame => ({ func, file, line });
const user = [f('main.worker'), f('main.main')];

describe('classify', () => {
  it.each([
    ['chan send (nil chan)', user, 'never-wakes', '02-channels'],
    ['chan receive (nil chan)', user, 'never-wakes', '02-channels'],
    ['select (no cases)', user, 'never-wakes', '02-channels'],
    ['chan send', user, 'likely-leak', '03-abandoned-work'],
    ['chan receive', user, 'likely-leak', '02-channels'],
    ['select', user, 'likely-leak', '04-context'],
    ['sync.Mutex.Lock', [f('sync.runtime_SemacquireMutex'), f('sync.(*Mutex).Lock'), ...user], 'likely-leak', '06-sync'],
    ['sync.RWMutex.Lock', user, 'likely-leak', '06-sync'],
    ['sync.RWMutex.RLock', user, 'likely-leak', '06-sync'],
    ['sync.WaitGroup.Wait', user, 'likely-leak', '06-sync'],
    ['semacquire', user, 'likely-leak', '06-sync'],
    ['sync.Cond.Wait', user, 'likely-leak', '06-sync'],
    ['chan receive (durable)', user, 'likely-leak', '02-channels'],
    ['IO wait', user, 'needs-context', '07-defer-and-lifetimes'],
    ['sleep', [f('time.Sleep'), ...user], 'needs-context', '05-timers'],
    ['syscall', user, 'needs-context', '09-finding-leaks'],
    ['select', [f('net/http.(*persistConn).writeLoop')], 'needs-context', '07-defer-and-lifetimes'],
    ['chan receive', [f('os/signal.signal_recv'), f('os/signal.loop')], 'needs-context', '09-finding-leaks'],
    ['GC worker (idle)', [f('runtime.gopark'), f('runtime.gcBgMarkWorker')], 'runtime-internal', null],
    ['finalizer wait', [f('runtime.runfinq')], 'runtime-internal', null],
    ['chan receive', [f('runtime.gopark'), f('runtime.ensureSigM.func1')], 'runtime-internal', null],
    ['running', user, 'running', null],
    ['runnable', user, 'running', null],
    ['coroutine', user, 'other', '09-finding-leaks'],
    ['unknown', user, 'needs-context', '09-finding-leaks'],
  ] as const)('%s → %s', (state, frames, cls, chapter) => {
    const c = classify({ state, frames: frames as Frame[] });
    expect(c.class).toBe(cls);
    expect(c.chapter).toBe(chapter);
    const en = explanationText(c.explanation, 'en');
    const zh = explanationText(c.explanation, 'zh-cn');
    expect(en.length).toBeGreaterThan(20);
    // The Chinese line is Chinese, not a copy of the English one, and every placeholder is filled.
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toBe(en);
    expect(en + zh).not.toMatch(/\{\w+\}/);
  });

  it('uses 协程/通道/互斥锁/上下文 vocabulary and labels every class in both languages', () => {
    const zh = (state: string) => explanationText(classify({ state, frames: user }).explanation, 'zh-cn');
    expect(zh('chan send')).toContain('通道');
    expect(zh('sync.Mutex.Lock')).toContain('互斥锁');
    expect(zh('select (no cases)')).toContain('协程');
    for (const c of CLASS_ORDER) {
      expect(classLabel(c, 'en')).toBeTruthy();
      expect(classLabel(c, 'zh-cn')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('returns a message key with its parameters and a chapter slug, never words or URLs', () => {
    const c = classify({ state: 'chan send (leaked)', frames: user });
    expect(c).toMatchObject({
      class: 'never-wakes',
      chapter: '03-abandoned-work',
      explanation: { key: 'proven-leak', params: { state: 'chan send' } },
    });
    expect(explanationText(c.explanation, 'en')).toContain('can never wake (chan send)');
    expect(explanationText(c.explanation, 'zh-cn')).toContain('（chan send）');
  });

  it('builds locale links from the one locale-prefix helper', () => {
    expect(lessonPath('06-sync', 'en')).toBe('/learn/06-sync/');
    expect(lessonPath('06-sync', 'zh-cn')).toBe('/zh-cn/learn/06-sync/');
    expect(lessonPath('06-sync', 'zh-cn', '/leaklab/')).toBe('/leaklab/zh-cn/learn/06-sync/');
  });
});

describe('creator tree', () => {
  it('puts goroutines whose creator exited under a placeholder root', () => {
    // go test prints only the test's goroutines: their creator, goroutine 1, is not in the dump.
    const t = buildCreatorTree(parseDump(fixtureText('go127-synctest-gotest.txt')));
    expect(t.roots.map((r) => r.id)).toEqual([1]);
    const placeholder = t.roots[0];
    expect(placeholder.goroutine).toBeNull();
    expect(placeholder.children.map((c) => c.id)).toEqual([8]);
    expect(placeholder.descendants).toBe(5);
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
    expect(md).toContain('4 goroutines · 3 groups · 4 proven or blocked · `traceback`');
    expect(md).toContain('| chan send | 2 |');
    expect(md.indexOf('chan send (nil chan) — proven leak')).toBeLessThan(md.indexOf('2 × chan send — blocked'));
    expect(md).toMatch(/```\nmain\.main\.func1\(\)\n\t\/.*deadlock\/main\.go:22\ncreated by main\.main\n/);
    const zh = toMarkdown(d, { locale: 'zh-cn' });
    expect(zh).toContain('协程转储摘要');
    expect(zh).toContain('— 确认泄漏');
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

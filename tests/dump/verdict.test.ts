// The run verdict's projection (verdictSummary): the same class, and so the same label, as the
// viewer and `leaklab dump` give each goroutine, with proven and blocked counted apart.
import { describe, expect, it } from 'vitest';
import { verdictSummary } from '../../src/lib/dump/program.ts';
import { classify, type Goroutine } from '../../src/lib/dump/index.ts';

let nextId = 1;
function g(state: string, func: string, line: number, leaked = false): Goroutine {
  return {
    id: nextId++,
    state,
    waitMinutes: null,
    lockedToThread: false,
    leaked,
    frames: [{ func, file: 'prog.go', line }],
    elided: 0,
    createdBy: { func: 'main.main', file: 'prog.go', line: 3 },
    parentId: null,
    ancestors: [],
    count: 1,
  };
}

describe('verdictSummary', () => {
  it('a nil-channel wait is a proven leak even without the goroutineleak profile (Go 1.26), as classify says', () => {
    const goroutines = [g('chan receive (nil chan)', 'main.nilWait', 10), g('chan send', 'main.producer', 20), g('sleep', 'main.nap', 30)];
    const v = verdictSummary({ leaked: 3, proven: null, goroutines, files: ['prog.go'] });
    expect(v.proven).toBe(1);
    expect(v.blocked).toBe(2);
    expect(v.lines.map((l) => [l.kind, l.cls, l.state])).toEqual([
      ['proven', 'never-wakes', 'chan receive (nil chan)'],
      ['blocked', 'likely-leak', 'chan send'],
      ['blocked', 'needs-context', 'sleep'],
    ]);
    for (const [i, l] of v.lines.entries()) {
      const one = goroutines.find((x) => x.state === l.state)!;
      expect(l.cls, `line ${i}`).toBe(classify(one).class);
    }
  });

  it('without the profile and without a never-ending wait, nothing is proven (null, not 0)', () => {
    const v = verdictSummary({ leaked: 1, proven: null, goroutines: [g('chan send', 'main.producer', 20)], files: ['prog.go'] });
    expect(v.proven).toBeNull();
    expect(v.blocked).toBe(1);
  });

  it('a stack proven for some goroutines and not others is two lines', () => {
    const goroutines = [g('chan send', 'main.producer', 20, true), g('chan send', 'main.producer', 20)];
    const v = verdictSummary({ leaked: 2, proven: 1, goroutines, files: ['prog.go'] });
    expect(v.lines.map((l) => [l.kind, l.count])).toEqual([
      ['proven', 1],
      ['blocked', 1],
    ]);
    expect([v.proven, v.blocked]).toEqual([1, 1]);
  });

  it('no stacks (busy on the CPU): the runner’s counts', () => {
    expect(verdictSummary({ leaked: 4, proven: 1, goroutines: [], files: ['prog.go'] })).toMatchObject({
      proven: 1,
      blocked: 3,
      lines: [],
    });
  });
});

import { labelCounts } from '../../src/components/viewer/view-model.ts';
import { describe, expect, it } from 'vitest';
import {
  defaultFilters,
  filterGroups,
  provenCount,
  idRanges,
  stackText,
  rowAt,
  rowOffsets,
  scrollToReveal,
  stateCounts,
  visibleFrames,
  visibleRange,
} from '../../src/components/viewer/view-model.ts';
import type { ViewFrame, ViewGroup } from '../../src/components/viewer/types.ts';
import { headlineFrame } from '../../src/lib/dump/frames.ts';
import { sandboxFile } from '../../src/lib/dump/program.ts';

function group(p: Partial<ViewGroup> & { key: string }): ViewGroup {
  return {
    count: 1,
    state: 'chan send',
    states: { [p.state ?? 'chan send']: p.count ?? 1 },
    waitMin: null,
    waitMax: null,
    frames: [],
    createdBy: null,
    ids: [],
    parentIds: [],
    cls: 'likely-leak',
    explanation: '',
    chapter: null,
    labels: [],
    leaked: false,
    bubble: null,
    elided: false,
    ...p,
  };
}

const f = (func: string, kind: ViewFrame['kind'], file = '/x.go'): ViewFrame => ({ func, file, line: 1, kind });

describe('sandboxFile', () => {
  it('maps Playground sandbox paths and bare prog.go to the editor file name', () => {
    expect(sandboxFile('/tmp/sandbox4242/prog.go')).toBe('prog.go');
    expect(sandboxFile('/tmp/sandbox/util.go')).toBe('util.go');
    expect(sandboxFile('prog.go')).toBe('prog.go');
    expect(sandboxFile('/tmp/leaklab-runner-32MF2R/run-1-HPN5xv/prog.go')).toBe('prog.go');
    expect(sandboxFile('/tmp/leaklab-runner-32MF2R/run-1-HPN5xv/helper.go')).toBe('helper.go');
    expect(sandboxFile('/home/me/app/main.go')).toBeNull();
    // A production dump whose program happens to be called prog.go gets no editor links.
    expect(sandboxFile('/srv/app/prog.go')).toBeNull();
    expect(sandboxFile('/home/me/tmp/sandbox1/prog.go')).toBeNull();
    expect(sandboxFile('/usr/local/go-faketime/src/runtime/proc.go')).toBeNull();
  });
});

describe('filterGroups', () => {
  const groups = [
    group({ key: 'a', count: 40, state: 'chan send', frames: [f('main.fetchFirst.func1', 'user', '/src/crawler/main.go')] }),
    group({ key: 'b', count: 3, state: 'semacquire', frames: [f('sync.(*WaitGroup).Wait', 'std'), f('main.waitAll', 'user')] }),
    group({ key: 'c', count: 1, state: 'chan receive (nil chan)', cls: 'never-wakes', frames: [f('main.nilChannel', 'user')] }),
    group({ key: 'd', count: 4, state: 'GC worker (idle)', cls: 'runtime-internal', frames: [f('runtime.gcBgMarkWorker', 'runtime')] }),
    group({
      key: 'e',
      count: 2,
      state: 'IO wait',
      cls: 'needs-context',
      waitMin: 5,
      waitMax: 90,
      frames: [f('net.(*TCPListener).Accept', 'std')],
    }),
  ];
  const keys = (gs: ViewGroup[]) => gs.map((g) => g.key);

  it('puts never-wakes and likely leaks first by default and hides runtime goroutines', () => {
    expect(keys(filterGroups(groups, defaultFilters))).toEqual(['c', 'a', 'b', 'e']);
  });
  it('shows runtime goroutines when asked and sorts by count', () => {
    expect(keys(filterGroups(groups, { ...defaultFilters, hideRuntime: false, sort: 'count' }))).toEqual(['a', 'd', 'b', 'e', 'c']);
  });
  it('sorts by the longest wait', () => {
    expect(keys(filterGroups(groups, { ...defaultFilters, sort: 'wait' }))[0]).toBe('e');
  });
  it('filters by state, suspects and search terms over functions, packages and files', () => {
    expect(keys(filterGroups(groups, { ...defaultFilters, state: 'semacquire' }))).toEqual(['b']);
    expect(keys(filterGroups(groups, { ...defaultFilters, onlySuspects: true }))).toEqual(['c', 'a', 'b']);
    expect(keys(filterGroups(groups, { ...defaultFilters, search: 'WaitGroup' }))).toEqual(['b']);
    expect(keys(filterGroups(groups, { ...defaultFilters, search: 'crawler/main.go fetch' }))).toEqual(['a']);
    expect(keys(filterGroups(groups, { ...defaultFilters, search: 'net' }))).toEqual(['e']);
    expect(filterGroups(groups, { ...defaultFilters, search: 'nothing-like-this' })).toEqual([]);
  });
});

describe('stateCounts', () => {
  it('sums goroutines per state across groups, most first', () => {
    const gs = [group({ key: 'a', states: { 'chan send': 3, select: 1 } }), group({ key: 'b', states: { select: 5 } })];
    expect(stateCounts(gs)).toEqual([
      { state: 'select', count: 6 },
      { state: 'chan send', count: 3 },
    ]);
  });
});

describe('visibleFrames', () => {
  const frames = [
    f('runtime.gopark', 'runtime'),
    f('sync.runtime_Semacquire', 'std'),
    f('sync.(*WaitGroup).Wait', 'std'),
    f('main.waitAll', 'user'),
    f('main.main', 'user'),
  ];
  it('keeps user frames and the library call they are blocked in', () => {
    const v = visibleFrames(frames, true);
    expect(v.frames.map((x) => x.func)).toEqual(['sync.(*WaitGroup).Wait', 'main.waitAll', 'main.main']);
    expect(v.hidden).toBe(2);
  });
  it('keeps everything when not hiding, or when no frame is user code', () => {
    expect(visibleFrames(frames, false).hidden).toBe(0);
    expect(visibleFrames(frames.slice(0, 3), true).frames).toHaveLength(3);
  });
});

describe('headlineFrame', () => {
  it('names the user frame, else the library call, else the top frame', () => {
    expect(headlineFrame([f('runtime.gopark', 'runtime'), f('sync.(*Mutex).Lock', 'std'), f('main.lock', 'user')])?.func).toBe('main.lock');
    expect(headlineFrame([f('runtime.gopark', 'runtime'), f('time.Sleep', 'std')])?.func).toBe('time.Sleep');
    expect(headlineFrame([f('runtime.gcBgMarkWorker', 'runtime')])?.func).toBe('runtime.gcBgMarkWorker');
    expect(headlineFrame([])).toBeNull();
  });
});

describe('stackText', () => {
  it('prints a group the way Go prints a goroutine', () => {
    const g = group({
      key: 'k',
      count: 3,
      waitMin: 2,
      waitMax: 5,
      frames: [{ ...f('main.worker', 'user', '/app/w.go'), line: 9 }],
      createdBy: { ...f('main.start', 'user', '/app/s.go'), line: 4 },
    });
    expect(stackText(g)).toBe(
      '3 goroutines [chan send, 2-5 minutes]:\nmain.worker()\n\t/app/w.go:9\ncreated by main.start\n\t/app/s.go:4\n',
    );
  });
});

describe('idRanges', () => {
  it('compresses consecutive IDs and reports what it cut', () => {
    expect(idRanges([7, 5, 6, 9, 12, 11])).toEqual({ text: '5–7, 9, 11–12', rest: 0 });
    expect(idRanges([1, 3, 5, 7], 2)).toEqual({ text: '1, 3', rest: 2 });
    expect(idRanges([])).toEqual({ text: '', rest: 0 });
  });
});

describe('virtualised list arithmetic', () => {
  const offsets = rowOffsets([50, 50, 200, 50, 50, 50]);
  it('builds prefix sums', () => {
    expect([...offsets]).toEqual([0, 50, 100, 300, 350, 400, 450]);
  });
  it('finds the row under a y coordinate', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 99)).toBe(1);
    expect(rowAt(offsets, 100)).toBe(2);
    expect(rowAt(offsets, 299)).toBe(2);
    expect(rowAt(offsets, 10_000)).toBe(5);
  });
  it('returns the rows in the viewport plus overscan', () => {
    expect(visibleRange(offsets, 120, 100, 0)).toEqual({ start: 2, end: 3 });
    expect(visibleRange(offsets, 120, 200, 1)).toEqual({ start: 1, end: 5 });
    expect(visibleRange(rowOffsets([]), 0, 100, 3)).toEqual({ start: 0, end: 0 });
  });
  it('renders a bounded number of rows for 100k groups', () => {
    const big = rowOffsets(new Array(100_000).fill(48));
    const r = visibleRange(big, 48 * 50_000, 720, 6);
    expect(r.end - r.start).toBeLessThanOrEqual(15 + 12);
    expect(r.start).toBe(50_000 - 6);
  });
  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(offsets, 3, 0, 150)).toBe(200);
    // A row taller than the viewport is aligned by its top, where its header is.
    expect(scrollToReveal(offsets, 2, 0, 150)).toBe(100);
    expect(scrollToReveal(offsets, 0, 100, 150)).toBe(0);
    expect(scrollToReveal(offsets, 1, 0, 150)).toBeNull();
  });
});

describe('proven-leak and label filters', () => {
  const gs = [
    // classify puts what the runtime proved in never-wakes (the adapter classifies every group).
    group({ key: 'a', count: 3, labels: ['handler=/api/users'], leaked: true, cls: 'never-wakes' }),
    group({ key: 'b', count: 2, labels: ['handler=/api/orders'] }),
    group({ key: 'c', count: 1 }),
  ];
  it('"proven leaks only" keeps what the runtime proved and waits that can never end, like the verdict', () => {
    const nil = group({ key: 'd', count: 4, state: 'chan receive (nil chan)', cls: 'never-wakes' });
    expect(filterGroups([...gs, nil], { ...defaultFilters, onlyProven: true, sort: 'count' }).map((g) => g.key)).toEqual(['d', 'a']);
    expect(provenCount([...gs, nil])).toBe(7);
  });
  it('a label filter keeps groups carrying exactly that key=value', () => {
    expect(filterGroups(gs, { ...defaultFilters, label: 'handler=/api/orders' }).map((g) => g.key)).toEqual(['b']);
    expect(filterGroups(gs, { ...defaultFilters, label: 'handler=/api' })).toEqual([]);
  });
  it('offers each label with its goroutine count', () => {
    expect(labelCounts(gs)).toEqual([
      { label: 'handler=/api/users', count: 3 },
      { label: 'handler=/api/orders', count: 2 },
    ]);
  });
});

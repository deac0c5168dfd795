// Two real snapshots of one process (tests/fixtures/dump-programs/growing): between them the leaky
// handler ran 5 more times, a batch finished and a new worker started.
import { describe, expect, it } from 'vitest';
import { parseDump, diffDumps, userFrame } from '../../src/lib/dump/index.ts';
import { fixtureText } from './helpers.ts';

const before = parseDump(fixtureText('growing-before.txt'));
const after = parseDump(fixtureText('growing-after.txt'));
const fn = (c: { frames: { func: string; file: string; line: number }[] }) => userFrame(c.frames)?.func;

describe('diffDumps', () => {
  const d = diffDumps(before, after);
  it('reports grown, appeared and disappeared groups with counts', () => {
    expect(d.totalBefore).toBe(6);
    expect(d.totalAfter).toBe(10);
    expect(d.grew.map((c) => [fn(c), c.before, c.after, c.state])).toEqual([['main.handle.func1', 3, 8, 'chan send']]);
    // The goroutine taking the snapshot is running at a different line each time.
    const parked = (cs: typeof d.appeared) => cs.filter((c) => c.state !== 'running').map((c) => [fn(c), c.before, c.after]);
    expect(parked(d.appeared)).toEqual([['main.lateWorker', 0, 1]]);
    expect(parked(d.disappeared)).toEqual([['main.batch', 2, 0]]);
    // It is one goroutine (same id, running in both): neither appeared nor disappeared, listed once.
    expect([...d.appeared, ...d.disappeared].filter((c) => c.state === 'running')).toEqual([]);
    expect(d.unchanged.filter((c) => c.state === 'running').map((c) => [fn(c), c.before, c.after])).toEqual([['main.snapshot', 1, 1]]);
    expect(d.shrank).toEqual([]);
  });
  it('finds the goroutines parked in the same place in both snapshots', () => {
    const leakedFirst = before.goroutines.filter((g) => g.frames[0]?.func === 'main.handle.func1').map((g) => g.id);
    expect(leakedFirst).toHaveLength(3);
    expect(d.persistent.map((p) => p.id).sort((a, b) => a - b)).toEqual(leakedFirst.sort((a, b) => a - b));
    expect(d.persistent.every((p) => p.state === 'chan send' && p.key === d.grew[0].key)).toBe(true);
  });
  it('a dump diffed with itself changes nothing and everything persists', () => {
    const same = diffDumps(after, after);
    expect([same.appeared, same.disappeared, same.grew, same.shrank]).toEqual([[], [], [], []]);
    expect(same.persistent).toHaveLength(after.goroutines.length);
  });
  it('diffs a text dump against a proto profile by stack, without ids', () => {
    const d2 = diffDumps(before, { ...before, goroutines: before.goroutines.map((g) => ({ ...g, id: 0 })) });
    expect(d2.persistent).toEqual([]);
    expect(d2.grew).toEqual([]);
  });
});

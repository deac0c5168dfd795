/**
 * Diff of two dumps of the same process, by stack signature rather than goroutine id: ids are
 * reused and say nothing about what changed, signatures do. A goroutine id present in both dumps
 * with the same signature has been parked there the whole time: the strongest leak signal.
 */
import type { Dump, Frame } from './model.ts';
import { groupGoroutines, stackSignature, type Group } from './group.ts';

export interface GroupChange {
  key: string;
  frames: Frame[];
  state: string;
  before: number;
  after: number;
  /** The group in the later dump, or in the earlier one for groups that disappeared. */
  group: Group;
}

export interface PersistentGoroutine {
  id: number;
  key: string;
  state: string;
  /** Wait minutes in the later dump, when printed. */
  waitMinutes: number | null;
}

export interface DumpDiff {
  appeared: GroupChange[];
  disappeared: GroupChange[];
  grew: GroupChange[];
  shrank: GroupChange[];
  unchanged: GroupChange[];
  /** Same id, same stack in both dumps. */
  persistent: PersistentGoroutine[];
  totalBefore: number;
  totalAfter: number;
}

function change(g: Group, before: number, after: number): GroupChange {
  return { key: g.key, frames: g.frames, state: g.state, before, after, group: g };
}

export function diffDumps(before: Dump, after: Dump): DumpDiff {
  const gb = groupGoroutines(before);
  const ga = groupGoroutines(after);
  const beforeByKey = new Map(gb.map((g) => [g.key, g]));
  const afterByKey = new Map(ga.map((g) => [g.key, g]));
  const d: DumpDiff = {
    appeared: [],
    disappeared: [],
    grew: [],
    shrank: [],
    unchanged: [],
    persistent: [],
    totalBefore: before.total,
    totalAfter: after.total,
  };
  for (const g of ga) {
    const b = beforeByKey.get(g.key);
    if (b === undefined) d.appeared.push(change(g, 0, g.count));
    else if (g.count > b.count) d.grew.push(change(g, b.count, g.count));
    else if (g.count < b.count) d.shrank.push(change(g, b.count, g.count));
    else d.unchanged.push(change(g, b.count, g.count));
  }
  for (const b of gb) if (!afterByKey.has(b.key)) d.disappeared.push(change(b, b.count, 0));
  const byDelta = (x: GroupChange, y: GroupChange) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before);
  d.appeared.sort(byDelta);
  d.disappeared.sort(byDelta);
  d.grew.sort(byDelta);
  d.shrank.sort(byDelta);

  const sigBefore = new Map<number, string>();
  for (const g of before.goroutines) if (g.id > 0) sigBefore.set(g.id, stackSignature(g.frames));
  const keyOf = new Map<string, string>();
  for (const g of ga) for (const x of g.goroutines) if (x.id > 0) keyOf.set(String(x.id), g.key);
  for (const g of after.goroutines) {
    if (g.id <= 0) continue;
    const s = sigBefore.get(g.id);
    if (s !== undefined && s === stackSignature(g.frames)) {
      d.persistent.push({ id: g.id, key: keyOf.get(String(g.id)) ?? '', state: g.state, waitMinutes: g.waitMinutes });
    }
  }
  return d;
}

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

/**
 * The goroutine that wrote each dump is `running` in both, under the same id, but at a different
 * line (two calls to WriteTo), so it would show as one group appeared and another disappeared.
 * It is one goroutine doing the same job: report it once, unchanged, at its later stack.
 */
function foldDumpingGoroutine(d: DumpDiff, before: Dump): void {
  const runningBefore = new Set<number>();
  for (const g of before.goroutines) if (g.id > 0 && g.state === 'running') runningBefore.add(g.id);
  if (runningBefore.size === 0) return;
  for (let i = 0; i < d.appeared.length; i++) {
    const a = d.appeared[i];
    const id = a.group.goroutines.length === 1 && a.group.state === 'running' ? a.group.goroutines[0].id : 0;
    if (id <= 0 || !runningBefore.has(id)) continue;
    const j = d.disappeared.findIndex((x) => x.group.goroutines.length === 1 && x.group.goroutines[0].id === id && x.state === 'running');
    if (j < 0) continue;
    d.disappeared.splice(j, 1);
    d.appeared.splice(i, 1);
    d.unchanged.push({ ...a, before: 1, after: 1 });
    i--;
  }
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
  foldDumpingGoroutine(d, before);
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

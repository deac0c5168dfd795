/**
 * Grouping: goroutines with the same function/file/line sequence are one group, whatever their ids,
 * argument values, PC offsets, wait times or parents. One pass with a hash map, so 100k goroutines
 * group in linear time (panicparse compares every pair).
 */
import type { Dump, Frame, Goroutine } from './model.ts';

export interface Group {
  /** Stable across dumps of the same binary: a hash of the stack signature. */
  key: string;
  /** Goroutines in the group (debug=1/proto records count for their multiplicity). */
  count: number;
  /** Frames of the first goroutine seen (args and offsets are that goroutine's). */
  frames: Frame[];
  /** state → goroutine count. */
  states: Record<string, number>;
  /** The most common state. */
  state: string;
  waitMinutes: { min: number; max: number } | null;
  /** Goroutine ids, in dump order; empty for formats without ids. */
  ids: number[];
  /** Distinct creators with how many goroutines each started, most first. */
  creators: { frame: Frame; count: number }[];
  /** The most common creator, or null. */
  createdBy: Frame | null;
  lockedToThread: number;
  elided: boolean;
  goroutines: Goroutine[];
}

/**
 * The identity of a stack. Leading `runtime.` frames are left out: tracebacks hide them
 * (`runtime.gopark`) unless GOTRACEBACK=system, and proto profiles keep them, so leaving them in
 * would split one leak into several groups depending on how the dump was taken.
 * (A stack of runtime frames only keeps its last one, so runtime goroutines still group apart.)
 */
export function stackSignature(frames: readonly Frame[]): string {
  let i = 0;
  let end = frames.length;
  // GOTRACEBACK=system prints the runtime.goexit frame every stack ends in; other modes hide it.
  while (end > 1 && frames[end - 1].func === 'runtime.goexit') end--;
  while (i < end - 1 && frames[i].func.startsWith('runtime.')) i++;
  let s = '';
  for (; i < end; i++) {
    const f = frames[i];
    s += f.func + '\t' + f.file + ':' + f.line + '\n';
  }
  return s;
}

/** cyrb53: a fast, well-mixed 53-bit string hash; keys only need to be stable, not secret. */
export function hashString(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

interface Building extends Group {
  creatorMap: Map<string, { frame: Frame; count: number }>;
}

export function groupGoroutines(dump: Dump | readonly Goroutine[]): Group[] {
  const gs = Array.isArray(dump) ? (dump as readonly Goroutine[]) : (dump as Dump).goroutines;
  const bySig = new Map<string, Building>();
  const order: Building[] = [];
  for (const g of gs) {
    const sig = stackSignature(g.frames);
    let b = bySig.get(sig);
    if (b === undefined) {
      b = {
        key: hashString(sig),
        count: 0,
        frames: g.frames,
        states: {},
        state: g.state,
        waitMinutes: null,
        ids: [],
        creators: [],
        createdBy: null,
        lockedToThread: 0,
        elided: false,
        goroutines: [],
        creatorMap: new Map(),
      };
      bySig.set(sig, b);
      order.push(b);
    }
    const n = g.count;
    b.count += n;
    b.states[g.state] = (b.states[g.state] ?? 0) + n;
    if (g.waitMinutes !== null) {
      const w = b.waitMinutes;
      if (w === null) b.waitMinutes = { min: g.waitMinutes, max: g.waitMinutes };
      else {
        if (g.waitMinutes < w.min) w.min = g.waitMinutes;
        if (g.waitMinutes > w.max) w.max = g.waitMinutes;
      }
    }
    if (g.id > 0) b.ids.push(g.id);
    if (g.createdBy !== null) {
      const ck = g.createdBy.func + '\t' + g.createdBy.file + ':' + g.createdBy.line;
      const c = b.creatorMap.get(ck);
      if (c === undefined) b.creatorMap.set(ck, { frame: g.createdBy, count: n });
      else c.count += n;
    }
    if (g.lockedToThread) b.lockedToThread += n;
    if (g.elided !== 0) b.elided = true;
    b.goroutines.push(g);
  }
  const out: Group[] = [];
  for (const b of order) {
    let best = '';
    let bestN = -1;
    for (const st in b.states) {
      if (b.states[st] > bestN) {
        best = st;
        bestN = b.states[st];
      }
    }
    const creators = [...b.creatorMap.values()].sort((x, y) => y.count - x.count);
    const { creatorMap: _unused, ...g } = b;
    out.push({ ...g, state: best, creators, createdBy: creators.length > 0 ? creators[0].frame : null });
  }
  // Stable sort keeps dump order among equal counts, so the output is deterministic.
  out.sort((a, b) => b.count - a.count);
  return out;
}

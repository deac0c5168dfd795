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
  /** True when the runtime's goroutineleak profile proved the group's goroutines leaked. */
  leaked: boolean;
  /** How many of them it marked `(leaked)` (a whole goroutineleak profile counts). */
  leakedCount: number;
  /** pprof labels; {} when none. Goroutines with different label sets are different groups, as in pprof. */
  labels: Record<string, string>;
  /** Go 1.25+ synctest bubble id, when the goroutines run in one. */
  bubble?: number;
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

interface Creator {
  frame: Frame;
  count: number;
}

interface Building extends Group {
  creatorMap: Map<number, Creator[]>;
  lastCreator: Frame | null;
  lastEntry: Creator | null;
  runState: string | null;
  runCount: number;
  index: number;
  nGoroutines: number;
  nIds: number;
  labelKey: string;
  h2: number;
  from: number;
  to: number;
}

function sameStack(a: readonly Frame[], af: number, at: number, b: readonly Frame[], bf: number, bt: number): boolean {
  if (at - af !== bt - bf) return false;
  for (let k = 0; k < at - af; k++) {
    const x = a[af + k];
    const y = b[bf + k];
    if (x !== y && (x.line !== y.line || x.func !== y.func || x.file !== y.file)) return false;
  }
  return true;
}

/** A canonical string for a label set ('' for none): the same labels in any order give one key. */
export function labelKey(labels: Record<string, string> | undefined): string {
  if (labels === undefined) return '';
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  keys.sort();
  let s = '';
  for (const k of keys) s += k + '\u0000' + labels[k] + '\u0001';
  return s;
}

function flushState(b: Building): void {
  if (b.runState !== null) b.states[b.runState] = (b.states[b.runState] ?? 0) + b.runCount;
  b.runState = null;
}

export function groupGoroutines(dump: Dump | readonly Goroutine[]): Group[] {
  const gs = Array.isArray(dump) ? (dump as readonly Goroutine[]) : (dump as Dump).goroutines;
  // Hash each stack from small ids of its (usually interned) strings: no per-goroutine string is
  // built, and the full text signature is made once per group for its stable key.
  const ids = new Map<string, number>();
  const idOf = (s: string): number => {
    let v = ids.get(s);
    if (v === undefined) {
      v = ids.size + 1;
      ids.set(s, v);
    }
    return v;
  };
  const buckets = new Map<number, Building | Building[]>();
  const order: Building[] = [];
  /** The group of g's stack and label set, made when new. */
  const findOrAdd = (g: Goroutine, lk: string): Building => {
    const frames = g.frames;
    // identityRange, inlined: a tuple per goroutine is garbage the collector has to chase.
    let from = 0;
    let to = frames.length;
    while (to > 1 && frames[to - 1].func === 'runtime.goexit') to--;
    while (from < to - 1 && frames[from].func.startsWith('runtime.')) from++;
    let h1 = 0x811c9dc5 ^ (to - from);
    let h2 = 0x1b873593;
    if (lk !== '') h1 = Math.imul(h1 ^ idOf(lk), 16777619);
    for (let k = from; k < to; k++) {
      const f = frames[k];
      const a = idOf(f.func);
      const c = idOf(f.file);
      h1 = Math.imul(h1 ^ a, 16777619);
      h1 = Math.imul(h1 ^ c, 16777619);
      h1 = Math.imul(h1 ^ f.line, 16777619);
      h2 = Math.imul(h2 + a * 31 + c, 0x5bd1e995) ^ (h2 >>> 13);
      h2 = Math.imul(h2 + f.line, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 &= 0x3fffffff; // a small integer: no heap number per Map lookup
    const hit = buckets.get(h1);
    if (hit !== undefined) {
      if (!Array.isArray(hit)) {
        if (hit.h2 === h2 && hit.labelKey === lk && sameStack(hit.frames, hit.from, hit.to, frames, from, to)) return hit;
      } else {
        for (const x of hit) if (x.h2 === h2 && x.labelKey === lk && sameStack(x.frames, x.from, x.to, frames, from, to)) return x;
      }
    }
    {
      const b: Building = {
        // The stack alone keys unlabelled groups, so keys stay what they were before labels counted.
        key: hashString(lk === '' ? stackSignature(frames) : stackSignature(frames) + lk),
        count: 0,
        frames: g.frames,
        states: {},
        state: g.state,
        waitMinutes: null,
        ids: [],
        creators: [],
        createdBy: null,
        lockedToThread: 0,
        leaked: false,
        leakedCount: 0,
        labels: g.labels !== undefined ? { ...g.labels } : {},
        elided: false,
        goroutines: [],
        creatorMap: new Map(),
        lastCreator: null,
        lastEntry: null,
        runState: null,
        runCount: 0,
        index: order.length,
        nGoroutines: 0,
        nIds: 0,
        labelKey: lk,
        h2,
        from,
        to,
      };
      if (hit === undefined) buckets.set(h1, b);
      else if (Array.isArray(hit)) hit.push(b);
      else buckets.set(h1, [hit, b]);
      order.push(b);
      return b;
    }
  };
  /** Counts n goroutines for creator cb (same function, file and line) and returns its entry. */
  const addCreator = (b: Building, cb: Frame, n: number): Creator => {
    const ck = (idOf(cb.func) * 2097152 + cb.line) | 0;
    const list = b.creatorMap.get(ck);
    if (list === undefined) {
      const e = { frame: cb, count: n };
      b.creatorMap.set(ck, [e]);
      return e;
    }
    for (const x of list) {
      if (x.frame.func === cb.func && x.frame.line === cb.line && x.frame.file === cb.file) {
        x.count += n;
        return x;
      }
    }
    const e = { frame: cb, count: n };
    list.push(e);
    return e;
  };
  // Parsers share one frames array between equal stacks when they can (`details: false`): the
  // group of an unlabelled goroutine is then found by the array alone, without hashing its frames.
  const byFrames = new Map<readonly Frame[], Building>();
  // Each goroutine's group, by index in `order`: ids and goroutines are filled in a second pass
  // into arrays of their final size (growing 80k-element arrays reallocates them a dozen times).
  const which = new Int32Array(gs.length);
  for (let gi = 0; gi < gs.length; gi++) {
    const g = gs[gi];
    const frames = g.frames;
    const lk = labelKey(g.labels);
    let b = lk === '' ? byFrames.get(frames) : undefined;
    if (b === undefined) {
      b = findOrAdd(g, lk);
      // Only the group's own array: with details every goroutine has its own, never seen again.
      if (lk === '' && b.frames === frames) byFrames.set(frames, b);
    }
    const n = g.count;
    b.count += n;
    // Counted in runs: neighbours in a dump mostly share their state, and a keyed store per
    // goroutine is the slow part of this loop. Runs are flushed in order, so key order is kept.
    if (g.state === b.runState) b.runCount += n;
    else {
      flushState(b);
      b.runState = g.state;
      b.runCount = n;
    }
    if (g.waitMinutes !== null) {
      const w = b.waitMinutes;
      if (w === null) b.waitMinutes = { min: g.waitMinutes, max: g.waitMinutes };
      else {
        if (g.waitMinutes < w.min) w.min = g.waitMinutes;
        if (g.waitMinutes > w.max) w.max = g.waitMinutes;
      }
    }
    which[gi] = b.index;
    b.nGoroutines++;
    if (g.id > 0) b.nIds++;
    if (g.createdBy !== null) {
      const cb = g.createdBy;
      // Shared frames (`details: false`): the creator of the previous goroutine, found by identity.
      if (cb === b.lastCreator && b.lastEntry !== null) b.lastEntry.count += n;
      else b.lastEntry = addCreator(b, cb, n);
      b.lastCreator = cb;
    }
    if (g.lockedToThread) b.lockedToThread += n;
    if (g.leaked) {
      b.leakedCount += n;
      b.leaked = true;
    }
    if (g.bubble !== undefined && b.bubble === undefined) b.bubble = g.bubble;
    if (g.elided !== 0) b.elided = true;
  }
  for (const b of order) {
    b.goroutines = new Array<Goroutine>(b.nGoroutines);
    b.ids = new Array<number>(b.nIds);
    b.nGoroutines = 0;
    b.nIds = 0;
  }
  for (let gi = 0; gi < gs.length; gi++) {
    const g = gs[gi];
    const b = order[which[gi]];
    b.goroutines[b.nGoroutines++] = g;
    if (g.id > 0) b.ids[b.nIds++] = g.id;
  }
  const out: Group[] = [];
  for (const b of order) {
    flushState(b);
    let best = '';
    let bestN = -1;
    for (const st in b.states) {
      if (b.states[st] > bestN) {
        best = st;
        bestN = b.states[st];
      }
    }
    const creators = [...b.creatorMap.values()].flat().sort((x, y) => y.count - x.count);
    const {
      creatorMap: _c,
      labelKey: _l,
      h2: _h,
      from: _f,
      to: _t,
      lastCreator: _lc,
      lastEntry: _le,
      runState: _rs,
      runCount: _rc,
      index: _i,
      nGoroutines: _ng,
      nIds: _ni,
      ...g
    } = b;
    out.push({ ...g, state: best, creators, createdBy: creators.length > 0 ? creators[0].frame : null });
  }
  // Stable sort keeps dump order among equal counts, so the output is deterministic.
  out.sort((a, b) => b.count - a.count);
  return out;
}

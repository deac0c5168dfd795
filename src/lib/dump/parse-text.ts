/**
 * The text dump parser: Go tracebacks (panic, fatal error, deadlock, GOTRACEBACK=all/system/crash,
 * runtime.Stack, pprof debug=2) and pprof debug=1, as one line-driven state machine.
 *
 * Why it looks like this:
 * - It reads UTF-8 bytes, not a decoded string: decoding a 20 MB dump costs more than parsing it,
 *   and only a few hundred distinct names need to become strings (interned, see intern.ts). Text
 *   pushed as strings is encoded first (TextEncoder's ASCII path is a memcpy).
 * - Lines are classified by content, not indentation, so spaces-for-tabs, a common indent and a
 *   learned log prefix (see prefix.ts) all parse the same way.
 * - Scanning uses byte loops, never backtracking regexes: an 80k-goroutine, 20 MB dump must parse
 *   in well under a second in a browser Worker. Lines are not copied out of their chunk, so every
 *   search is bounded by the line's end by hand (find* below): an unbounded search would run on
 *   into the following lines and make junk-heavy input quadratic.
 * - Input arrives in chunks (`push`/`pushBytes`) so a Worker can stream a 100 MB file.
 * - Nothing is allocated per frame line when frames are shared (`details: false`): the pending
 *   frame lives in scalars, equal frames are one object and equal stacks one array.
 * - It never throws: anything it does not recognise is skipped, and what looks cut off is reported
 *   as a warning.
 *
 * States (what each expects, where each line takes it; `processLine` dispatches on them):
 *
 *   OUTSIDE   no goroutine open (`cur === null`).
 *             expects: `goroutine N [..]:` → STACK; `goroutine profile: total N` or
 *             `goroutineleak profile: total N` → OUTSIDE with records allowed; `N @ 0x..` after
 *             such a header → RECORD; `panic: ..` / `fatal error: ..` → the dump's reason; a log
 *             line with one of those headers after some prefix → learns the prefix, then as above.
 *             Anything else is text around the dump and is skipped.
 *   STACK     a traceback goroutine, no function line pending (`target` FRAMES).
 *             expects: a call line `pkg.fn(args)` → FILE; `created by pkg.fn in goroutine N` →
 *             FILE (then `createdBy`); `[originating from goroutine N]:` → ANCESTOR;
 *             `...N frames elided...`; `non-Go function at pc=..`; a blank line → OUTSIDE;
 *             a header → STACK of the next goroutine. A garbled call line (parentheses that do not
 *             pair up, `main.main)(`) is a warning, never a frame; other prose is a log line
 *             interleaved with the dump (counted in a warning when frames follow it).
 *   FILE      a function line is pending (`pending`): expects its `path:line [+0x..]
 *             [fp=.. sp=.. pc=..]` → back to where the function line came from (STACK, the
 *             goroutine's `createdBy`, or ANCESTOR). Any other line: the function had no file line
 *             (cgo, `??`) and that line is read as in STACK.
 *   ANCESTOR  inside `[originating from goroutine N]:` (`target` ANCESTOR): frames go to that
 *             ancestor; its `created by` (ANCESTOR_CREATOR) is dropped, as the next block is the
 *             creator. A blank line → OUTSIDE.
 *   RECORD    a pprof debug=1 record (`cur.stateInferred`): expects `# 0x.. pkg.fn+0x.. file:line`
 *             frames, `# labels: {..}`, the next `N @ 0x..` → RECORD, a blank line → OUTSIDE.
 *             Anything else is skipped.
 */
import type { Dump, DumpFormat, Frame, Goroutine, ParseWarning } from './model.ts';
import { learnPrefix, matchPrefix, type LinePrefix } from './prefix.ts';
import { inferState } from './infer-state.ts';
import { copyRange, createInterner, decodeRange } from './intern.ts';
import { concatBytes } from './bytes.ts';

export interface ParseOptions {
  /**
   * Keep argument text and PC offsets on frames (default true). They are not part of a stack's
   * identity. With `false`, equal frames become one shared, read-only object and equal stacks one
   * shared, read-only array, which several times cuts parse time and memory on 80k-goroutine
   * dumps: use it when args and offsets are not shown.
   */
  details?: boolean;
}

export interface DumpParser {
  /** Feeds the next piece of the text; pieces may split lines anywhere. */
  push(chunk: string): void;
  /** Feeds the next piece of UTF-8 bytes; pieces may split lines (and characters) anywhere. */
  pushBytes(chunk: Uint8Array): void;
  /** Ends the input and returns everything understood. Further pushes are ignored. */
  finish(): Dump;
}

type Bytes = Uint8Array;

const SP = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const C0 = 48;
const C9 = 57;

// ASCII literals as bytes, without TextEncoder: the CLI never needs the encoding module on a UTF-8 dump.
const lit = (s: string): Bytes => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
let encoder: TextEncoder | null = null;
const encode = (s: string): Bytes => (encoder ??= new TextEncoder()).encode(s);

const GOROUTINE_ = lit('goroutine ');
const GP_ = lit(' gp=');
const M_ = lit(' m=');
const OPEN_BR = lit(' [');
const COMMA_SP = lit(', ');
const PROFILE_TOTAL = lit('goroutine profile: total ');
const LEAK_PROFILE_TOTAL = lit('goroutineleak profile: total ');
const RUNNING_OTHER = lit('goroutine running on other thread');
const LOCKED = lit('locked to thread');
const BUBBLE = lit('synctest bubble ');
const MINUTE = lit(' minute');
const AT = lit(' @');
const LABELS = lit('labels:');
const HEX = lit('0x');
const PLUS_HEX = lit('+0x');
const NON_GO = lit('non-Go function');
const NON_GO_AT = lit('non-Go function at pc=');
const CREATED_BY = lit('created by ');
const IN_GOROUTINE = lit(' in goroutine ');
const ORIGINATING = lit('[originating from goroutine ');
const DOTS = lit('...');
const FRAMES_ELIDED = lit(' frames elided...');
const ADDITIONAL_ELIDED = lit('...additional frames elided...');
const PANIC = lit('panic: ');
const FATAL = lit('fatal error: ');
const QQ = lit('??');
const PC = lit('pc');
const FP = lit('fp');
const SP_ = lit('sp');

// Wait-reason suffixes, peeled off the end of the state.
const SCAN = lit(' (scan)');
const LEAKED = lit(' (leaked)');
const STATE_SUFFIXES = [SCAN, lit(' (durable)'), lit(' (synctest)'), LEAKED];

// Where frame lines go while inside a goroutine (a const object: enums are not erasable syntax).
const Target = {
  FRAMES: 0,
  CREATED_BY: 1,
  ANCESTOR: 2,
  // An ancestor's `created by` line: its creator is the next ancestor block, so the frame is dropped.
  ANCESTOR_CREATOR: 3,
} as const;

function isDigit(c: number): boolean {
  return c >= C0 && c <= C9;
}

/** Whether the bytes of t start at b[i] (false past either end). */
function at(b: Bytes, i: number, t: Bytes): boolean {
  const n = t.length;
  if (i < 0 || i + n > b.length) return false;
  for (let k = 0; k < n; k++) if (b[i + k] !== t[k]) return false;
  return true;
}

// End index of the last readInt; a module variable instead of a returned tuple, because a tuple
// per frame line is measurable garbage on an 80k-goroutine dump.
let intEnd = 0;

/** Reads the unsigned integer at `i` (-1 when there is none) and leaves its end in `intEnd`. */
function readInt(b: Bytes, i: number): number {
  let v = 0;
  const start = i;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < C0 || c > C9) break;
    v = v * 10 + (c - C0);
    i++;
  }
  intEnd = i;
  return i === start ? -1 : v;
}

/** Hex digits and the `x` of `0x`. */
function isHexish(c: number): boolean {
  return (c >= C0 && c <= C9) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120;
}

/**
 * Whether b[i, end) with its argument list opening at `open` is a whole call: a non-empty name
 * whose own parentheses pair up (`pkg.(*T).m`), and a line that ends with the list's `)`.
 */
function wellFormedCall(b: Bytes, i: number, open: number, end: number): boolean {
  if (open === i || b[end - 1] !== 41 /* ) */) return false;
  let depth = 0;
  for (let k = i; k < open; k++) {
    const c = b[k];
    if (c === 40 /* ( */) depth++;
    else if (c === 41 /* ) */ && --depth < 0) return false;
  }
  return depth === 0;
}

/** First index of byte c in b[from, end), or -1. */
function findChar(b: Bytes, c: number, from: number, end: number): number {
  for (let k = from; k < end; k++) if (b[k] === c) return k;
  return -1;
}

/** Last index of byte c in b[from, end), or -1. */
function findCharBack(b: Bytes, c: number, from: number, end: number): number {
  for (let k = end - 1; k >= from; k--) if (b[k] === c) return k;
  return -1;
}

/** First index of t in b[from, end), or -1. */
function findStr(b: Bytes, t: Bytes, from: number, end: number): number {
  const c0 = t[0];
  const last = end - t.length;
  for (let k = from; k <= last; k++) if (b[k] === c0 && at(b, k, t)) return k;
  return -1;
}

function skipSpace(b: Bytes, i: number): number {
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c !== SP && c !== TAB) break;
    i++;
  }
  return i;
}

/** Index after the last non-whitespace character. */
function trimEnd(b: Bytes, end: number, start: number): number {
  while (end > start) {
    const c = b[end - 1];
    if (c !== SP && c !== TAB && c !== CR) break;
    end--;
  }
  return end;
}

/** The bytes with every UTF-8 no-break space (C2 A0) made a plain space; the same array when there is none. */
function plainSpaces(b: Bytes): Bytes {
  let k = b.indexOf(0xa0, 1);
  while (k > 0 && b[k - 1] !== 0xc2) k = b.indexOf(0xa0, k + 1);
  if (k < 0) return b;
  const out = new Uint8Array(b.length);
  let o = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0xc2 && b[i + 1] === 0xa0) {
      out[o++] = SP;
      i++;
    } else out[o++] = b[i];
  }
  return out.subarray(0, o);
}

const BLOCK = 4096;

interface StackEntry {
  uids: number[];
  frames: Frame[];
}

// Shared by every goroutine without ancestors (almost all): one empty array per goroutine is
// measurable garbage on an 80k-goroutine dump. Replaced, never pushed to, when a block appears.
const NO_ANCESTORS: { id: number; frames: Frame[] }[] = [];
// The same for frames while a goroutine is being read; a goroutine that ends without any gets its own.
const NO_FRAMES: Frame[] = [];

export function createTextDumpParser(opts: ParseOptions = {}): DumpParser {
  const details = opts.details !== false;
  // Goroutines in blocks of BLOCK, joined once at the end: one growing array of 80k would be
  // reallocated a dozen times, and on a VM first-touching that fresh memory costs more than the copy.
  const blocks: Goroutine[][] = [];
  let block: Goroutine[] = [];
  const warnings: ParseWarning[] = [];
  const interner = createInterner();
  let format: DumpFormat | null = null;
  let reason: string | undefined;
  let profileTotal = -1;
  // After a `goroutine profile: total N` line, `N @ 0x..` lines open records, whatever came before.
  let inProfile = false;
  // A `goroutineleak profile: total N` header: every record in it is a proven leak.
  let leakProfile = false;
  // A `(leaked)` mark or the frame that writes a goroutineleak debug=2 profile was seen.
  let sawLeakMark = false;

  let prefix: LinePrefix | null = null;
  // Bytes of an unfinished line, waiting for the chunk that holds its end.
  let carry: Bytes[] = [];
  let lineNo = 0;
  let frameCount = 0;
  let finished = false;
  let result: Dump | null = null;

  // Current goroutine (traceback) or record (debug=1).
  let cur: Goroutine | null = null;
  let target: number = Target.FRAMES;
  // A function line waiting for its file line, in scalars: no object until it is known to be new.
  let pending = false;
  let pFunc = '';
  let pFuncId = -1;
  let pFile = '';
  let pFileId = -1;
  let pLine = -1;
  let pInlined = false;
  let pArgs: string | undefined;
  let pOffset: string | undefined;
  let pendingHasArgs = false;
  // The pending function line was garbled (a warning was given): its file line is consumed, and
  // no frame is made.
  let pDrop = false;
  /** A new function line (a frame or a `created by`) named by b[from, to): its file line comes next. */
  const beginPending = (b: Bytes, from: number, to: number): void => {
    pFuncId = interner.rangeId(b, from, to);
    pFunc = interner.lastString;
    pFile = '';
    pFileId = -1;
    pLine = -1;
    pInlined = false;
    pArgs = undefined;
    pOffset = undefined;
    pDrop = false;
  };
  let unavailable = false;
  // Lines skipped inside a goroutine: log lines interleaved with the dump. Only lines followed by
  // more frames count; prose right after a stack (a test's FAIL line) just ends it.
  let skippedInside = 0;
  let skippedHere = 0;

  // Frames of the current goroutine, stack[0, nStack), copied into it when it ends (with details).
  const stack: Frame[] = [];
  let nStack = 0;
  // Without details: frames with the same function, file, line and inlining are one shared object,
  // numbered in `uidFrames`; a goroutine's stack is a list of those numbers, and equal lists share
  // one frames array. A 100k-goroutine dump then holds a few hundred Frames and a few dozen arrays.
  // Keyed by a 30-bit mix of function id, file id, line and inlining (a small integer: no heap
  // number per lookup); the uids under a key are checked against those four.
  const frameCache = new Map<number, number | number[]>();
  const uidFrames: Frame[] = [];
  const uidFunc: number[] = [];
  const uidFile: number[] = [];
  const uidLine: number[] = [];
  const lastUidOfFunc: number[] = [];
  // The current goroutine's frame numbers: uids[0, nUids). Never truncated (`length = 0` would drop
  // the backing store and make every goroutine grow a new one).
  const uids: number[] = [];
  let nUids = 0;
  const stackCache = new Map<number, StackEntry[]>();
  const lastStackOfUid: StackEntry[] = [];

  function internRange(b: Bytes, a: number, e: number): string {
    return interner.range(b, a, e);
  }

  function warn(message: string, line?: number): void {
    if (warnings.length < 100) warnings.push(line === undefined ? { message } : { line, message });
  }

  function makeFrame(): Frame {
    const f: Frame = { func: pFunc, file: pFile, line: pLine };
    if (pInlined) f.inlined = true;
    else if (pArgs !== undefined) f.args = pArgs;
    if (pOffset !== undefined) f.offset = pOffset;
    return f;
  }

  /** A new frame number for the pending frame. */
  function newUid(): number {
    uidFrames.push(makeFrame());
    uidFunc.push(pFuncId);
    uidFile.push(pFileId);
    uidLine.push(pLine * 2 + (pInlined ? 1 : 0));
    return uidFrames.length - 1;
  }

  /** The shared frame's number for the pending frame (details off). */
  function sharedUid(): number {
    if (pFuncId < 0) return newUid();
    const lk = pLine * 2 + (pInlined ? 1 : 0);
    // The frame last seen with this function, by array index: most repeats hit it.
    const last = lastUidOfFunc[pFuncId];
    if (last !== undefined && uidFile[last] === pFileId && uidLine[last] === lk) return last;
    const u = sharedUidSlow(lk);
    lastUidOfFunc[pFuncId] = u;
    return u;
  }

  function sharedUidSlow(lk: number): number {
    const k = (Math.imul(pFuncId, 0x9e3779b1) ^ Math.imul(pFileId + 2, 0x85ebca77) ^ Math.imul(lk, 0xc2b2ae35)) & 0x3fffffff;
    const hit = frameCache.get(k);
    if (hit !== undefined) {
      if (typeof hit === 'number') {
        if (uidFunc[hit] === pFuncId && uidFile[hit] === pFileId && uidLine[hit] === lk) return hit;
      } else {
        for (let j = 0; j < hit.length; j++) {
          const u = hit[j];
          if (uidFunc[u] === pFuncId && uidFile[u] === pFileId && uidLine[u] === lk) return u;
        }
      }
    }
    const u = newUid();
    if (hit === undefined) frameCache.set(k, u);
    else if (typeof hit === 'number') frameCache.set(k, [hit, u]);
    else hit.push(u);
    return u;
  }

  function commitPending(): void {
    if (!pending) return;
    pending = false;
    if (cur === null || pDrop) return;
    // A word without an argument list and without a file line was a log line, not a frame.
    if (pLine < 0 && !pendingHasArgs) return;
    if (pLine < 0) {
      pLine = 0;
      pFileId = -1;
    }
    if (pFunc === 'runtime/pprof.writeGoroutineLeak') sawLeakMark = true;
    if (skippedHere > 0) {
      skippedInside += skippedHere;
      skippedHere = 0;
    }
    if (target === Target.FRAMES) {
      if (details) stack[nStack++] = makeFrame();
      else uids[nUids++] = sharedUid();
      frameCount++;
      return;
    }
    const f = details ? makeFrame() : uidFrames[sharedUid()];
    if (target === Target.CREATED_BY) {
      cur.createdBy = f;
      target = Target.FRAMES;
    } else if (target === Target.ANCESTOR) {
      const a = cur.ancestors[cur.ancestors.length - 1];
      if (a) a.frames.push(f);
    } else target = Target.ANCESTOR;
  }

  /** Whether the stack entry e holds exactly uids[0, nUids). */
  function sameUids(e: StackEntry): boolean {
    const u = e.uids;
    if (u.length !== nUids) return false;
    for (let k = 0; k < nUids; k++) if (u[k] !== uids[k]) return false;
    return true;
  }

  /** One frames array per distinct stack (details off); equal stacks share it. */
  function sharedStack(): Frame[] {
    // The stack last seen with this innermost frame, by array index: most repeats hit it.
    const last = lastStackOfUid[uids[0]];
    if (last !== undefined && sameUids(last)) return last.frames;
    const e = sharedStackSlow();
    lastStackOfUid[uids[0]] = e;
    return e.frames;
  }

  function sharedStackSlow(): StackEntry {
    const n = nUids;
    let h = 0x811c9dc5 ^ n;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ uids[k], 16777619);
    h &= 0x3fffffff;
    const list = stackCache.get(h);
    if (list !== undefined) {
      for (let j = 0; j < list.length; j++) if (sameUids(list[j])) return list[j];
    }
    const frames = new Array<Frame>(n);
    for (let k = 0; k < n; k++) frames[k] = uidFrames[uids[k]];
    const e = { uids: uids.slice(0, n), frames };
    if (list === undefined) stackCache.set(h, [e]);
    else list.push(e);
    return e;
  }

  function endGoroutine(): void {
    commitPending();
    if (cur !== null) {
      if (details) {
        // An exact-size copy: a pushed-to array keeps spare capacity, ~150 bytes per goroutine.
        if (nStack > 0) {
          cur.frames = stack.slice(0, nStack);
          nStack = 0;
        }
      } else if (nUids > 0) {
        cur.frames = sharedStack();
        nUids = 0;
      }
      if (cur.frames === NO_FRAMES) cur.frames = [];
      if (cur.stateInferred) cur.state = inferState(cur.frames);
      if (block.length === BLOCK) {
        blocks.push(block);
        block = [];
      }
      block.push(cur);
      cur = null;
    }
    target = Target.FRAMES;
    unavailable = false;
    skippedHere = 0;
  }

  function pushFrame(f: Frame): void {
    if (details) stack[nStack++] = f;
    else {
      uidFrames.push(f);
      uidFunc.push(-1);
      uidFile.push(-1);
      uidLine.push(-1);
      uids[nUids++] = uidFrames.length - 1;
    }
    frameCount++;
  }

  function newGoroutine(id: number, count: number): Goroutine {
    return {
      id,
      state: '',
      waitMinutes: null,
      lockedToThread: false,
      frames: NO_FRAMES,
      elided: 0,
      createdBy: null,
      parentId: null,
      ancestors: NO_ANCESTORS,
      count,
    };
  }

  /** `goroutine N [..]:` or `goroutine N gp=.. m=.. mp=.. [..]:` starting at `i`; false when it is not one. */
  function tryHeader(b: Bytes, i: number, end: number): boolean {
    // at(b, i, GOROUTINE_) was checked by the caller.
    const id = readInt(b, i + 10);
    const j = intEnd;
    if (id < 0) return false;
    let open: number;
    if (b[j] === SP && b[j + 1] === 91 /* [ */) {
      open = j + 1;
    } else if (at(b, j, GP_) || at(b, j, M_)) {
      open = findStr(b, OPEN_BR, j, end);
      if (open < 0) return false;
      open++;
    } else {
      return false;
    }
    endGoroutine();
    if (format === null) format = 'traceback';
    const g = newGoroutine(id, 1);
    // Forward: no wait reason holds `]`, but Go 1.27 label values after it may.
    let close = findChar(b, 93 /* ] */, open, end);
    if (close < open) {
      close = end;
      g.truncated = true;
    } else if (b[close + 1] === SP && b[close + 2] === 123 /* { */) {
      let le = end;
      if (b[le - 1] === 58 /* : */) le--;
      const labels = parseHeaderLabels(decodeRange(b, close + 3, le));
      if (labels !== null) g.labels = labels;
    }
    // `[state(, part)*]`, scanned in place: no wait reason contains ", ".
    const st = open + 1;
    let comma = findStr(b, COMMA_SP, st, close);
    if (comma < 0) comma = close;
    let se = comma;
    // Suffixes start with ` (`: look for them only when the state ends in `)`.
    for (let again = b[se - 1] === 41; again;) {
      again = false;
      for (let j = 0; j < STATE_SUFFIXES.length; j++) {
        const suf = STATE_SUFFIXES[j];
        if (se - st > suf.length && at(b, se - suf.length, suf)) {
          se -= suf.length;
          if (suf === LEAKED) {
            g.leaked = true;
            sawLeakMark = true;
          } else if (suf !== SCAN) g.durable = true;
          again = true;
        }
      }
    }
    g.state = internRange(b, st, se);
    while (comma < close) {
      const ps = comma + 2;
      comma = findStr(b, COMMA_SP, ps, close);
      if (comma < 0) comma = close;
      if (at(b, ps, LOCKED)) g.lockedToThread = true;
      else if (at(b, ps, BUBBLE)) g.bubble = readInt(b, ps + 16);
      else if (isDigit(b[ps]) && at(b, findChar(b, SP, ps, comma), MINUTE)) g.waitMinutes = readInt(b, ps);
    }
    cur = g;
    return true;
  }

  /** `N @ 0x.. 0x..` opens a debug=1 record. */
  function tryRecord(b: Bytes, i: number): boolean {
    const n = readInt(b, i);
    if (n < 0 || !at(b, intEnd, AT)) return false;
    endGoroutine();
    const g = newGoroutine(0, n);
    g.state = 'unknown';
    g.stateInferred = true;
    if (leakProfile) g.leaked = true;
    cur = g;
    return true;
  }

  /** `#\t0xpc\tpkg.fn+0xoff\tfile:line` (debug=1), or `# labels: {...}`. */
  function debug1Hash(b: Bytes, i: number, end: number): void {
    if (cur === null) return;
    let k = skipSpace(b, i + 1);
    if (at(b, k, LABELS)) {
      cur.labels = parseLabels(decodeRange(b, skipSpace(b, k + 7), end));
      return;
    }
    if (!at(b, k, HEX)) return;
    while (k < end && b[k] !== SP && b[k] !== TAB) k++;
    k = skipSpace(b, k);
    let fe = k;
    while (fe < end && b[fe] !== SP && b[fe] !== TAB) fe++;
    let ne = fe;
    pOffset = undefined;
    const plus = findCharBack(b, 43 /* + */, k, fe);
    if (plus > k && at(b, plus, PLUS_HEX)) {
      if (details) pOffset = decodeRange(b, plus + 1, fe);
      ne = plus;
    }
    const fs = skipSpace(b, fe);
    const colon = findCharBack(b, 58 /* : */, fs, end);
    pFile = '';
    pFileId = -1;
    pLine = 0;
    if (colon > fs) {
      const ln = readInt(b, colon + 1);
      if (ln >= 0 && intEnd === end) {
        pFileId = interner.rangeId(b, fs, colon);
        pLine = ln;
      } else pFileId = interner.rangeId(b, fs, end);
      pFile = interner.lastString;
    } else if (fs < end) {
      pFileId = interner.rangeId(b, fs, end);
      pFile = interner.lastString;
    }
    pFuncId = interner.rangeId(b, k, ne);
    pFunc = interner.lastString;
    pInlined = false;
    pArgs = undefined;
    if (details) stack[nStack++] = makeFrame();
    else uids[nUids++] = sharedUid();
    frameCount++;
  }

  /**
   * A file line: `path:line`, optionally ` +0xoff`, ` fp=.. sp=.. pc=..`; cgo symbolizer lines
   * `path:line pc=..` or only `pc=..`. Completes the pending frame; false when the line is not one.
   */
  function tryFileLine(b: Bytes, i: number, end: number): boolean {
    let e = end;
    let offset: string | undefined;
    let sawPc = false;
    // Peel ` +0x..`, ` fp=0x..`, ` sp=0x..`, ` pc=0x..` off the end, looking only at those tokens:
    // the path itself is never scanned here (it may even contain spaces, on Windows).
    for (;;) {
      let k = e;
      while (k > i && isHexish(b[k - 1])) k--;
      if (k === e || b[k] !== C0 || b[k + 1] !== 120 /* x */) break;
      let ts: number;
      if (k - 1 >= i && b[k - 1] === 43 /* + */) {
        ts = k - 1;
        if (details) offset = decodeRange(b, k, e);
      } else if (k - 3 >= i && b[k - 1] === 61 /* = */ && (at(b, k - 3, PC) || at(b, k - 3, FP) || at(b, k - 3, SP_))) {
        ts = k - 3;
        sawPc = true;
      } else break;
      if (ts === i) {
        e = i;
        break;
      }
      const c = b[ts - 1];
      if (c !== SP && c !== TAB) break;
      e = trimEnd(b, ts, i);
    }
    if (e === i) {
      if (!sawPc) return false;
      pFile = '';
      pLine = 0;
      pFileId = -1;
      commitPending();
      return true;
    }
    const colon = findCharBack(b, 58 /* : */, i, e);
    if (colon <= i) return false;
    const ln = readInt(b, colon + 1);
    if (ln < 0 || intEnd !== e) return false;
    const unknown = (colon - i === 2 && at(b, i, QQ)) || (colon - i === 1 && b[i] === 63);
    if (unknown) {
      pFile = '';
      pFileId = -1;
    } else {
      pFileId = interner.rangeId(b, i, colon);
      pFile = interner.lastString;
    }
    pLine = ln;
    if (offset !== undefined) pOffset = offset;
    commitPending();
    return true;
  }

  /**
   * `pkg.fn(args)`, `pkg.fn(...)` (inlined), `non-Go function`, `??`, a cgo symbol; false for prose.
   * A call line whose parentheses do not pair up (`main.main)(`, `foo.bar(` mid-dump) is garbled:
   * it is reported as a warning and never becomes a frame (its file line is consumed with it).
   * `cut` is set for the input's last, unterminated line, whose argument list may just be cut off.
   */
  function tryFuncLine(b: Bytes, i: number, end: number, cut: boolean): boolean {
    let open = -1;
    let braces = 0;
    for (let k = i; k < end; k++) {
      const c = b[k];
      if (c === 40 /* ( */ && k > i && b[k - 1] !== 46 /* . */) {
        open = k;
        break;
      }
      // Type names inside function names may hold spaces (`type:.eq.struct { a int }`): allow
      // them inside braces and right before one.
      if (c === 123 /* { */) braces++;
      else if (c === 125 /* } */) braces--;
      // Otherwise function names never contain spaces; prose does.
      else if ((c === SP || c === TAB) && braces <= 0 && b[k + 1] !== 123) {
        if (end === i + 15 && at(b, i, NON_GO)) break;
        return false;
      }
    }
    commitPending();
    const nameEnd = open < 0 ? end : open;
    beginPending(b, i, nameEnd);
    if (open >= 0 && !(cut || wellFormedCall(b, i, open, end))) {
      warn(`not a function call line: ${decodeRange(b, i, end)}`, lineNo);
      pending = true;
      pendingHasArgs = false;
      pDrop = true;
      return true;
    }
    if (open >= 0) {
      let close = end;
      if (b[end - 1] === 41 /* ) */) close = end - 1;
      if (close - open === 4 && b[open + 1] === 46 && b[open + 2] === 46 && b[open + 3] === 46) pInlined = true;
      else if (details && close > open + 1) pArgs = decodeRange(b, open + 1, close);
    }
    pending = true;
    pendingHasArgs = open >= 0 || pFunc === 'non-Go function' || pFunc === '??';
    return true;
  }

  /** Handles b[start, end) as one line; lines are never copied out of their chunk. */
  function processLine(b: Bytes, start: number, lineEnd: number, unterminated: boolean): void {
    lineNo++;
    let end = lineEnd;
    if (end > start && b[end - 1] === CR) end--;
    let i = start;
    if (prefix !== null) {
      const m = matchPrefix(prefix, b, start);
      if (m >= 0) i = m;
    }
    i = skipSpace(b, i);
    end = trimEnd(b, end, i);
    if (i >= end) {
      // A blank line ends a goroutine; inside debug=1 it ends the record.
      if (cur !== null && !unterminated) endGoroutine();
      return;
    }
    const c = b[i];

    if (c === 103 /* g */) {
      if (at(b, i, GOROUTINE_)) {
        if (tryHeader(b, i, end)) {
          if (unterminated && cur !== null) cur.truncated = true;
          return;
        }
        if (at(b, i, PROFILE_TOTAL)) {
          endGoroutine();
          if (format === null) format = 'pprof-debug1';
          inProfile = true;
          profileTotal = readInt(b, i + 25);
          return;
        }
        if (at(b, i, RUNNING_OTHER)) {
          unavailable = true;
          return;
        }
      } else if (at(b, i, LEAK_PROFILE_TOTAL)) {
        endGoroutine();
        if (format === null) format = 'pprof-debug1';
        inProfile = true;
        leakProfile = true;
        profileTotal = readInt(b, i + 29);
        return;
      }
    }

    if (cur !== null) {
      // A debug=1 record (only records carry an inferred state while being parsed).
      if (cur.stateInferred) {
        if (c === 35 /* # */) {
          debug1Hash(b, i, end);
          return;
        }
        if (isDigit(c) && tryRecord(b, i)) return;
        return;
      }
      if (pending && tryFileLine(b, i, end)) return;
      if (c === 99 /* c */ && at(b, i, CREATED_BY)) {
        commitPending();
        const inAncestor = target === Target.ANCESTOR || target === Target.ANCESTOR_CREATOR;
        // ` in goroutine N` ends the line: look for it from the end instead of scanning the name.
        let d = end;
        while (d > i && isDigit(b[d - 1])) d--;
        let nameEnd = d - 14;
        if (d < end && nameEnd > i + 11 && at(b, nameEnd, IN_GOROUTINE)) {
          if (!inAncestor) cur.parentId = readInt(b, d);
        } else nameEnd = end;
        beginPending(b, i + 11, nameEnd);
        pending = true;
        pendingHasArgs = true;
        target = inAncestor ? Target.ANCESTOR_CREATOR : Target.CREATED_BY;
        return;
      }
      if (c === 91 /* [ */ && at(b, i, ORIGINATING)) {
        commitPending();
        const aid = readInt(b, i + 28);
        if (cur.ancestors === NO_ANCESTORS) cur.ancestors = [];
        cur.ancestors.push({ id: aid, frames: [] });
        target = Target.ANCESTOR;
        return;
      }
      if (c === 46 /* . */ && at(b, i, DOTS)) {
        commitPending();
        if (target === Target.FRAMES) {
          const n = readInt(b, i + 3);
          if (n >= 0 && at(b, intEnd, FRAMES_ELIDED)) {
            if (cur.elided >= 0) cur.elided += n;
          } else if (at(b, i, ADDITIONAL_ELIDED)) cur.elided = -1;
        }
        return;
      }
      if (c === 110 /* n */ && at(b, i, NON_GO_AT)) {
        commitPending();
        if (target === Target.FRAMES) pushFrame({ func: 'non-Go function', file: '', line: 0 });
        return;
      }
      if (tryFuncLine(b, i, end, unterminated)) return;
      // Prose inside a goroutine: a log line written while the dump was printed.
      skippedHere++;
      return;
    }

    // Outside any goroutine: a dump may start here, maybe behind a log prefix.
    if (c === 112 /* p */ && at(b, i, PANIC) && reason === undefined) reason = decodeRange(b, i, end);
    else if (c === 102 /* f */ && at(b, i, FATAL) && reason === undefined) reason = decodeRange(b, i, end);
    else if (inProfile && isDigit(c) && tryRecord(b, i)) return;
    else {
      const g = findStr(b, GOROUTINE_, i, end);
      if (g > i) {
        const ok = at(b, g, PROFILE_TOTAL) || tryHeaderProbe(b, g, end);
        if (ok) {
          prefix = learnPrefix(decodeRange(b, start, g));
          lineNo--;
          processLine(b, start, lineEnd, unterminated);
          return;
        }
      }
      const lh = prefix === null ? findStr(b, LEAK_PROFILE_TOTAL, i, end) : -1;
      if (lh > i) {
        prefix = learnPrefix(decodeRange(b, start, lh));
        lineNo--;
        processLine(b, start, lineEnd, unterminated);
        return;
      }
      const p = findStr(b, PANIC, i, end);
      if (p > i && reason === undefined && format === null) {
        // `panic:` behind a log prefix comes before the first header; remember it, the prefix is learned there.
        reason = decodeRange(b, p, end);
      }
    }
  }

  /** Whether a header starts at `g`, without side effects. */
  function tryHeaderProbe(b: Bytes, g: number, end: number): boolean {
    const id = readInt(b, g + 10);
    const j = intEnd;
    if (id < 0) return false;
    if (b[j] === SP && b[j + 1] === 91) {
      return findChar(b, 93 /* ] */, j, end) > 0 || j + 2 >= end;
    }
    if (!at(b, j, GP_)) return false;
    return findStr(b, OPEN_BR, j, end) > 0;
  }

  let first = true;
  let lastUnterminated = false;
  // A UTF-16 high surrogate that ended a pushed string: its pair starts the next one.
  let highSurrogate = '';

  /**
   * Processes every complete line of b from `pos` (its first newline at `nl`); returns where the
   * unfinished rest starts. Its own function: the code around it runs once per chunk, and
   * optimized code that has never seen that code deoptimizes there at every chunk.
   */
  function scanLines(b: Bytes, pos: number, nl: number): number {
    // The newline is found by a plain loop: indexOf is a builtin call per line, and lines are short.
    const n = b.length;
    while (nl >= 0) {
      processLine(b, pos, nl, false);
      pos = nl + 1;
      nl = pos;
      while (nl < n && b[nl] !== LF) nl++;
      if (nl === n) nl = -1;
    }
    return pos;
  }

  function pushBytes(chunk: Bytes): void {
    if (finished || chunk.length === 0) return;
    // A plain Uint8Array view of a Node Buffer: one array type keeps the scanning code monomorphic.
    if (chunk.constructor !== Uint8Array) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    // Dumps copied from web pages and chat tools come with no-break spaces instead of spaces.
    chunk = plainSpaces(chunk);
    let pos = 0;
    let nl = chunk.indexOf(LF);
    if (carry.length > 0) {
      if (nl < 0) {
        carry.push(copyRange(chunk, 0, chunk.length));
        return;
      }
      carry.push(chunk.subarray(0, nl));
      // A no-break space may have been split between two chunks.
      const line = plainSpaces(concatBytes(carry));
      carry = [];
      processLine(line, 0, line.length, false);
      pos = nl + 1;
      nl = chunk.indexOf(LF, pos);
    }
    if (nl >= 0) pos = scanLines(chunk, pos, nl);
    // A copy: the caller may reuse its buffer.
    if (pos < chunk.length) carry.push(copyRange(chunk, pos, chunk.length));
  }

  function push(text: string): void {
    if (finished || text.length === 0) return;
    if (highSurrogate !== '') {
      text = highSurrogate + text;
      highSurrogate = '';
    }
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      highSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    pushBytes(encode(text));
  }

  function finish(): Dump {
    if (result !== null) return result;
    if (highSurrogate !== '') {
      const h = highSurrogate;
      highSurrogate = '';
      pushBytes(encode(h));
    }
    finished = true;
    if (carry.length > 0) {
      const line = plainSpaces(concatBytes(carry));
      carry = [];
      lastUnterminated = true;
      processLine(line, 0, line.length, true);
    }
    const last = cur;
    // A bare word with no file line after it is prose (a test's closing `FAIL`), not a frame cut
    // off, unless the input stopped in the middle of that very line.
    const lastPendingNoFile = pending && pLine < 0 && (pendingHasArgs || lastUnterminated);
    const noFrames = details ? nStack === 0 : nUids === 0;
    if (last !== null && (lastPendingNoFile || (noFrames && !unavailable && format === 'traceback'))) {
      last.truncated = true;
    }
    endGoroutine();
    blocks.push(block);
    const goroutines = blocks.length === 1 ? block : ([] as Goroutine[]).concat(...blocks);
    if (last !== null && last.truncated) {
      const prev = goroutines.length >= 2 ? goroutines[goroutines.length - 2] : null;
      warn(
        prev !== null && prev.id > 0 ? `dump truncated after goroutine ${prev.id}` : `dump truncated inside goroutine ${last.id}`,
        lineNo,
      );
    }
    let total = 0;
    let leaked = 0;
    for (let k = 0; k < goroutines.length; k++) {
      const g = goroutines[k];
      total += g.count;
      if (g.leaked) leaked += g.count;
    }
    if (format === 'pprof-debug1' && profileTotal >= 0 && profileTotal !== total) {
      warn(`dump truncated: the profile header says ${profileTotal} goroutines, ${total} were found`);
    }
    if (skippedInside > 0) warn(`skipped ${skippedInside} line(s) inside goroutine stacks that were not frames`);
    result = {
      format: format ?? 'traceback',
      total,
      goroutines,
      warnings,
      leaked: leakProfile || sawLeakMark ? leaked : null,
      stats: { lines: lineNo, frames: frameCount },
    };
    if (reason !== undefined) result.reason = reason;
    return result;
  }

  return { push, pushBytes, finish };
}

/**
 * Go 1.27 traceback labels, `{key: value, "k 2": "v, 2"}` after the `{`: keys and values are
 * printed bare unless they need quoting, then as Go quoted strings. Null if malformed.
 */
function parseHeaderLabels(s: string): Record<string, string> | null {
  let end = s.length;
  if (end === 0 || s.charCodeAt(end - 1) !== 125 /* } */) return null;
  end--;
  const out: Record<string, string> = {};
  let k = 0;
  const token = (stop: string): string | null => {
    if (s.charCodeAt(k) === 34 /* " */) {
      let j = k + 1;
      while (j < end && s.charCodeAt(j) !== 34) j += s.charCodeAt(j) === 92 /* \ */ ? 2 : 1;
      if (j >= end) return null;
      const raw = s.slice(k, j + 1);
      k = j + 1;
      try {
        return JSON.parse(raw) as string;
      } catch {
        return raw.slice(1, -1);
      }
    }
    let j = s.indexOf(stop, k);
    if (j < 0 || j + stop.length > end) j = end;
    const v = s.slice(k, j);
    k = j;
    return v;
  };
  while (k < end) {
    const key = token(': ');
    if (key === null || !s.startsWith(': ', k)) return null;
    k += 2;
    const val = token(', ');
    if (val === null) return null;
    out[key] = val;
    if (k < end) {
      if (!s.startsWith(', ', k)) return null;
      k += 2;
    }
  }
  return out;
}

/** Go prints pprof labels like a JSON object (`{"k":"v", "k2":"v2"}`); fall back to a lenient split. */
function parseLabels(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const out: Record<string, string> = {};
      for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = String(val);
      return out;
    }
  } catch {
    // fall through
  }
  const out: Record<string, string> = {};
  const body = text.replace(/^\{|\}$/g, '');
  for (const part of body.split(', ')) {
    const k = part.indexOf(':');
    if (k > 0) out[part.slice(0, k).replace(/^"|"$/g, '')] = part.slice(k + 1).replace(/^"|"$/g, '');
  }
  return out;
}

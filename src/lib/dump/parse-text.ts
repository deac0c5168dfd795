/**
 * The text dump parser: Go tracebacks (panic, fatal error, deadlock, GOTRACEBACK=all/system/crash,
 * runtime.Stack, pprof debug=2) and pprof debug=1, as one line-driven state machine.
 *
 * Why it looks like this:
 * - Lines are classified by content, not indentation, so spaces-for-tabs, a common indent and a
 *   learned log prefix (see prefix.ts) all parse the same way.
 * - Scanning uses charCodeAt loops, never backtracking regexes: an 80k-goroutine, 19 MB dump
 *   must parse in well under a second in a browser Worker. Lines are not sliced out of their
 *   chunk, so every search is bounded by the line's end by hand (find* below): an unbounded
 *   indexOf would run on into the following lines and make junk-heavy input quadratic.
 * - Input arrives in chunks (`push`) so a Worker can stream a 100 MB file without one huge string;
 *   function and file names are interned so a big dump does not hold a copy per frame.
 * - It never throws: anything it does not recognise is skipped, and what looks cut off is reported
 *   as a warning.
 */
import type { Dump, DumpFormat, Frame, Goroutine, ParseWarning } from './model.ts';
import { learnPrefix, matchPrefix, type LinePrefix } from './prefix.ts';
import { inferState } from './infer-state.ts';
import { createInterner, H1_SEED, H2_SEED } from './intern.ts';

export interface ParseOptions {
  /**
   * Keep argument text and PC offsets on frames (default true). They are not part of a stack's
   * identity. With `false`, equal frames become one shared, read-only object, which roughly halves
   * parse time and memory on 80k-goroutine dumps: use it when args and offsets are not shown.
   */
  details?: boolean;
}

export interface DumpParser {
  /** Feeds the next piece of the text; pieces may split lines anywhere. */
  push(chunk: string): void;
  /** Ends the input and returns everything understood. Further pushes are ignored. */
  finish(): Dump;
}

const SP = 32;
const TAB = 9;
const CR = 13;
const C0 = 48;
const C9 = 57;

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

// End index of the last readInt; a module variable instead of a returned tuple, because a tuple
// per frame line is measurable garbage on an 80k-goroutine dump.
let intEnd = 0;

/** Reads the unsigned integer at `i` (-1 when there is none) and leaves its end in `intEnd`. */
function readInt(s: string, i: number): number {
  let v = 0;
  const start = i;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) break;
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

/** First index of char code c in s[from, end), or -1. */
function findChar(s: string, c: number, from: number, end: number): number {
  for (let k = from; k < end; k++) if (s.charCodeAt(k) === c) return k;
  return -1;
}

/** Last index of char code c in s[from, end), or -1. */
function findCharBack(s: string, c: number, from: number, end: number): number {
  for (let k = end - 1; k >= from; k--) if (s.charCodeAt(k) === c) return k;
  return -1;
}

/** First index of t in s[from, end), or -1. */
function findStr(s: string, t: string, from: number, end: number): number {
  const c0 = t.charCodeAt(0);
  const last = end - t.length;
  for (let k = from; k <= last; k++) if (s.charCodeAt(k) === c0 && s.startsWith(t, k)) return k;
  return -1;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== SP && c !== TAB) break;
    i++;
  }
  return i;
}

/** Index after the last non-whitespace character. */
function trimEnd(s: string, end: number, start: number): number {
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (c !== SP && c !== TAB && c !== CR) break;
    end--;
  }
  return end;
}

// Shared by every goroutine without ancestors (almost all): one empty array per goroutine is
// measurable garbage on an 80k-goroutine dump. Replaced, never pushed to, when a block appears.
const NO_ANCESTORS: { id: number; frames: Frame[] }[] = [];

const STATE_SUFFIXES = [' (scan)', ' (durable)', ' (synctest)', ' (leaked)'];

export function createTextDumpParser(opts: ParseOptions = {}): DumpParser {
  const details = opts.details !== false;
  const goroutines: Goroutine[] = [];
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
  let carry = '';
  let lineNo = 0;
  let frameCount = 0;
  let finished = false;
  let result: Dump | null = null;

  // Current goroutine (traceback) or record (debug=1).
  let cur: Goroutine | null = null;
  let target: number = Target.FRAMES;
  // A function line waiting for its file line.
  let pending: Frame | null = null;
  // Frames of the current goroutine, copied into it when it ends.
  const stack: Frame[] = [];
  let pendingHasArgs = false;
  let unavailable = false;
  // Lines skipped inside a goroutine: log lines interleaved with the dump. Only lines followed by
  // more frames count; prose right after a stack (a test's FAIL line) just ends it.
  let skippedInside = 0;
  let skippedHere = 0;

  const internRange = (s: string, a: number, b: number): string => interner.range(s, a, b);
  // Without details, frames with the same function, file, line and inlining are one shared object:
  // a 100k-goroutine dump then holds a few hundred Frames instead of a few hundred thousand.
  const frameCache = new Map<number, Map<number, Frame>>();
  let pendingFuncId = -1;
  let pendingFileId = -1;

  function shared(f: Frame): Frame {
    if (details || pendingFuncId < 0 || f.line >= 1 << 21) return f;
    let byFile = frameCache.get(pendingFuncId);
    if (byFile === undefined) {
      byFile = new Map();
      frameCache.set(pendingFuncId, byFile);
    }
    const k = (pendingFileId + 1) * 4194304 + f.line * 2 + (f.inlined ? 1 : 0);
    const hit = byFile.get(k);
    if (hit !== undefined) return hit;
    byFile.set(k, f);
    return f;
  }

  function warn(message: string, line?: number): void {
    if (warnings.length < 100) warnings.push(line === undefined ? { message } : { line, message });
  }

  function commitPending(): void {
    if (pending === null || cur === null) {
      pending = null;
      return;
    }
    let f = pending;
    pending = null;
    // A word without an argument list and without a file line was a log line, not a frame.
    if (f.line < 0 && !pendingHasArgs) return;
    if (f.line < 0) {
      f.line = 0;
      pendingFileId = -1;
    }
    if (f.func === 'runtime/pprof.writeGoroutineLeak') sawLeakMark = true;
    f = shared(f);
    if (skippedHere > 0) {
      skippedInside += skippedHere;
      skippedHere = 0;
    }
    if (target === Target.FRAMES) {
      stack.push(f);
      frameCount++;
    } else if (target === Target.CREATED_BY) {
      cur.createdBy = f;
      target = Target.FRAMES;
    } else if (target === Target.ANCESTOR) {
      const a = cur.ancestors[cur.ancestors.length - 1];
      if (a) a.frames.push(f);
    } else target = Target.ANCESTOR;
  }

  function endGoroutine(): void {
    commitPending();
    if (cur !== null) {
      // An exact-size copy: a pushed-to array keeps spare capacity, ~150 bytes per goroutine.
      if (stack.length > 0) {
        cur.frames = stack.slice();
        stack.length = 0;
      }
      if (cur.stateInferred) cur.state = inferState(cur.frames);
      goroutines.push(cur);
      cur = null;
    }
    target = Target.FRAMES;
    unavailable = false;
    skippedHere = 0;
  }

  function newGoroutine(id: number, count: number): Goroutine {
    return {
      id,
      state: '',
      waitMinutes: null,
      lockedToThread: false,
      frames: [],
      elided: 0,
      createdBy: null,
      parentId: null,
      ancestors: NO_ANCESTORS,
      count,
    };
  }

  /** `goroutine N [..]:` or `goroutine N gp=.. m=.. mp=.. [..]:` starting at `i`; false when it is not one. */
  function tryHeader(s: string, i: number, end: number): boolean {
    // s.startsWith('goroutine ', i) was checked by the caller.
    const id = readInt(s, i + 10);
    const j = intEnd;
    if (id < 0) return false;
    let open: number;
    if (s.charCodeAt(j) === SP && s.charCodeAt(j + 1) === 91 /* [ */) {
      open = j + 1;
    } else if (s.startsWith(' gp=', j) || s.startsWith(' m=', j)) {
      open = findStr(s, ' [', j, end);
      if (open < 0) return false;
      open++;
    } else {
      return false;
    }
    endGoroutine();
    if (format === null) format = 'traceback';
    const g = newGoroutine(id, 1);
    // Forward: no wait reason holds `]`, but Go 1.27 label values after it may.
    let close = findChar(s, 93 /* ] */, open, end);
    if (close < open) {
      close = end;
      g.truncated = true;
    } else if (s.charCodeAt(close + 1) === SP && s.charCodeAt(close + 2) === 123 /* { */) {
      let le = end;
      if (s.charCodeAt(le - 1) === 58 /* : */) le--;
      const labels = parseHeaderLabels(s, close + 3, le);
      if (labels !== null) g.labels = labels;
    }
    // `[state(, part)*]`, scanned in place: no wait reason contains ", ".
    const st = open + 1;
    let comma = findStr(s, ', ', st, close);
    if (comma < 0) comma = close;
    let se = comma;
    for (let again = true; again;) {
      again = false;
      for (const suf of STATE_SUFFIXES) {
        if (se - st > suf.length && s.startsWith(suf, se - suf.length)) {
          se -= suf.length;
          if (suf === ' (leaked)') {
            g.leaked = true;
            sawLeakMark = true;
          } else if (suf !== ' (scan)') g.durable = true;
          again = true;
        }
      }
    }
    g.state = internRange(s, st, se);
    while (comma < close) {
      const ps = comma + 2;
      comma = findStr(s, ', ', ps, close);
      if (comma < 0) comma = close;
      if (s.startsWith('locked to thread', ps)) g.lockedToThread = true;
      else if (s.startsWith('synctest bubble ', ps)) g.bubble = readInt(s, ps + 16);
      else if (isDigit(s.charCodeAt(ps)) && s.startsWith(' minute', findChar(s, SP, ps, comma))) g.waitMinutes = readInt(s, ps);
    }
    cur = g;
    return true;
  }

  /** `N @ 0x.. 0x..` opens a debug=1 record. */
  function tryRecord(s: string, i: number): boolean {
    const n = readInt(s, i);
    if (n < 0 || !s.startsWith(' @', intEnd)) return false;
    endGoroutine();
    const g = newGoroutine(0, n);
    g.state = 'unknown';
    g.stateInferred = true;
    if (leakProfile) g.leaked = true;
    cur = g;
    return true;
  }

  /** `#\t0xpc\tpkg.fn+0xoff\tfile:line` (debug=1), or `# labels: {...}`. */
  function debug1Hash(s: string, i: number, end: number): void {
    if (cur === null) return;
    let k = skipSpace(s, i + 1);
    if (s.startsWith('labels:', k)) {
      const text = s.slice(skipSpace(s, k + 7), end);
      cur.labels = parseLabels(text);
      return;
    }
    if (!s.startsWith('0x', k)) return;
    while (k < end && s.charCodeAt(k) !== SP && s.charCodeAt(k) !== TAB) k++;
    k = skipSpace(s, k);
    let fe = k;
    while (fe < end && s.charCodeAt(fe) !== SP && s.charCodeAt(fe) !== TAB) fe++;
    let ne = fe;
    let offset: string | undefined;
    const plus = findCharBack(s, 43 /* + */, k, fe);
    if (plus > k && s.startsWith('+0x', plus)) {
      if (details) offset = s.slice(plus + 1, fe);
      ne = plus;
    }
    const fs = skipSpace(s, fe);
    const colon = findCharBack(s, 58 /* : */, fs, end);
    let file = '';
    let line = 0;
    if (colon > fs) {
      const ln = readInt(s, colon + 1);
      if (ln >= 0 && intEnd === end) {
        file = internRange(s, fs, colon);
        line = ln;
      } else file = internRange(s, fs, end);
    } else if (fs < end) file = internRange(s, fs, end);
    const f: Frame = { func: internRange(s, k, ne), file, line };
    if (offset) f.offset = offset;
    stack.push(f);
    frameCount++;
  }

  /**
   * A file line: `path:line`, optionally ` +0xoff`, ` fp=.. sp=.. pc=..`; cgo symbolizer lines
   * `path:line pc=..` or only `pc=..`. Fills `pending`; false when the line is not one.
   */
  function tryFileLine(s: string, i: number, end: number): boolean {
    if (pending === null) return false;
    let e = end;
    let offset: string | undefined;
    let sawPc = false;
    // Peel ` +0x..`, ` fp=0x..`, ` sp=0x..`, ` pc=0x..` off the end, looking only at those tokens:
    // the path itself is never scanned here (it may even contain spaces, on Windows).
    for (;;) {
      let k = e;
      while (k > i && isHexish(s.charCodeAt(k - 1))) k--;
      if (k === e || !s.startsWith('0x', k)) break;
      let ts: number;
      if (k - 1 >= i && s.charCodeAt(k - 1) === 43 /* + */) {
        ts = k - 1;
        if (details) offset = s.slice(k, e);
      } else if (
        k - 3 >= i &&
        s.charCodeAt(k - 1) === 61 /* = */ &&
        (s.startsWith('pc', k - 3) || s.startsWith('fp', k - 3) || s.startsWith('sp', k - 3))
      ) {
        ts = k - 3;
        sawPc = true;
      } else break;
      if (ts === i) {
        e = i;
        break;
      }
      const b = s.charCodeAt(ts - 1);
      if (b !== SP && b !== TAB) break;
      e = trimEnd(s, ts, i);
    }
    if (e === i) {
      if (!sawPc) return false;
      pending.file = '';
      pending.line = 0;
      pendingFileId = -1;
      commitPending();
      return true;
    }
    const colon = findCharBack(s, 58 /* : */, i, e);
    if (colon <= i) return false;
    const ln = readInt(s, colon + 1);
    if (ln < 0 || intEnd !== e) return false;
    const unknown = (colon - i === 2 && s.startsWith('??', i)) || (colon - i === 1 && s.charCodeAt(i) === 63);
    if (unknown) {
      pending.file = '';
      pendingFileId = -1;
    } else {
      pendingFileId = interner.rangeId(s, i, colon);
      pending.file = interner.lastString;
    }
    pending.line = ln;
    if (offset !== undefined) pending.offset = offset;
    commitPending();
    return true;
  }

  /** `pkg.fn(args)`, `pkg.fn(...)` (inlined), `non-Go function`, `??`, a cgo symbol; false for prose. */
  function tryFuncLine(s: string, i: number, end: number): boolean {
    let open = -1;
    let braces = 0;
    // The name is hashed for interning in the same pass that looks for its end.
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    for (let k = i; k < end; k++) {
      const c = s.charCodeAt(k);
      if (c === 40 /* ( */ && k > i && s.charCodeAt(k - 1) !== 46 /* . */) {
        open = k;
        break;
      }
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
      // Type names inside function names may hold spaces (`type:.eq.struct { a int }`): allow
      // them inside braces and right before one.
      if (c === 123 /* { */) braces++;
      else if (c === 125 /* } */) braces--;
      // Otherwise function names never contain spaces; prose does.
      else if ((c === SP || c === TAB) && braces <= 0 && s.charCodeAt(k + 1) !== 123) {
        if (s.startsWith('non-Go function', i) && end === i + 15) break;
        return false;
      }
    }
    commitPending();
    const nameEnd = open < 0 ? end : open;
    pendingFuncId = interner.hashedId(s, i, nameEnd, h1, h2);
    const f: Frame = { func: interner.lastString, file: '', line: -1 };
    if (open >= 0) {
      let close = end;
      if (s.charCodeAt(end - 1) === 41 /* ) */) close = end - 1;
      if (close - open === 4 && s.startsWith('...', open + 1)) f.inlined = true;
      else if (details && close > open + 1) f.args = s.slice(open + 1, close);
    }
    pending = f;
    pendingHasArgs = open >= 0 || f.func === 'non-Go function' || f.func === '??';
    return true;
  }

  /** Handles s[start, end) as one line; lines are never sliced out of their chunk. */
  function processLine(s: string, start: number, lineEnd: number, unterminated: boolean): void {
    lineNo++;
    let end = lineEnd;
    if (end > start && s.charCodeAt(end - 1) === CR) end--;
    let i = start;
    if (prefix !== null) {
      const m = matchPrefix(prefix, s, start);
      if (m >= 0) i = m;
    }
    i = skipSpace(s, i);
    end = trimEnd(s, end, i);
    if (i >= end) {
      // A blank line ends a goroutine; inside debug=1 it ends the record.
      if (cur !== null && !unterminated) endGoroutine();
      return;
    }
    const c = s.charCodeAt(i);

    if (c === 103 /* g */ && s.startsWith('goroutine ', i)) {
      if (tryHeader(s, i, end)) {
        if (unterminated && cur !== null) cur.truncated = true;
        return;
      }
      if (s.startsWith('goroutine profile: total ', i)) {
        endGoroutine();
        if (format === null) format = 'pprof-debug1';
        inProfile = true;
        profileTotal = readInt(s, i + 25);
        return;
      }
    }
    if (c === 103 /* g */ && s.startsWith('goroutineleak profile: total ', i)) {
      endGoroutine();
      if (format === null) format = 'pprof-debug1';
      inProfile = true;
      leakProfile = true;
      profileTotal = readInt(s, i + 29);
      return;
    }
    if (c === 103 /* g */ && s.startsWith('goroutine ', i)) {
      if (s.startsWith('goroutine running on other thread', i)) {
        unavailable = true;
        return;
      }
    }

    if (cur !== null) {
      // A debug=1 record (only records carry an inferred state while being parsed).
      if (cur.stateInferred) {
        if (c === 35 /* # */) {
          debug1Hash(s, i, end);
          return;
        }
        if (isDigit(c) && tryRecord(s, i)) return;
        return;
      }
      if (pending !== null && tryFileLine(s, i, end)) return;
      if (c === 99 /* c */ && s.startsWith('created by ', i)) {
        commitPending();
        const inAncestor = target === Target.ANCESTOR || target === Target.ANCESTOR_CREATOR;
        // ` in goroutine N` ends the line: look for it from the end instead of scanning the name.
        let d = end;
        while (d > i && isDigit(s.charCodeAt(d - 1))) d--;
        let nameEnd = d - 14;
        if (d < end && nameEnd > i + 11 && s.startsWith(' in goroutine ', nameEnd)) {
          if (!inAncestor) cur.parentId = readInt(s, d);
        } else nameEnd = end;
        pendingFuncId = interner.rangeId(s, i + 11, nameEnd);
        pending = { func: interner.lastString, file: '', line: -1 };
        pendingHasArgs = true;
        target = inAncestor ? Target.ANCESTOR_CREATOR : Target.CREATED_BY;
        return;
      }
      if (c === 91 /* [ */ && s.startsWith('[originating from goroutine ', i)) {
        commitPending();
        const aid = readInt(s, i + 28);
        if (cur.ancestors === NO_ANCESTORS) cur.ancestors = [];
        cur.ancestors.push({ id: aid, frames: [] });
        target = Target.ANCESTOR;
        return;
      }
      if (c === 46 /* . */ && s.startsWith('...', i)) {
        commitPending();
        if (target === Target.FRAMES) {
          const n = readInt(s, i + 3);
          if (n >= 0 && s.startsWith(' frames elided...', intEnd)) {
            if (cur.elided >= 0) cur.elided += n;
          } else if (s.startsWith('...additional frames elided...', i)) cur.elided = -1;
        }
        return;
      }
      if (c === 110 /* n */ && s.startsWith('non-Go function at pc=', i)) {
        commitPending();
        if (target === Target.FRAMES) {
          stack.push({ func: 'non-Go function', file: '', line: 0 });
          frameCount++;
        }
        return;
      }
      if (tryFuncLine(s, i, end)) return;
      // Prose inside a goroutine: a log line written while the dump was printed.
      skippedHere++;
      return;
    }

    // Outside any goroutine: a dump may start here, maybe behind a log prefix.
    if (c === 112 /* p */ && s.startsWith('panic: ', i) && reason === undefined) reason = s.slice(i, end);
    else if (c === 102 /* f */ && s.startsWith('fatal error: ', i) && reason === undefined) reason = s.slice(i, end);
    else if (inProfile && isDigit(c) && tryRecord(s, i)) return;
    else {
      const g = findStr(s, 'goroutine ', i, end);
      if (g > i) {
        const before = s.slice(start, g);
        const ok = s.startsWith('goroutine profile: total ', g) || tryHeaderProbe(s, g, end);
        if (ok) {
          prefix = learnPrefix(before);
          lineNo--;
          processLine(s, start, lineEnd, unterminated);
          return;
        }
      }
      const lh = prefix === null ? findStr(s, 'goroutineleak profile: total ', i, end) : -1;
      if (lh > i) {
        prefix = learnPrefix(s.slice(start, lh));
        lineNo--;
        processLine(s, start, lineEnd, unterminated);
        return;
      }
      const p = findStr(s, 'panic: ', i, end);
      if (p > i && reason === undefined && format === null) {
        // `panic:` behind a log prefix comes before the first header; remember it, the prefix is learned there.
        reason = s.slice(p, end);
      }
    }
  }

  /** Whether a header starts at `g`, without side effects. */
  function tryHeaderProbe(s: string, g: number, end: number): boolean {
    const id = readInt(s, g + 10);
    const j = intEnd;
    if (id < 0) return false;
    if (s.charCodeAt(j) === SP && s.charCodeAt(j + 1) === 91) {
      return findChar(s, 93 /* ] */, j, end) > 0 || j + 2 >= end;
    }
    if (!s.startsWith(' gp=', j)) return false;
    return findStr(s, ' [', j, end) > 0;
  }

  let first = true;
  let lastUnterminated = false;

  function push(chunk: string): void {
    if (finished || chunk.length === 0) return;
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    // Dumps copied from web pages and chat tools come with no-break spaces instead of spaces.
    if (chunk.indexOf('\u00a0') >= 0) chunk = chunk.replaceAll('\u00a0', ' ');
    let pos = 0;
    let nl = chunk.indexOf('\n');
    if (carry !== '') {
      if (nl < 0) {
        carry += chunk;
        return;
      }
      const line = carry + chunk.slice(0, nl);
      carry = '';
      processLine(line, 0, line.length, false);
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    while (nl >= 0) {
      processLine(chunk, pos, nl, false);
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    if (pos < chunk.length) carry = chunk.slice(pos);
  }

  function finish(): Dump {
    if (result !== null) return result;
    finished = true;
    if (carry !== '') {
      const line = carry;
      carry = '';
      lastUnterminated = true;
      processLine(line, 0, line.length, true);
    }
    const last = cur;
    // A bare word with no file line after it is prose (a test's closing `FAIL`), not a frame cut
    // off, unless the input stopped in the middle of that very line.
    const lastPendingNoFile = pending !== null && pending.line < 0 && (pendingHasArgs || lastUnterminated);
    if (last !== null && (lastPendingNoFile || (stack.length === 0 && !unavailable && format === 'traceback'))) {
      last.truncated = true;
    }
    endGoroutine();
    if (last !== null && last.truncated) {
      const prev = goroutines.length >= 2 ? goroutines[goroutines.length - 2] : null;
      warn(
        prev !== null && prev.id > 0 ? `dump truncated after goroutine ${prev.id}` : `dump truncated inside goroutine ${last.id}`,
        lineNo,
      );
    }
    let total = 0;
    let leaked = 0;
    for (const g of goroutines) {
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

  return { push, finish };
}

/**
 * Go 1.27 traceback labels, `{key: value, "k 2": "v, 2"}` from s[i, end) (after the `{`): keys and
 * values are printed bare unless they need quoting, then as Go quoted strings. Null if malformed.
 */
function parseHeaderLabels(s: string, i: number, end: number): Record<string, string> | null {
  if (end <= i || s.charCodeAt(end - 1) !== 125 /* } */) return null;
  end--;
  const out: Record<string, string> = {};
  let k = i;
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
    let j = findStr(s, stop, k, end);
    if (j < 0) j = end;
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

/**
 * The text dump parser: Go tracebacks (panic, fatal error, deadlock, GOTRACEBACK=all/system/crash,
 * runtime.Stack, pprof debug=2) and pprof debug=1, as one line-driven state machine.
 *
 * Why it looks like this:
 * - Lines are classified by content, not indentation, so spaces-for-tabs, a common indent and a
 *   learned log prefix (see prefix.ts) all parse the same way.
 * - Scanning uses indexOf/charCodeAt, never backtracking regexes: an 80k-goroutine, 19 MB dump
 *   must parse in well under a second in a browser Worker.
 * - Input arrives in chunks (`push`) so a Worker can stream a 100 MB file without one huge string;
 *   function and file names are interned so a big dump does not hold a copy per frame.
 * - It never throws: anything it does not recognise is skipped, and what looks cut off is reported
 *   as a warning.
 */
import type { Dump, DumpFormat, Frame, Goroutine, ParseWarning } from './model.ts';
import { learnPrefix, matchPrefix, type LinePrefix } from './prefix.ts';
import { inferState } from './infer-state.ts';

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

const enum_ = {
  // Where frame lines go while inside a goroutine.
  FRAMES: 0,
  CREATED_BY: 1,
  ANCESTOR: 2,
  // An ancestor's `created by` line: its creator is the next ancestor block, so the frame is dropped.
  ANCESTOR_CREATOR: 3,
} as const;

function isDigit(c: number): boolean {
  return c >= C0 && c <= C9;
}

/** Reads the unsigned integer at `i`; returns [value, endIndex] with endIndex === i when there is none. */
function readInt(s: string, i: number): [number, number] {
  let v = 0;
  const start = i;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) break;
    v = v * 10 + (c - C0);
    i++;
  }
  return [i === start ? -1 : v, i];
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

const STATE_SUFFIXES = [' (scan)', ' (durable)', ' (synctest)'];

export function createTextDumpParser(): DumpParser {
  const goroutines: Goroutine[] = [];
  const warnings: ParseWarning[] = [];
  const interned = new Map<string, string>();
  let format: DumpFormat | null = null;
  let reason: string | undefined;
  let profileTotal = -1;

  let prefix: LinePrefix | null = null;
  let carry = '';
  let lineNo = 0;
  let frameCount = 0;
  let finished = false;
  let result: Dump | null = null;

  // Current goroutine (traceback) or record (debug=1).
  let cur: Goroutine | null = null;
  let target: number = enum_.FRAMES;
  // A function line waiting for its file line.
  let pending: Frame | null = null;
  let pendingHasArgs = false;
  let unavailable = false;
  // Lines skipped inside a goroutine: log lines interleaved with the dump. Only lines followed by
  // more frames count; prose right after a stack (a test's FAIL line) just ends it.
  let skippedInside = 0;
  let skippedHere = 0;

  function intern(s: string): string {
    const hit = interned.get(s);
    if (hit !== undefined) return hit;
    // Copy so the table does not keep a whole input chunk alive through a sliced string.
    const own = (' ' + s).slice(1);
    interned.set(own, own);
    return own;
  }

  function warn(message: string, line?: number): void {
    if (warnings.length < 100) warnings.push(line === undefined ? { message } : { line, message });
  }

  function commitPending(): void {
    if (pending === null || cur === null) {
      pending = null;
      return;
    }
    const f = pending;
    pending = null;
    // A word without an argument list and without a file line was a log line, not a frame.
    if (f.line < 0 && !pendingHasArgs) return;
    if (f.line < 0) f.line = 0;
    if (skippedHere > 0) {
      skippedInside += skippedHere;
      skippedHere = 0;
    }
    if (target === enum_.FRAMES) {
      cur.frames.push(f);
      frameCount++;
    } else if (target === enum_.CREATED_BY) {
      cur.createdBy = f;
      target = enum_.FRAMES;
    } else if (target === enum_.ANCESTOR) {
      const a = cur.ancestors[cur.ancestors.length - 1];
      if (a) a.frames.push(f);
    } else target = enum_.ANCESTOR;
  }

  function endGoroutine(): void {
    commitPending();
    if (cur !== null) {
      if (format === 'pprof-debug1' && cur.stateInferred) cur.state = inferState(cur.frames);
      goroutines.push(cur);
      cur = null;
    }
    target = enum_.FRAMES;
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
      ancestors: [],
      count,
    };
  }

  /** `goroutine N [..]:` or `goroutine N gp=.. m=.. mp=.. [..]:` starting at `i`; false when it is not one. */
  function tryHeader(s: string, i: number, end: number): boolean {
    // s.startsWith('goroutine ', i) was checked by the caller.
    const [id, j] = readInt(s, i + 10);
    if (id < 0) return false;
    let open: number;
    if (s.charCodeAt(j) === SP && s.charCodeAt(j + 1) === 91 /* [ */) {
      open = j + 1;
    } else if (s.startsWith(' gp=', j) || s.startsWith(' m=', j)) {
      open = s.indexOf(' [', j);
      if (open < 0 || open >= end) return false;
      open++;
    } else {
      return false;
    }
    endGoroutine();
    if (format === null) format = 'traceback';
    const g = newGoroutine(id, 1);
    let close = s.lastIndexOf(']', end);
    if (close < open) {
      close = end;
      g.truncated = true;
    }
    const inner = s.slice(open + 1, close);
    const parts = inner.split(', ');
    let state = parts[0];
    for (const suf of STATE_SUFFIXES) {
      const k = state.indexOf(suf);
      if (k >= 0) {
        state = state.slice(0, k) + state.slice(k + suf.length);
        if (suf !== ' (scan)') g.durable = true;
      }
    }
    g.state = intern(state);
    for (let k = 1; k < parts.length; k++) {
      const p = parts[k];
      if (p === 'locked to thread') g.lockedToThread = true;
      else if (p.endsWith(' minutes') || p.endsWith(' minute')) g.waitMinutes = readInt(p, 0)[0];
      else if (p.startsWith('synctest bubble ')) g.bubble = readInt(p, 16)[0];
    }
    cur = g;
    return true;
  }

  /** `N @ 0x.. 0x..` opens a debug=1 record. */
  function tryRecord(s: string, i: number): boolean {
    const [n, j] = readInt(s, i);
    if (n < 0 || !s.startsWith(' @', j)) return false;
    endGoroutine();
    const g = newGoroutine(0, n);
    g.state = 'unknown';
    g.stateInferred = true;
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
    let name = s.slice(k, fe);
    let offset: string | undefined;
    const plus = name.lastIndexOf('+0x');
    if (plus > 0) {
      offset = name.slice(plus + 1);
      name = name.slice(0, plus);
    }
    const fs = skipSpace(s, fe);
    const colon = s.lastIndexOf(':', end - 1);
    let file = '';
    let line = 0;
    if (colon > fs) {
      const [ln, le] = readInt(s, colon + 1);
      if (ln >= 0 && le === end) {
        file = s.slice(fs, colon);
        line = ln;
      } else file = s.slice(fs, end);
    } else if (fs < end) file = s.slice(fs, end);
    const f: Frame = { func: intern(name), file: intern(file), line };
    if (offset) f.offset = offset;
    cur.frames.push(f);
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
    // Peel known suffix tokens off the end; the path itself may contain spaces (Windows).
    for (;;) {
      const sp = s.lastIndexOf(' ', e - 1);
      const ts = sp < i ? i : sp + 1;
      const c0 = s.charCodeAt(ts);
      if (c0 === 43 /* + */ && s.startsWith('+0x', ts)) offset = s.slice(ts + 1, e);
      else if (s.charCodeAt(ts + 2) === 61 /* = */ && (s.startsWith('pc', ts) || s.startsWith('fp', ts) || s.startsWith('sp', ts))) {
        sawPc = true;
      } else break;
      if (ts === i) {
        e = i;
        break;
      }
      e = trimEnd(s, sp, i);
    }
    if (e === i) {
      if (!sawPc) return false;
      pending.file = '';
      pending.line = 0;
      commitPending();
      return true;
    }
    const colon = s.lastIndexOf(':', e - 1);
    if (colon <= i) return false;
    const [ln, le] = readInt(s, colon + 1);
    if (ln < 0 || le !== e) return false;
    const file = s.slice(i, colon);
    pending.file = file === '??' || file === '?' ? '' : intern(file);
    pending.line = ln;
    if (offset !== undefined) pending.offset = offset;
    commitPending();
    return true;
  }

  /** `pkg.fn(args)`, `pkg.fn(...)` (inlined), `non-Go function`, `??`, a cgo symbol; false for prose. */
  function tryFuncLine(s: string, i: number, end: number): boolean {
    let open = -1;
    for (let k = i; k < end; k++) {
      const c = s.charCodeAt(k);
      if (c === 40 /* ( */ && k > i && s.charCodeAt(k - 1) !== 46 /* . */) {
        open = k;
        break;
      }
      // Function names never contain spaces; prose does.
      if (c === SP || c === TAB) {
        if (s.startsWith('non-Go function', i) && end === i + 15) break;
        return false;
      }
    }
    commitPending();
    const nameEnd = open < 0 ? end : open;
    const f: Frame = { func: intern(s.slice(i, nameEnd)), file: '', line: -1 };
    if (open >= 0) {
      let close = end;
      if (s.charCodeAt(end - 1) === 41 /* ) */) close = end - 1;
      const args = s.slice(open + 1, close);
      if (args === '...') f.inlined = true;
      else if (args !== '') f.args = args;
    }
    pending = f;
    pendingHasArgs = open >= 0 || f.func === 'non-Go function' || f.func === '??';
    return true;
  }

  function processLine(s: string, unterminated: boolean): void {
    lineNo++;
    let end = s.length;
    if (end > 0 && s.charCodeAt(end - 1) === CR) end--;
    let i = 0;
    if (prefix !== null) {
      const m = matchPrefix(prefix, s, 0);
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
        profileTotal = readInt(s, i + 25)[0];
        return;
      }
      if (s.startsWith('goroutine running on other thread', i)) {
        unavailable = true;
        return;
      }
    }

    if (cur !== null) {
      if (format === 'pprof-debug1' && cur.id === 0) {
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
        const inAncestor = target === enum_.ANCESTOR || target === enum_.ANCESTOR_CREATOR;
        let nameEnd = s.indexOf(' in goroutine ', i + 11);
        if (nameEnd < 0 || nameEnd > end) nameEnd = end;
        else if (!inAncestor) {
          const pid = readInt(s, nameEnd + 14)[0];
          if (pid >= 0) cur.parentId = pid;
        }
        pending = { func: intern(s.slice(i + 11, nameEnd)), file: '', line: -1 };
        pendingHasArgs = true;
        target = inAncestor ? enum_.ANCESTOR_CREATOR : enum_.CREATED_BY;
        return;
      }
      if (c === 91 /* [ */ && s.startsWith('[originating from goroutine ', i)) {
        commitPending();
        const aid = readInt(s, i + 28)[0];
        cur.ancestors.push({ id: aid, frames: [] });
        target = enum_.ANCESTOR;
        return;
      }
      if (c === 46 /* . */ && s.startsWith('...', i)) {
        commitPending();
        if (target === enum_.FRAMES) {
          const [n] = readInt(s, i + 3);
          if (n >= 0 && s.startsWith(' frames elided...', i + 3 + String(n).length)) {
            if (cur.elided >= 0) cur.elided += n;
          } else if (s.startsWith('...additional frames elided...', i)) cur.elided = -1;
        }
        return;
      }
      if (c === 110 /* n */ && s.startsWith('non-Go function at pc=', i)) {
        commitPending();
        if (target === enum_.FRAMES) {
          cur.frames.push({ func: 'non-Go function', file: '', line: 0 });
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
    else if (format === 'pprof-debug1' && isDigit(c) && tryRecord(s, i)) return;
    else {
      const g = s.indexOf('goroutine ', i);
      if (g > i) {
        const before = s.slice(0, g);
        const ok = s.startsWith('goroutine profile: total ', g) || tryHeaderProbe(s, g, end);
        if (ok) {
          prefix = learnPrefix(before);
          lineNo--;
          processLine(s, unterminated);
          return;
        }
      }
      const p = s.indexOf('panic: ', i);
      if (p > i && reason === undefined && format === null) {
        // `panic:` behind a log prefix comes before the first header; remember it, the prefix is learned there.
        reason = s.slice(p, end);
      }
    }
  }

  /** Whether a header starts at `g`, without side effects. */
  function tryHeaderProbe(s: string, g: number, end: number): boolean {
    const [id, j] = readInt(s, g + 10);
    if (id < 0) return false;
    if (s.charCodeAt(j) === SP && s.charCodeAt(j + 1) === 91) return s.indexOf(']', j) > 0 || j + 2 >= end;
    return s.startsWith(' gp=', j) && s.indexOf(' [', j) > 0;
  }

  function push(chunk: string): void {
    if (finished || chunk.length === 0) return;
    let pos = 0;
    let nl = chunk.indexOf('\n');
    if (carry !== '') {
      if (nl < 0) {
        carry += chunk;
        return;
      }
      processLine(carry + chunk.slice(0, nl), false);
      carry = '';
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    while (nl >= 0) {
      processLine(chunk.slice(pos, nl), false);
      pos = nl + 1;
      nl = chunk.indexOf('\n', pos);
    }
    if (pos < chunk.length) carry = chunk.slice(pos);
  }

  function finish(): Dump {
    if (result !== null) return result;
    finished = true;
    if (carry !== '') {
      processLine(carry, true);
      carry = '';
    }
    const last = cur;
    const lastPendingNoFile = pending !== null && pending.line < 0;
    if (last !== null && (lastPendingNoFile || (last.frames.length === 0 && !unavailable && format === 'traceback'))) {
      last.truncated = true;
    }
    endGoroutine();
    if (last !== null && last.truncated) {
      const prev = goroutines.length >= 2 ? goroutines[goroutines.length - 2] : null;
      warn(
        prev !== null && prev.id > 0
          ? `dump truncated after goroutine ${prev.id}`
          : `dump truncated inside goroutine ${last.id}`,
        lineNo,
      );
    }
    let total = 0;
    for (const g of goroutines) total += g.count;
    if (format === 'pprof-debug1' && profileTotal >= 0 && profileTotal !== total) {
      warn(`dump truncated: the profile header says ${profileTotal} goroutines, ${total} were found`);
    }
    if (skippedInside > 0) warn(`skipped ${skippedInside} line(s) inside goroutine stacks that were not frames`);
    result = {
      format: format ?? 'traceback',
      total,
      goroutines,
      warnings,
      stats: { lines: lineNo, frames: frameCount },
    };
    if (reason !== undefined) result.reason = reason;
    return result;
  }

  return { push, finish };
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

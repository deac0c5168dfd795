/**
 * The leak check. The learner's `func main()` is renamed in place to a name of the same byte
 * length, so every line and column Go reports stays where the learner wrote it; a second root file
 * supplies the real `main`, which calls it, waits the way goleak does, and prints all goroutine
 * stacks between markers on stderr. The verdict side removes that block from the output, lists
 * the goroutines left behind and maps the renamed function back to `main.main`.
 * The Go side is the real file harness/leaklab_harness.go (gofmt- and vet-checked), embedded as
 * harness/source.ts by scripts/gen-harness.mjs.
 */
import type { CompileResponse, PlaygroundEvent } from './protocol.ts';
import { isTestProgram, packageName, topLevelFuncs } from './goscan.ts';
import { MAX_FILES, joinFiles, splitFiles, type TxtarFile } from './txtar.ts';
import { HARNESS_GO } from './harness/source.ts';
import { parseDump } from '../dump/parse.ts';
import { programFile } from '../dump/program.ts';
import type { Frame, Goroutine } from '../dump/model.ts';

export const HARNESS_FILE = 'leaklab_harness.go';
/** 4 bytes in UTF-8 like `main`, so Go's byte columns after the name do not move. */
export const RENAMED_MAIN = 'mαn';
/** The harness's block on stderr is framed by these, with the run's nonce in both. */
export const dumpBegin = (nonce: string) => `\n<<<leaklab:goroutines:begin:${nonce}>>>\n`;
export const dumpEnd = (nonce: string) => `\n<<<leaklab:goroutines:end:${nonce}>>>\n`;
/** First line of the block when the stacks come from the runtime's goroutineleak profile (Go 1.27+). */
export const LEAK_PROFILE_LINE = 'leaklab:profile goroutineleak\n';

/**
 * The nonce compiled into the harness when the runner does not pass LEAKLAB_NONCE (the public
 * Playground): random, once per client process, so identical programs stay identical requests and
 * the Playground's and our server's caches still answer them.
 */
let processNonce: string | null = null;
export function compiledNonce(): string {
  if (!processNonce) {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    processNonce = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return processNonce;
}
/** Sent instead of stacks when goroutines were still busy on the CPU: only their number is known. */
export const BUSY_PREFIX = 'leaklab:busy ';

export interface Instrumented {
  /** The source to send: the harnessed program, or the original when the check does not apply. */
  source: string;
  applied: boolean;
  /** Why the check was not applied (for the UI and `leak.reason`). */
  reason?: 'opted-out' | 'test' | 'no-main' | 'unparsable' | 'too-many-files' | 'conflict';
  /** Program file names (learner's, harness excluded), used to find the learner's frames. */
  files: string[];
  /** The nonce compiled into the harness; the runner's LEAKLAB_NONCE overrides it at run time. */
  nonce: string;
}

/**
 * Functions of goroutines the standard library starts for itself and keeps for the life of the
 * process, which goleak ignores too: signal delivery after signal.Notify, the tracer's reader.
 */
export const RUNTIME_OWNED = ['os/signal.signal_recv', 'os/signal.loop', 'runtime.ensureSigM', 'runtime.ReadTrace', 'runtime/trace.Start'];

/** The placeholder for the compiled-in nonce in leaklab_harness.go. */
const NONCE_PLACEHOLDER = '"LEAKLAB_COMPILED_NONCE"';

/** The harness's Go source (harness/leaklab_harness.go, embedded by scripts/gen-harness.mjs) with this nonce. */
export function harnessSource(nonce: string): string {
  return HARNESS_GO.replace(NONCE_PLACEHOLDER, JSON.stringify(nonce));
}

/** Rewrites a program (plain Go or txtar) so a leak check runs after its main returns. */
export function instrument(src: string, opts: { leakCheck?: boolean; nonce?: string } = {}): Instrumented {
  const nonce = opts.nonce ?? compiledNonce();
  const done = (r: Omit<Instrumented, 'nonce'>): Instrumented => ({ ...r, nonce });
  let files: TxtarFile[];
  try {
    files = splitFiles(src);
  } catch {
    // Let the runner report the txtar problem exactly as it would without the harness.
    return done({ source: src, applied: false, reason: 'unparsable', files: [] });
  }
  const names = files.map((f) => f.name);
  if (opts.leakCheck === false) return done({ source: src, applied: false, reason: 'opted-out', files: names });
  const prog = files.find((f) => f.name === 'prog.go');
  if (prog && isTestProgram(prog.data)) {
    return done({ source: src, applied: false, reason: 'test', files: names });
  }
  if (names.includes(HARNESS_FILE) || src.includes(RENAMED_MAIN)) {
    return done({ source: src, applied: false, reason: 'conflict', files: names });
  }
  if (files.length + 1 > MAX_FILES) return done({ source: src, applied: false, reason: 'too-many-files', files: names });

  const mains: { file: TxtarFile; offset: number }[] = [];
  for (const f of files) {
    if (f.name.includes('/') || !f.name.endsWith('.go') || packageName(f.data) !== 'main') continue;
    for (const fn of topLevelFuncs(f.data)) {
      if (fn.name === 'main' && !fn.method && fn.params === '' && fn.results === '') mains.push({ file: f, offset: fn.nameOffset });
    }
  }
  // Zero mains: nothing to wrap. Several: the compiler will say so, with the learner's own names.
  if (mains.length !== 1) return done({ source: src, applied: false, reason: 'no-main', files: names });

  const { file, offset } = mains[0];
  const renamed = file.data.slice(0, offset) + RENAMED_MAIN + file.data.slice(offset + 4);
  const out = files.map((f) => (f === file ? { name: f.name, data: renamed } : f));
  out.push({ name: HARNESS_FILE, data: harnessSource(nonce) });
  return done({ source: joinFiles(out), applied: true, files: names });
}

// ---------------------------------------------------------------------------------------------
// Verdict

export interface LeakVerdict {
  /** True when the harness ran to the end of main and reported. */
  checked: boolean;
  /** Goroutines left behind (still blocked at exit), proven leaks included. */
  leaked: number;
  /**
   * How many of them the runtime's goroutineleak profile proved leaked; null when the toolchain
   * has no such profile (before Go 1.27), or there was no verdict.
   */
  proven: number | null;
  /**
   * The goroutines left behind, in the dump model: frames name the learner's files as the editor
   * does (`prog.go`), `main.main` restored; `leaked` set on those the runtime proved.
   */
  goroutines: Goroutine[];
  /** The program's file names, as the frames of `goroutines` name them (see `pointAt`). */
  files: string[];
  /** The leaked goroutines' stacks as the runtime printed them, `(leaked)` marks kept (names restored); '' when none. */
  dump: string;
  /**
   * Why there is no verdict, when checked is false; 'busy' (checked true) when goroutines were
   * still running on the CPU, so only their number is known and `goroutines` is empty.
   */
  reason?: Instrumented['reason'] | 'exited' | 'timeout' | 'build-failed' | 'busy';
  /**
   * Set when the program died (panic, deadlock, os.Exit in a goroutine...) before the check: the
   * goroutines its own trace shows still blocked are listed in `goroutines`/`leaked` anyway
   * (checked stays false; the harness prints every goroutine on a panic).
   */
  fromCrash?: boolean;
}

export interface ParsedRun {
  /** Program output events with the harness block removed and names restored. */
  events: PlaygroundEvent[];
  leak: LeakVerdict;
  /** The program's own panic/deadlock trace, when it died with one. */
  programDump?: string;
  timedOut: boolean;
}

const RENAMED_RE = new RegExp(`main\\.${RENAMED_MAIN}\\b|\\b${RENAMED_MAIN}\\b`, 'gu');

/** Restores `main.main` for the learner and removes the harness's own frames from stack text. */
export function restoreNames(text: string): string {
  if (!text.includes(RENAMED_MAIN) && !text.includes(HARNESS_FILE)) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A frame is a function line followed by its `\tfile:line` line; drop both for harness frames.
    if (i + 1 < lines.length && lines[i + 1].includes(`/${HARNESS_FILE}:`) && /^\s/.test(lines[i + 1])) {
      i++;
      continue;
    }
    kept.push(lines[i]);
  }
  return kept.join('\n').replace(RENAMED_RE, (m) => (m.startsWith('main.') ? 'main.main' : 'main'));
}

/** runtime.Stack separates goroutines by a blank line; keep each block's text by goroutine id. */
function blocksById(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const block of text.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const m = /^goroutine (\d+) /.exec(block.trimStart());
    if (m) out.set(Number(m[1]), block.trim());
  }
  return out;
}

function restoreFunc(fn: string): string {
  return fn.replace(RENAMED_RE, (m) => (m.startsWith('main.') ? 'main.main' : 'main'));
}

function cutHarnessBlock(events: PlaygroundEvent[], nonce: string): { events: PlaygroundEvent[]; dump: string | null } {
  // Only the block carrying this run's nonce counts: a program can print markers of its own.
  const begin = dumpBegin(nonce);
  const end = dumpEnd(nonce);
  let dump: string | null = null;
  const out: PlaygroundEvent[] = [];
  for (const e of events) {
    let msg = e.Message;
    if (dump === null && e.Kind === 'stderr') {
      const b = msg.indexOf(begin);
      if (b >= 0) {
        const e2 = msg.indexOf(end, b + begin.length);
        dump = msg.slice(b + begin.length, e2 < 0 ? msg.length : e2);
        msg = msg.slice(0, b) + (e2 < 0 ? '' : msg.slice(e2 + end.length));
      }
    }
    if (msg !== '') out.push({ ...e, Message: msg });
  }
  return { events: out, dump };
}

const TIMEOUT_RE = /^timeout running program$/m;
const DEATH_RE = /^(panic: |fatal error: )/m;

/** The goroutines a stack dump shows, as the verdict reports them (harness and runtime-owned ones left out). */
function verdictGoroutines(dump: string, files: string[], skipId?: number): { goroutines: Goroutine[]; texts: string[] } {
  const goroutines: Goroutine[] = [];
  const texts: string[] = [];
  const blocks = blocksById(dump);
  const own = (f: Frame): Frame => ({ ...f, func: restoreFunc(f.func), file: programFile(f.file, files) ?? f.file });
  for (const g of parseDump(dump).goroutines) {
    if (g.id === skipId) continue;
    if (g.frames.some((f) => f.file === HARNESS_FILE || f.file.endsWith('/' + HARNESS_FILE))) continue;
    if (g.frames.some((f) => RUNTIME_OWNED.some((fn) => f.func.startsWith(fn)))) continue;
    // The parser reads the runtime's `(leaked)` mark into `leaked` and out of `state`.
    goroutines.push({ ...g, frames: g.frames.map(own), createdBy: g.createdBy && own(g.createdBy), leaked: g.leaked === true });
    const text = blocks.get(g.id);
    if (text) texts.push(restoreNames(text));
  }
  return { goroutines, texts };
}

/** Reads the verdict out of a compile response for a program prepared by instrument(). */
export function parseRun(resp: CompileResponse, inst: Instrumented): ParsedRun {
  const files = inst.files.length ? inst.files : ['prog.go'];
  const { events: cut, dump } = cutHarnessBlock(resp.Events ?? [], resp.LeakLabNonce ?? inst.nonce);
  const events = cut.map((e) => ({ ...e, Message: restoreNames(e.Message) }));
  const stderr = events
    .filter((e) => e.Kind === 'stderr')
    .map((e) => e.Message)
    .join('');
  // Our runner reports a timeout on stderr; play.golang.org may instead put it in Errors.
  const timedOut = TIMEOUT_RE.test(stderr) || TIMEOUT_RE.test(resp.Errors ?? '');

  let programDump: string | undefined;
  const death = DEATH_RE.exec(stderr);
  if (death && /^goroutine \d+ /m.test(stderr.slice(death.index))) programDump = stderr.slice(death.index);

  const leak: LeakVerdict = { checked: false, leaked: 0, proven: null, goroutines: [], files, dump: '' };
  if (dump === null) {
    leak.reason = !inst.applied ? inst.reason : timedOut ? 'timeout' : resp.Errors ? 'build-failed' : 'exited';
    if (inst.applied && programDump && !timedOut) {
      // Died before the check: count what its trace shows blocked, except the goroutine that
      // panicked or the one the runtime was running (listed first).
      const first = /^goroutine (\d+) /m.exec(programDump);
      const { goroutines, texts } = verdictGoroutines(programDump, files, first ? Number(first[1]) : undefined);
      const blocked = goroutines.filter((g) => !/^(running|runnable)/.test(g.state) && !g.frames.some((f) => f.func === 'main.main'));
      leak.goroutines = blocked;
      leak.leaked = blocked.length;
      leak.dump = blocked.length ? texts.filter((t) => blocked.some((g) => t.startsWith(`goroutine ${g.id} `))).join('\n\n') + '\n' : '';
      leak.fromCrash = true;
    }
    return { events, leak, programDump, timedOut };
  }
  leak.checked = true;
  if (dump.startsWith(BUSY_PREFIX)) {
    leak.leaked = Math.max(0, parseInt(dump.slice(BUSY_PREFIX.length), 10) || 0);
    leak.reason = 'busy';
    return { events, leak, programDump, timedOut };
  }
  const fromProfile = dump.startsWith(LEAK_PROFILE_LINE);
  const { goroutines, texts } = verdictGoroutines(fromProfile ? dump.slice(LEAK_PROFILE_LINE.length) : dump, files);
  leak.goroutines = goroutines;
  leak.leaked = goroutines.length;
  leak.proven = fromProfile ? goroutines.filter((g) => g.leaked).length : null;
  leak.dump = texts.length ? texts.join('\n\n') + '\n' : '';
  return { events, leak, programDump, timedOut };
}

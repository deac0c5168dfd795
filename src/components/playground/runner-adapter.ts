/**
 * The playground's view of the runner: backend choice, run (with the leak check), format,
 * replay and build-error locations, in the shapes the session renders.
 */
import type { CompileResponse, FmtResponse, PlaygroundEvent, VersionResponse } from '../../lib/runner/protocol.ts';
import { PLAYGROUND_URL } from '../../lib/runner/protocol.ts';
import type { EditorProblem } from './editor-types.ts';
import type { LeakedGoroutine } from './verdict.ts';
import { extractReport, instrument, leakedGoroutines } from './leak-harness.ts';

export type BackendChoice = 'server' | 'playground';

const BACKEND_KEY = 'leaklab:backend';

export interface BackendInfo {
  choice: BackendChoice;
  serverAvailable: boolean;
  version: VersionResponse | null;
}

export interface RunResult {
  errors: string;
  vetErrors: string;
  /** The program's own output; the leak harness's output is already removed. */
  events: PlaygroundEvent[];
  status: number;
  stdout: string;
  leak: { checked: boolean; leaked: LeakedGoroutine[]; dump: string } | null;
  /** The traceback when the program itself died with one (deadlock, panic). */
  crashDump: string | null;
}

export function saveBackendPreference(choice: BackendChoice): void {
  try {
    localStorage.setItem(BACKEND_KEY, choice);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}

function backendPreference(): BackendChoice | null {
  try {
    const v = localStorage.getItem(BACKEND_KEY);
    return v === 'server' || v === 'playground' ? v : null;
  } catch {
    return null;
  }
}

let serverVersion: Promise<VersionResponse | null> | undefined;
const playgroundVersion = new Map<string, Promise<VersionResponse | null>>();

async function getJson<T>(url: string, timeoutMs: number): Promise<T | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    return (await res.json()) as T;
  } catch {
    return null;
  }
}

/** Our server when /api/version answers (unless the reader chose the Playground), else the Playground. */
export async function detectBackend(explicit: BackendChoice | null): Promise<BackendInfo> {
  serverVersion ??= getJson<VersionResponse>('/api/version', 3000);
  const server = await serverVersion;
  const wanted = explicit ?? backendPreference() ?? 'server';
  if (wanted === 'server' && server) return { choice: 'server', serverAvailable: true, version: server };
  if (!playgroundVersion.has('v')) playgroundVersion.set('v', getJson<VersionResponse>(`${PLAYGROUND_URL}/version`, 5000));
  return { choice: 'playground', serverAvailable: server !== null, version: await playgroundVersion.get('v')! };
}

function endpoint(backend: BackendChoice, path: 'compile' | 'fmt'): string {
  return backend === 'server' ? `/api/${path}` : `${PLAYGROUND_URL}/${path}`;
}

async function postForm<T>(url: string, form: Record<string, string>, signal: AbortSignal): Promise<T> {
  // Form-encoded: the Playground's CORS answer allows no custom headers, so JSON would fail preflight.
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(form), signal });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // Not JSON; the status line says enough.
    }
    throw new Error(message);
  }
  return (await res.json()) as T;
}

export async function runCode(
  code: string,
  opts: { backend: BackendChoice; leakCheck: boolean; signal: AbortSignal },
): Promise<RunResult> {
  const body = opts.leakCheck ? instrument(code) : null;
  const res = await postForm<CompileResponse>(
    endpoint(opts.backend, 'compile'),
    { version: '2', body: body ?? code, withVet: 'true' },
    opts.signal,
  );
  const report = extractReport(res.Events ?? []);
  const events = report.events;
  const stdout = events.filter((e) => e.Kind === 'stdout').map((e) => e.Message).join('');
  const stderr = events.filter((e) => e.Kind === 'stderr').map((e) => e.Message).join('');
  const leak = !opts.leakCheck
    ? null
    : report.dump === null
      ? { checked: false, leaked: [], dump: '' }
      : { checked: true, ...leakedGoroutines(report.dump) };
  return {
    errors: res.Errors ?? '',
    vetErrors: res.VetErrors ?? '',
    events,
    status: res.Status ?? 0,
    stdout,
    leak,
    crashDump: crashDumpOf(stderr),
  };
}

/** The traceback part of a dying program's stderr, from `panic:`/`fatal error:` or the first goroutine header. */
export function crashDumpOf(stderr: string): string | null {
  const start = stderr.search(/^(panic: |fatal error: |goroutine \d+ .*\[)/m);
  if (start < 0 || !/^goroutine \d+ /m.test(stderr.slice(start))) return null;
  return stderr.slice(start);
}

export async function formatCode(code: string, opts: { backend: BackendChoice; signal: AbortSignal }): Promise<FmtResponse> {
  return postForm<FmtResponse>(endpoint(opts.backend, 'fmt'), { body: code, imports: 'true' }, opts.signal);
}

/** Go's time.Duration.String for a nanosecond count: 2h0m0s, 1.5s, 300ms. */
export function formatDuration(ns: number): string {
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  let s = ns / 1e9;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const sec = `${trim(s)}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)));
}

/** Fake time below this is not worth a marker. */
const MARKER_THRESHOLD_NS = 1e9;
/** Whole replay fits in about a second of real time, however long the fake time. */
const REPLAY_BUDGET_MS = 1000;
const MAX_STEP_MS = 250;

export async function replayEvents(
  events: PlaygroundEvent[],
  write: (text: string, kind: 'stdout' | 'stderr' | 'note') => void,
  signal: AbortSignal,
): Promise<void> {
  let budget = REPLAY_BUDGET_MS;
  for (const ev of events) {
    if (signal.aborted) throw signal.reason;
    if (ev.Delay >= MARKER_THRESHOLD_NS) {
      const wait = Math.min(MAX_STEP_MS, budget);
      budget -= wait;
      if (wait > 0) await sleep(wait, signal);
      write(`[+${formatDuration(ev.Delay)}]\n`, 'note');
    }
    write(ev.Message, ev.Kind);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** `./prog.go:8:2: undefined: x` lines of build or vet output, as editor problems. */
export function parseProblems(text: string, severity: EditorProblem['severity']): EditorProblem[] {
  const problems: EditorProblem[] = [];
  for (const m of text.matchAll(/^(?:\.\/|\/tmp\/sandbox\d+\/)?prog\.go:(\d+)(?::(\d+))?:\s*(.*)$/gm)) {
    problems.push({ line: Number(m[1]), column: Number(m[2] ?? 1), message: m[3]!.trim(), severity });
  }
  return problems;
}

/**
 * The playground's view of the runner library: backend choice (remembered), runs with the leak
 * check, format, paced replay, and Go diagnostics mapped to editor lines (txtar aware).
 */
import {
  byteColumnToUtf16,
  createClient,
  isGoBackend,
  isRunTarget,
  parseGoErrors,
  replaySchedule,
  runProgram,
  type GoBackend,
  type LeakVerdict,
  type PlaygroundEvent,
  type RunTarget,
  type RunnerClient,
  type VersionResponse,
} from '../../lib/runner/index.ts';
import type { EditorProblem } from './editor-types.ts';

const BACKEND_KEY = 'leaklab:backend';

export interface BackendInfo {
  choice: RunTarget;
  serverAvailable: boolean;
  /** Settles later: the Playground's /version can be slow, and runs need not wait for it. */
  version: Promise<VersionResponse | null>;
}

export interface RunResult {
  errors: string;
  vetErrors: string;
  /** The program's own output; the leak harness's report is already removed. */
  events: PlaygroundEvent[];
  status: number;
  stdout: string;
  leak: LeakVerdict | null;
  /** The traceback when the program itself died with one (deadlock, panic). */
  crashDump: string | null;
  timedOut: boolean;
}

export function saveBackendPreference(choice: RunTarget): void {
  try {
    localStorage.setItem(BACKEND_KEY, choice);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}

function backendPreference(): RunTarget | null {
  try {
    const v = localStorage.getItem(BACKEND_KEY);
    return isRunTarget(v) ? v : null;
  } catch {
    return null;
  }
}

const clients = new Map<string, RunnerClient>();
function client(backend: RunTarget, goBackend: GoBackend = ''): RunnerClient {
  const key = `${backend}:${goBackend}`;
  let c = clients.get(key);
  if (!c) clients.set(key, (c = createClient({ target: backend, fetch: goBackend ? withGoBackend(goBackend) : undefined })));
  return c;
}

/**
 * Adds `backend=<goBackend>` to the form body of every request, which is how the Playground and
 * our server pick a Go release. Done in the transport so it works whatever the client exposes.
 */
function withGoBackend(goBackend: GoBackend): typeof fetch {
  return (input, init) => {
    const body = init?.body;
    if (typeof body === 'string' || body instanceof URLSearchParams) {
      const form = new URLSearchParams(body);
      form.set('backend', goBackend);
      init = { ...init, body: typeof body === 'string' ? form.toString() : form };
    }
    return globalThis.fetch(input, init);
  };
}

export interface GoVersionOption {
  backend: GoBackend;
  version: string;
  release: string;
}

/** The Go releases a server offers (`Versions` in /api/version); [] when it offers one or does not say. */
export function goVersions(v: VersionResponse | null): GoVersionOption[] {
  const list = (v as { Versions?: unknown } | null)?.Versions;
  if (!Array.isArray(list)) return [];
  const out: GoVersionOption[] = [];
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const { Backend, Version, Release } = item as Record<string, unknown>;
    if (isGoBackend(Backend) && typeof Version === 'string') {
      out.push({ backend: Backend, version: Version, release: typeof Release === 'string' ? Release : Version });
    }
  }
  return out.length > 1 ? out : [];
}

// One version request per backend and page, shared by every snippet.
const versions = new Map<RunTarget, Promise<VersionResponse | null>>();
function version(backend: RunTarget): Promise<VersionResponse | null> {
  let v = versions.get(backend);
  if (!v) {
    v = client(backend)
      .version({ signal: AbortSignal.timeout(backend === 'server' ? 3000 : 5000) })
      .then((r) => (r && typeof r.Version === 'string' ? r : null))
      .catch(() => null);
    versions.set(backend, v);
  }
  return v;
}

/** Our server when /api/version answers (unless the reader chose the Playground), else the Playground. */
export async function detectBackend(explicit: RunTarget | null): Promise<BackendInfo> {
  const server = await version('server');
  const wanted = explicit ?? backendPreference() ?? 'server';
  if (wanted === 'server' && server) return { choice: 'server', serverAvailable: true, version: Promise.resolve(server) };
  return { choice: 'playground', serverAvailable: server !== null, version: version('playground') };
}

export async function runCode(
  code: string,
  opts: { backend: RunTarget; goBackend?: GoBackend; leakCheck: boolean; signal: AbortSignal },
): Promise<RunResult> {
  const r = await runProgram(client(opts.backend, opts.goBackend), code, { leakCheck: opts.leakCheck, signal: opts.signal });
  return {
    errors: r.errors,
    vetErrors: r.vetErrors,
    events: r.events,
    status: r.status,
    stdout: r.stdout,
    leak: opts.leakCheck ? r.leak : null,
    crashDump: r.programDump ?? null,
    timedOut: r.timedOut,
  };
}

export function formatCode(code: string, opts: { backend: RunTarget; signal: AbortSignal }) {
  return client(opts.backend).fmt(code, true, { signal: opts.signal });
}

/** Shows the events paced by their fake-time delays, compressed to about a second in total. */
export async function replayEvents(
  events: PlaygroundEvent[],
  write: (text: string, kind: 'stdout' | 'stderr' | 'note') => void,
  signal: AbortSignal,
): Promise<void> {
  for (const step of replaySchedule(events)) {
    if (step.waitMs > 0) await sleep(step.waitMs, signal);
    if (signal.aborted) throw signal.reason;
    if (step.marker) write(`${step.marker}\n`, 'note');
    write(step.message, step.kind);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
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

/**
 * Where a file's line sits in the editor. The editor holds the whole program: plain Go (prog.go)
 * or a txtar whose files follow `-- name --` lines. Null for files that are not the learner's.
 */
export function editorLine(code: string, file: string, line: number): number | null {
  const name = file.split(/[\\/]/).pop()!;
  const lines = code.split('\n');
  const marker = lines.findIndex((l) => l === `-- ${name} --`);
  if (marker >= 0) return marker + 1 + line;
  if (name !== 'prog.go') return null;
  // prog.go is the text before the first marker (or the whole program).
  const first = lines.findIndex((l) => /^-- .+ --$/.test(l));
  return first < 0 || line <= first ? line : null;
}

export interface Problem extends EditorProblem {
  file: string;
  /** Line in the file as Go reported it (the editor line may differ in a txtar). */
  fileLine: number;
}

/** Go build or vet diagnostics as editor problems, columns converted from bytes to UTF-16. */
export function parseProblems(text: string, code: string, severity: EditorProblem['severity']): Problem[] {
  const lines = code.split('\n');
  const problems: Problem[] = [];
  for (const d of parseGoErrors(text)) {
    const line = editorLine(code, d.file, d.line);
    if (line === null) continue;
    const column = byteColumnToUtf16(lines[line - 1] ?? '', d.col || 1);
    problems.push({ file: d.file.split('/').pop()!, fileLine: d.line, line, column, message: d.message, severity });
  }
  return problems;
}

/**
 * Runs course programs for the content test through the project's runner: `runProgram` from
 * src/lib/runner (the same leak-check harness and verdict parsing the browser uses) over a client
 * talking to the local Playground-compatible server (server/index.ts `startServer`).
 *
 * Until the server module exists, the transport is a minimal stand-in with the same protocol: it
 * builds with the local toolchain exactly as the Playground does (`-tags=faketime`, a go.mod
 * `module play` completed by `-mod=mod`, txtar split by the runner's own splitFiles) and decodes the
 * fake-time framing with the runner's decodeFaketime. Everything above the transport is the real
 * runner code either way.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ExerciseMeta } from '../../src/lib/content/schema.ts';
import {
  createClient,
  decodeFaketime,
  runProgram,
  splitFiles,
  type CompileResponse,
  type RunnerClient,
} from '../../src/lib/runner/index.ts';
import { ROOT } from './helpers.ts';

const exec = promisify(execFile);

export interface LeakReport {
  leaked: number;
  /** Leaked goroutines per wait state, e.g. {"chan send": 2}. */
  states: Record<string, number>;
}

export interface CourseRunResult {
  /** Build errors; '' when the program compiled. */
  errors: string;
  status: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Undefined when the leak check did not report (opted out, died, timed out). */
  leak?: LeakReport;
}

export interface CourseRunner {
  /** 'server' when the project's server is used, 'local-transport' for the interim stand-in. */
  via: string;
  run(source: string, opts: { leakCheck: boolean }): Promise<CourseRunResult>;
  close(): Promise<void>;
}

interface StartedServer {
  url?: string;
  port?: number;
  close: () => Promise<void> | void;
}

async function serverClient(): Promise<{ client: RunnerClient; close: () => Promise<void> } | undefined> {
  const path = join(ROOT, 'server', 'index.ts');
  if (!existsSync(path)) return undefined;
  const mod = (await import(/* @vite-ignore */ path)) as {
    startServer?: (opts: Record<string, unknown>) => Promise<StartedServer>;
  };
  if (typeof mod.startServer !== 'function') return undefined;
  const srv = await mod.startServer({ host: '127.0.0.1', port: 0, quiet: true, static: false });
  const baseUrl = srv.url ?? `http://127.0.0.1:${srv.port}`;
  return { client: createClient({ backend: 'server', baseUrl }), close: async () => void (await srv.close()) };
}

/** The interim transport: the Playground's build and run, on the local toolchain. */
function localTransport(): RunnerClient {
  return {
    backend: 'server',
    baseUrl: 'local',
    async compile(src: string): Promise<CompileResponse> {
      const dir = await mkdtemp(join(tmpdir(), 'leaklab-course-'));
      try {
        const files = splitFiles(src);
        for (const f of files) {
          await mkdir(dirname(join(dir, f.name)), { recursive: true });
          await writeFile(join(dir, f.name), f.data);
        }
        if (!files.some((f) => f.name === 'go.mod')) await writeFile(join(dir, 'go.mod'), 'module play\n');
        try {
          await exec('go', ['build', '-mod=mod', '-tags=faketime', '-o', 'a.out', '.'], {
            cwd: dir,
            env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '' },
          });
        } catch (err) {
          const e = err as { stderr?: string };
          return { Errors: (e.stderr ?? String(err)).replaceAll(dir + '/', './'), Events: null, Status: 0, IsTest: false, TestsFailed: 0 };
        }
        // GOMAXPROCS=1: faketime binaries of Go 1.23 hang intermittently in GC with more Ps.
        const r = await new Promise<{ code: number; killed: boolean; out: Buffer; err: Buffer }>((resolve) => {
          const child = execFile(
            './a.out',
            [],
            { cwd: dir, encoding: 'buffer', timeout: 5000, maxBuffer: 4 << 20, env: { GOMAXPROCS: '1', PATH: '/usr/bin:/bin' } },
            (error, out, errOut) => {
              const e = error as (Error & { code?: number; killed?: boolean }) | null;
              resolve({ code: typeof e?.code === 'number' ? e.code : e ? 1 : 0, killed: !!e?.killed, out, err: errOut });
            },
          );
          child.stdin?.end();
        });
        const events = decodeFaketime(new Uint8Array(r.out), new Uint8Array(r.err));
        if (r.killed) events.push({ Message: 'timeout running program\n', Kind: 'stderr', Delay: 0 });
        return { Errors: '', Events: events, Status: r.killed ? 1 : r.code, IsTest: false, TestsFailed: 0 };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async fmt() {
      throw new Error('not used by the content test');
    },
    async version() {
      return { Version: 'local', Release: 'local', Name: 'local' };
    },
  };
}

export async function startRunner(): Promise<CourseRunner> {
  const server = await serverClient();
  const client = server?.client ?? localTransport();
  return {
    via: server ? 'server' : 'local-transport',
    async run(source, { leakCheck }) {
      const r = await runProgram(client, source, { leakCheck, withVet: false });
      let leak: LeakReport | undefined;
      if (r.leak.checked) {
        const states: Record<string, number> = {};
        for (const g of r.leak.goroutines) states[g.state] = (states[g.state] ?? 0) + 1;
        leak = { leaked: r.leak.leaked, states };
      }
      return { errors: r.errors, status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut, leak };
    },
    async close() {
      await server?.close();
    },
  };
}

/** The exercise check the browser applies: status, stdout, and no leaked goroutines. */
export function checkExercise(check: ExerciseMeta['check'], r: CourseRunResult): { pass: boolean; failures: string[] } {
  const failures: string[] = [];
  if (r.errors) failures.push(`build failed: ${r.errors}`);
  if (r.timedOut) failures.push('timed out');
  if (r.status !== check.status) failures.push(`exit status ${r.status}, want ${check.status}`);
  if (check.stdout !== undefined && r.stdout !== check.stdout)
    failures.push(`stdout ${JSON.stringify(r.stdout)}, want ${JSON.stringify(check.stdout)}`);
  for (const s of check.stdoutIncludes ?? []) if (!r.stdout.includes(s)) failures.push(`stdout lacks ${JSON.stringify(s)}`);
  if (check.noLeaks) {
    if (!r.leak) failures.push('no leak verdict');
    else if (r.leak.leaked > 0) failures.push(`${r.leak.leaked} goroutines leaked`);
  }
  return { pass: failures.length === 0, failures };
}

/**
 * The local backend: builds with `-tags=faketime` and runs in the sandbox, giving the Playground's
 * semantics (instant sleeps, its deadlock detection, txtar, test mode) without the network.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompileResponse, FmtResponse, PlaygroundEvent } from '../src/lib/runner/protocol.ts';
import { BUILD_TIMEOUT_MS, MAX_OUTPUT_BYTES, RUN_TIMEOUT_MS } from '../src/lib/runner/protocol.ts';
import { decodeFaketime } from '../src/lib/runner/faketime.ts';
import { isTestProgram, packageName } from '../src/lib/runner/goscan.ts';
import { joinFiles, splitFiles, type TxtarFile } from '../src/lib/runner/txtar.ts';
import { HttpError } from './http.ts';
import { runSandboxed, type Isolation } from './sandbox.ts';
import type { Toolchain } from './toolchain.ts';
import { moduleEnv, prepareModule } from './modules.ts';

export const BUILD_TIMEOUT_MESSAGE = 'timeout running go build';
const BUILD_DATA_LIMIT = 2 * 1024 * 1024 * 1024;
const BUILD_FILE_LIMIT = 512 * 1024 * 1024;
export const RUN_TIMEOUT_MESSAGE = 'timeout running program';
export const TRUNCATION_NOTICE = `\n[output truncated: the program wrote more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB and was stopped]\n`;

interface Exec {
  code: number;
  output: string;
  timedOut: boolean;
}

export interface LocalBackendOptions {
  toolchain: Toolchain;
  isolation: Isolation;
  /** Runs happen in fresh directories under this one. */
  tempRoot: string;
  /** Defaults are the Playground's 10 s build and 5 s run; tests shorten them. */
  buildTimeoutMs?: number;
  runTimeoutMs?: number;
}

export class LocalBackend {
  readonly tc: Toolchain;
  readonly iso: Isolation;
  readonly tempRoot: string;
  readonly buildTimeoutMs: number;
  readonly runTimeoutMs: number;
  private seq = 0;
  /**
   * `module play` plus the toolchain's language version: without a go line Go would assume 1.16
   * (per-loop variables, asynchronous timer channels), and the lessons teach today's semantics.
   */
  readonly goMod: string;

  constructor(opts: LocalBackendOptions) {
    this.tc = opts.toolchain;
    this.iso = opts.isolation;
    this.tempRoot = opts.tempRoot;
    this.buildTimeoutMs = opts.buildTimeoutMs ?? BUILD_TIMEOUT_MS;
    this.runTimeoutMs = opts.runTimeoutMs ?? RUN_TIMEOUT_MS;
    const lang = /^go(\d+\.\d+)/.exec(this.tc.version)?.[1] ?? '1.23';
    this.goMod = `module play\n\ngo ${lang}\n`;
  }

  private goEnv(tc: Toolchain = this.tc): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of ['PATH', 'HOME', 'GOCACHE', 'GOPATH', 'GOMODCACHE', 'TMPDIR']) {
      const v = process.env[k];
      if (v) env[k] = v;
    }
    return {
      ...env,
      PATH: `${path.dirname(tc.go)}:${env.PATH ?? '/usr/bin:/bin'}`,
      GOROOT: tc.goroot,
      // Offline and self-contained: no downloads, no toolchain switching, no cgo (a C compiler
      // would run whatever #cgo flags the program asks for).
      GOPROXY: 'off',
      // -buildvcs=false and GOVCS: a program's own .git/config (core.fsmonitor...) must never make
      // the go command run git, which would execute it as this user.
      GOFLAGS: '-mod=mod -buildvcs=false',
      GOVCS: '*:off',
      GOTOOLCHAIN: 'local',
      GOWORK: 'off',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
      GOTELEMETRY: 'off',
      GOSUMDB: 'off',
      GONOSUMCHECK: '1',
      ...moduleEnv(),
    };
  }

  /** Runs a go command in `dir`, killing its whole process group on timeout. */
  private exec(
    args: string[],
    dir: string,
    timeoutMs: number,
    cmd = this.tc.go,
    stdin?: string,
    signal?: AbortSignal,
    tc: Toolchain = this.tc,
  ): Promise<Exec> {
    return new Promise((resolve) => {
      // The compiler runs as this user on untrusted input: bound its memory and output files too.
      const argv = this.iso.prlimit
        ? [this.iso.prlimit, `--data=${BUILD_DATA_LIMIT}`, `--fsize=${BUILD_FILE_LIMIT}`, '--core=0', '--', cmd, ...args]
        : [cmd, ...args];
      const child = spawn(argv[0], argv.slice(1), {
        cwd: dir,
        env: this.goEnv(tc),
        detached: true,
        stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      const chunks: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      const keep = (c: Buffer) => {
        if (size < MAX_OUTPUT_BYTES) chunks.push(c);
        size += c.length;
      };
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      if (stdin !== undefined) {
        child.stdin!.on('error', () => {});
        child.stdin!.end(stdin);
      }
      const kill = () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, timeoutMs);
      signal?.addEventListener('abort', kill, { once: true });
      if (signal?.aborted) kill();
      let done = false;
      const finish = (code: number) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', kill);
        kill();
        resolve({ code, output: Buffer.concat(chunks).toString('utf8'), timedOut });
      };
      child.on('error', (e) => {
        chunks.push(Buffer.from(`cannot run ${cmd}: ${e.message}\n`));
        finish(1);
      });
      child.on('close', (code) => finish(code ?? 1));
    });
  }

  private cleanOutput(text: string, dir: string): string {
    // Like the Playground: paths relative to the program, and no `# package` headers.
    return text
      .split(dir + '/')
      .join('')
      .split(dir)
      .join('.')
      .replace(/^# .*\n/gm, '');
  }

  /** Warms the faketime build cache: the first build recompiles the runtime with the tag (~6 s). */
  async warm(): Promise<void> {
    // Every toolchain a learner can pick (backend=goprev too): a cold faketime build takes ~20 s.
    const { findToolchains } = await import('./toolchain.ts');
    for (const tc of [this.tc, ...findToolchains().filter((t) => t.goroot !== this.tc.goroot)]) await this.warmOne(tc);
  }

  private async warmOne(tc: Toolchain): Promise<void> {
    const dir = await mkdtemp(path.join(this.tempRoot, 'warm-'));
    try {
      await writeFile(path.join(dir, 'go.mod'), `module play\n\ngo ${tc.release}\n`);
      await writeFile(
        path.join(dir, 'prog.go'),
        'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"runtime"\n\t"sync"\n\t"testing"\n\t"time"\n)\n\nvar _ = testing.Short\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tgo func() { defer wg.Done(); time.Sleep(time.Second) }()\n\twg.Wait()\n\tfmt.Fprintln(os.Stderr, runtime.NumGoroutine())\n}\n',
      );
      await this.exec(['build', '-o', 'a.out', '-tags=faketime', '.'], dir, 120_000, tc.go, undefined, undefined, tc);
      await this.exec(['vet', '-tags=faketime', '.'], dir, 120_000, tc.go, undefined, undefined, tc);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async compile(body: string, withVet: boolean, slot: number, signal?: AbortSignal, tc: Toolchain = this.tc): Promise<CompileResponse> {
    const files = splitFiles(body); // TxtarError is turned into a 400 by the caller.
    for (const f of files) {
      if (!f.name.includes('/') && f.name.endsWith('.go') && packageName(f.data) !== 'main' && packageName(f.data) !== '') {
        return buildFailure('package name must be main\n');
      }
    }
    const hidden = files.find((f) => f.name.split('/').some((part) => part.startsWith('.')));
    if (hidden) return buildFailure(`file names starting with "." are not allowed on this runner (${hidden.name})\n`);
    const mod = files.find((f) => f.name === 'go.mod');
    if (mod && /^\s*replace\b[^\n]*=>\s*(\/|\.\.)/m.test(mod.data)) {
      return buildFailure('go.mod: replace directives pointing outside the program are not allowed on this runner\n');
    }
    let testMode = false;
    let toWrite: TxtarFile[] = files;
    const prog = files.find((f) => f.name === 'prog.go');
    if (prog && !files.some((f) => f.name === 'prog_test.go') && isTestProgram(prog.data)) {
      // The Playground's rule: prog.go with tests and no main becomes prog_test.go, built with `go test -c`.
      testMode = true;
      toWrite = files.map((f) => (f === prog ? { name: 'prog_test.go', data: f.data } : f));
    }

    const dir = await mkdtemp(path.join(this.tempRoot, `run-${++this.seq}-`));
    try {
      for (const f of toWrite) {
        const target = path.join(dir, f.name);
        if (!target.startsWith(dir + path.sep)) return buildFailure(`invalid file name ${JSON.stringify(f.name)}\n`);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, f.data);
      }
      prepareModule(dir, tc.release);
      const exe = path.join(dir, 'a.out');
      const buildArgs = testMode ? ['test', '-c', '-o', exe, '-tags=faketime', '.'] : ['build', '-o', exe, '-tags=faketime', '.'];
      const build = await this.exec(buildArgs, dir, this.buildTimeoutMs, tc.go, undefined, signal, tc);
      if (signal?.aborted) throw cancelled();
      if (build.timedOut) return buildFailure(BUILD_TIMEOUT_MESSAGE + '\n');
      if (build.code !== 0) {
        let msg = this.cleanOutput(build.output, dir);
        if (/GOPROXY=off|no required module provides package|cannot find module providing/.test(msg)) {
          msg +=
            '\nnote: this runner works offline; only the standard library, go.uber.org/goleak and golang.org/x/sync can be imported.\n';
        }
        return buildFailure(msg);
      }
      // The binary must be readable and executable by the sandbox's unprivileged uid.
      await chmod(dir, 0o755);
      await chmod(exe, 0o755);

      const vet = withVet
        ? this.exec(['vet', '-tags=faketime', '.'], dir, this.buildTimeoutMs, tc.go, undefined, signal, tc)
        : Promise.resolve(null);
      const run = await runSandboxed({
        binary: exe,
        args: testMode ? ['-test.v'] : [],
        slot,
        timeoutMs: this.runTimeoutMs,
        maxOutput: MAX_OUTPUT_BYTES,
        cwd: dir,
        signal,
      });
      const vetRes = await vet;
      // Nobody is waiting for this answer, and a killed run must not be cached as the program's output.
      if (signal?.aborted) throw cancelled();

      const events: PlaygroundEvent[] = decodeFaketime(run.stdout, run.stderr);
      if (run.truncated) events.push({ Message: TRUNCATION_NOTICE, Kind: 'stderr', Delay: 0 });
      if (run.timedOut) events.push({ Message: `\n${RUN_TIMEOUT_MESSAGE}\n`, Kind: 'stderr', Delay: 0 });
      const status = run.timedOut || run.truncated ? (run.exitCode === 0 ? 1 : run.exitCode) : run.exitCode;
      let vetErrors = '';
      if (vetRes && vetRes.code !== 0 && !vetRes.timedOut) vetErrors = this.cleanOutput(vetRes.output, dir);
      const resp: CompileResponse = {
        Errors: '',
        Events: events,
        Status: status,
        IsTest: testMode,
        TestsFailed: testMode ? events.reduce((n, e) => n + e.Message.split('--- FAIL').length - 1, 0) : 0,
      };
      if (withVet) {
        if (vetErrors) resp.VetErrors = vetErrors;
        else resp.VetOK = true;
      }
      return resp;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** gofmt for every .go file of the program; goimports is not available offline. */
  async fmt(body: string, tc: Toolchain = this.tc): Promise<FmtResponse> {
    const files = splitFiles(body);
    const out: TxtarFile[] = [];
    for (const f of files) {
      if (!f.name.endsWith('.go')) {
        out.push(f);
        continue;
      }
      const res = await this.exec([], this.tempRoot, 5000, tc.gofmt, f.data, undefined, tc);
      if (res.timedOut) return { Body: '', Error: 'timeout running gofmt' };
      if (res.code !== 0) return { Body: '', Error: res.output.replaceAll('<standard input>', f.name).trim() };
      out.push({ name: f.name, data: res.output });
    }
    return { Body: joinFiles(out), Error: '' };
  }
}

function cancelled(): HttpError {
  return new HttpError(499, 'cancelled', 'the client went away; the run was stopped');
}

function buildFailure(errors: string): CompileResponse {
  return { Errors: errors, Events: null, Status: 0, IsTest: false, TestsFailed: 0 };
}

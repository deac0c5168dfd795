/**
 * The local backend: builds with `-tags=faketime` and runs in the sandbox, giving the Playground's
 * semantics (instant sleeps, its deadlock detection, txtar, test mode) without the network.
 */
import { randomBytes } from 'node:crypto';
import { chown, lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type {
  CompileResponse,
  FmtResponse,
  GoBackend,
  PlaygroundEvent,
  VersionEntry,
  VersionResponse,
} from '../src/lib/runner/protocol.ts';
import { BUILD_TIMEOUT_MS, isGoBackend, MAX_OUTPUT_BYTES, RUN_TIMEOUT_MS } from '../src/lib/runner/protocol.ts';
import { decodeFaketime } from '../src/lib/runner/faketime.ts';
import { isTestProgram, packageName } from '../src/lib/runner/goscan.ts';
import { instrument } from '../src/lib/runner/harness.ts';
import { joinFiles, splitFiles, type TxtarFile } from '../src/lib/runner/txtar.ts';
import { NO_CACHE } from './cache.ts';
import { HttpError } from './http.ts';
import { fillModuleCache, moduleEnv, moduleReadOnlyPaths, prepareModule } from './modules.ts';
import { unknownGoBackend, type Backend, type BackendInfo, type CompileJob, type FmtJob, type GoChoice } from './backend.ts';
import { runSandboxed, sandboxArgv, sandboxFiles, SANDBOX_UID, type Isolation } from './sandbox.ts';
import { boundedSpawn } from './spawn.ts';
import { findToolchains, toolchainForBackend, type Toolchain } from './toolchain.ts';

export const BUILD_TIMEOUT_MESSAGE = 'timeout running go build';
const BUILD_DATA_LIMIT = 2 * 1024 * 1024 * 1024;
/** Object files and the binary: a program that makes the compiler write more is refused. */
const BUILD_FILE_LIMIT = 64 * 1024 * 1024;
/** The shared build cache is trimmed, oldest entries first, when it grows past this. */
export const GOCACHE_LIMIT_BYTES = 1024 * 1024 * 1024;
/** A trim goes down to this share of the cap, so the next builds do not trigger another at once. */
const TRIM_TO = 0.8;
/** Go refreshes an entry's mtime when it uses it, at most once an hour (cmd/go/internal/cache). */
const GO_MTIME_INTERVAL_MS = 60 * 60 * 1000;
const TRIM_INTERVAL_MS = 2000;
export const RUN_TIMEOUT_MESSAGE = 'timeout running program';
export const TRUNCATION_NOTICE = `\n[output truncated: the program wrote more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB and was stopped]\n`;
/** Where the program's files are inside the build sandbox; stack traces show it like the Playground's /tmp/sandbox123. */
export const SANDBOX_DIR = '/tmp/sandbox';
const SANDBOX_GOCACHE = '/gocache';
/**
 * No DWARF and no ELF symbol table: the link, most of a warm build, takes about a third less.
 * Stack traces, panics and runtime/pprof read the pclntab, which stays, so output is unchanged.
 */
const BUILD_FLAGS = ['-ldflags=-s -w', '-tags=faketime', '.'];
/** Sources the go command would hand to an assembler, a C compiler or the linker as-is. */
const FOREIGN_SOURCE = /\.(s|S|sx|syso|c|cc|cxx|cpp|h|hh|hpp|hxx|m|f|F|for|f90|swig|swigcxx)$/;
const CGO_IMPORT =
  /^\s*import\s+(?:(?:[\p{L}_][\p{L}\p{N}_]*|\.)\s+)?"C"|^\s*import\s*\((?:[^)]|\n)*?^\s*(?:(?:[\p{L}_][\p{L}\p{N}_]*|\.)\s+)?"C"\s*$/mu;

interface Exec {
  code: number;
  output: string;
  timedOut: boolean;
  /** Killed by a signal or a limit, or the sandbox failed: the answer says nothing about the program. */
  abnormal: boolean;
}

/** Where one run's time went, in ms from the request's start (the bench prints it; `vet` overlaps `build`). */
export interface RunPhases {
  prepare: number;
  build: number;
  vet: number;
  run: number;
  total: number;
}

export interface LocalBackendOptions {
  toolchain: Toolchain;
  isolation: Isolation;
  /** Runs happen in fresh directories under this one. */
  tempRoot: string;
  /** The go build cache (shared by this server's builds, trimmed past GOCACHE_LIMIT_BYTES). */
  goCache?: string;
  /** Defaults are the Playground's 10 s build and 5 s run; tests shorten them. */
  buildTimeoutMs?: number;
  runTimeoutMs?: number;
  /** The build cache's cap (GOCACHE_LIMIT_BYTES); tests lower it. */
  goCacheLimitBytes?: number;
}

export class LocalBackend implements Backend {
  readonly kind = 'local' as const;
  readonly tc: Toolchain;
  readonly iso: Isolation;
  readonly tempRoot: string;
  readonly goCache: string;
  readonly buildTimeoutMs: number;
  readonly runTimeoutMs: number;
  /** Set by the bench to see each run's phases. */
  onPhases?: (p: RunPhases) => void;
  readonly goCacheLimitBytes: number;
  private seq = 0;
  private trimming: Promise<void> | null = null;
  private trimTimer: NodeJS.Timeout | null = null;
  private lastTrim = 0;
  /**
   * Cache entries the warm-up used (the faketime standard library): never evicted, so no program
   * can make every learner's next build recompile the runtime. Relative paths, fixed at warm-up.
   */
  private pinned = new Set<string>();

  constructor(opts: LocalBackendOptions) {
    this.tc = opts.toolchain;
    this.iso = opts.isolation;
    this.tempRoot = opts.tempRoot;
    this.goCache = opts.goCache ?? path.join(opts.tempRoot, 'gocache');
    this.buildTimeoutMs = opts.buildTimeoutMs ?? BUILD_TIMEOUT_MS;
    this.runTimeoutMs = opts.runTimeoutMs ?? RUN_TIMEOUT_MS;
    // At start, not at the first build: a module cache someone else controls stops the server.
    moduleReadOnlyPaths();
    this.goCacheLimitBytes = opts.goCacheLimitBytes ?? GOCACHE_LIMIT_BYTES;
  }

  /** The toolchains on offer: this backend's default first, then the others (newest first). */
  toolchains(): Toolchain[] {
    return [this.tc, ...findToolchains().filter((t) => t.goroot !== this.tc.goroot)];
  }

  /** '' is the default release, 'goprev' the previous one (go.dev's version menu); a string is the learner's error. */
  private toolchainFor(goBackend: GoBackend): Toolchain | string {
    const tc = toolchainForBackend(goBackend, this.toolchains());
    if (!tc) {
      return `backend "goprev" (Go's previous release) is not installed on this runner; it runs ${this.tc.version} only (install it with scripts/fetch-tools.sh or set LEAKLAB_GO)\n`;
    }
    return tc;
  }

  pickGo(goBackend: string): GoChoice | string {
    if (!isGoBackend(goBackend)) return unknownGoBackend(goBackend, 'this runner');
    const tc = this.toolchainFor(goBackend);
    return typeof tc === 'string' ? tc : { goBackend, cacheScope: tc.version };
  }

  async version(): Promise<VersionResponse> {
    const list = this.toolchains();
    const versions: VersionEntry[] = [{ Backend: '', Version: list[0].version, Release: list[0].release }];
    const prev = toolchainForBackend('goprev', list);
    if (prev) versions.push({ Backend: 'goprev', Version: prev.version, Release: prev.release });
    return {
      Version: this.tc.version,
      Release: this.tc.version.replace(/^(go\d+\.\d+).*/, '$1'),
      Name: this.tc.version.replace(/^go(\d+\.\d+).*/, 'Go $1'),
      Backend: this.kind,
      Isolated: this.iso.isolated,
      IsolationNote: this.iso.note,
      Versions: versions,
    };
  }

  describe(): BackendInfo {
    return { goVersion: this.tc.version, isolated: this.iso.isolated, isolationNote: this.iso.note };
  }

  async compile(job: CompileJob): Promise<CompileResponse> {
    const tc = this.toolchainFor(job.go.goBackend);
    if (typeof tc === 'string') return buildFailure(tc);
    return this.compileWith(tc, job.body, job.withVet, job.slot, job.signal);
  }

  async fmt(job: FmtJob): Promise<FmtResponse> {
    const tc = this.toolchainFor(job.go.goBackend);
    if (typeof tc === 'string') return { Body: '', Error: tc.trim() };
    return this.fmtWith(tc, job.body);
  }

  /** Makes a directory usable by the sandbox's uid when the server is root. */
  private async handOver(p: string): Promise<void> {
    if (!this.iso.isolated || !this.iso.setpriv) return;
    const st = await lstat(p);
    if (st.isSymbolicLink()) return;
    await chown(p, SANDBOX_UID, SANDBOX_UID);
    if (st.isDirectory()) for (const name of await readdir(p)) await this.handOver(path.join(p, name));
  }

  async ensureCache(): Promise<void> {
    await mkdir(this.goCache, { recursive: true, mode: 0o700 });
    // Filled by the server and owned by it: builds only read the module cache.
    fillModuleCache(this.tc.go);
    if (this.iso.isolated && this.iso.setpriv) await chown(this.goCache, SANDBOX_UID, SANDBOX_UID);
  }

  private goEnv(tc: Toolchain, dir: string): Record<string, string> {
    const inside = this.iso.isolated;
    const goroot = realpathSync(tc.goroot);
    const goBin = realpathSync(tc.go);
    return {
      PATH: `${path.dirname(inside ? inSandbox(goBin, goroot) : goBin)}:/usr/bin:/bin`,
      HOME: inside ? '/tmp' : dir,
      TMPDIR: inside ? '/tmp' : dir,
      GOROOT: inside ? SANDBOX_GOROOT : goroot,
      GOCACHE: inside ? SANDBOX_GOCACHE : this.goCache,
      GOPATH: inside ? '/tmp/gopath' : path.join(dir, '.gopath'),
      // Offline and self-contained: no downloads, no toolchain switching, no cgo (a C compiler
      // would run whatever #cgo flags the program asks for).
      GOPROXY: 'off',
      // -buildvcs=false and GOVCS: a program's own .git/config (core.fsmonitor...) must never make
      // the go command run git.
      GOFLAGS: '-mod=mod -buildvcs=false',
      GOVCS: '*:off',
      GOTOOLCHAIN: 'local',
      GOWORK: 'off',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
      GOTELEMETRY: 'off',
      GOSUMDB: 'off',
      GONOSUMCHECK: '1',
      LANG: 'C.UTF-8',
      ...moduleEnv(),
    };
  }

  /** Runs a go command (or gofmt) on the program in `dir`, inside the build sandbox. */
  private async exec(
    tc: Toolchain,
    args: string[],
    dir: string,
    timeoutMs: number,
    cmd = tc.go,
    stdin?: string,
    signal?: AbortSignal,
  ): Promise<Exec> {
    const limits = { data: BUILD_DATA_LIMIT, fsize: BUILD_FILE_LIMIT, nofile: 1024, nproc: 512 };
    const goroot = realpathSync(tc.goroot);
    const exe = realpathSync(cmd);
    let argv: string[];
    let cwd = dir;
    if (this.iso.isolated) {
      const ro = [...toolchainMounts(goroot)];
      if (!exe.startsWith(goroot + path.sep)) ro.push([exe, exe]);
      for (const p of moduleReadOnlyPaths()) ro.push([realpathSync(p), p]);
      argv = sandboxArgv(
        this.iso,
        {
          ro,
          rw: [
            [dir, SANDBOX_DIR],
            [this.goCache, SANDBOX_GOCACHE],
          ],
          scratch: SANDBOX_GOROOT_PARENT ? [SANDBOX_GOROOT_PARENT] : [],
          tmpBytes: 512 << 20,
          chdir: SANDBOX_DIR,
          limits,
        },
        [inSandbox(exe, goroot), ...args],
      );
      // bwrap is the sandbox's pid 1: its cwd and PWD are visible in /proc/1, so nothing of the host's.
      cwd = '/';
    } else {
      // No user namespace here: RLIMIT_NPROC would count every process of this user.
      const perProcess = Object.entries(limits).filter(([k]) => k !== 'nproc');
      argv = this.iso.prlimit
        ? [this.iso.prlimit, ...perProcess.map(([k, v]) => `--${k}=${v}`), '--core=0', '--', exe, ...args]
        : [exe, ...args];
    }
    const r = await boundedSpawn({
      argv,
      env: this.goEnv(tc, dir),
      cwd,
      timeoutMs,
      maxOutput: MAX_OUTPUT_BYTES,
      stdin,
      signal,
      files: sandboxFiles(this.iso),
    });
    let output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
    if (r.spawnError) output += `cannot run ${path.basename(cmd)}: ${r.spawnError}\n`;
    if (r.code === 0 && r.stdout.length && stdin !== undefined) output = r.stdout.toString('utf8');
    const abnormal = r.timedOut || r.truncated || r.signal !== null || r.spawnError !== null || r.code > 125 || /^bwrap: /m.test(output);
    return { code: r.spawnError ? 1 : r.code, output, timedOut: r.timedOut, abnormal };
  }

  private cleanOutput(text: string, dir: string): string {
    // Like the Playground: paths relative to the program, and no `# package` headers.
    let t = text;
    for (const d of [dir, SANDBOX_DIR])
      t = t
        .split(d + '/')
        .join('')
        .split(d)
        .join('.');
    return t.replace(/^# .*\n/gm, '');
  }

  /**
   * After a build: a trim at most every TRIM_INTERVAL_MS (a scan stats every entry), one at a time;
   * a build that ends meanwhile is covered by the trim already planned.
   */
  private maybeTrimCache(): void {
    if (this.trimTimer) return;
    const wait = Math.max(0, this.lastTrim + TRIM_INTERVAL_MS - Date.now());
    this.trimTimer = setTimeout(() => {
      void (async () => {
        await this.trimming;
        this.trimming = this.trimCache()
          .catch((err) => console.error('leaklab server: trimming the build cache failed:', err))
          .finally(() => {
            this.trimming = null;
            this.lastTrim = Date.now();
            this.trimTimer = null;
          });
      })();
    }, wait);
    this.trimTimer.unref();
  }

  /**
   * Keeps the build cache under its cap by removing the least recently used entries (by mtime,
   * which Go refreshes on use) down to TRIM_TO of the cap, never a pinned one: a program that fills
   * the cache pushes out other programs' entries, never the standard library everyone needs.
   */
  async trimCache(): Promise<void> {
    const entries = await cacheEntries(this.goCache);
    let total = entries.reduce((n, e) => n + e.size, 0);
    if (total <= this.goCacheLimitBytes) return;
    const target = this.goCacheLimitBytes * TRIM_TO;
    const evictable = entries.filter((e) => !this.pinned.has(e.rel)).sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const e of evictable) {
      if (total <= target) break;
      await rm(path.join(this.goCache, e.rel), { force: true });
      total -= e.size;
    }
  }

  /** A build killed at its deadline (a program made to fill the cache) leaves no entry behind. */
  private async dropEntriesSince(startMs: number): Promise<void> {
    for (const e of await cacheEntries(this.goCache)) {
      if (e.mtimeMs >= startMs && !this.pinned.has(e.rel)) await rm(path.join(this.goCache, e.rel), { force: true });
    }
  }

  /** Pins what the warm-up used: every entry Go touched (mtime refreshed within its interval) by now. */
  private async pinWarmEntries(warmStartMs: number): Promise<void> {
    const since = warmStartMs - GO_MTIME_INTERVAL_MS;
    this.pinned = new Set((await cacheEntries(this.goCache)).filter((e) => e.mtimeMs >= since).map((e) => e.rel));
  }

  /**
   * Warms the faketime build cache for every toolchain a learner can pick (backend=goprev too): the
   * first build recompiles the runtime with the tag (~20 s on Go 1.27).
   */
  async warm(only?: Toolchain): Promise<void> {
    const start = Date.now();
    for (const tc of only ? [only] : this.toolchains()) await this.warmOne(tc);
    await this.pinWarmEntries(start);
  }

  private async warmOne(tc: Toolchain): Promise<void> {
    await this.ensureCache();
    const dir = await mkdtemp(path.join(this.tempRoot, 'warm-'));
    try {
      // With the leak-check harness the UI adds (runtime/pprof, runtime/debug...): the first
      // learner's build then finds every package it links already compiled with the tag.
      const warmProgram = instrument(
        'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os"\n\t"runtime"\n\t"sync"\n\t"testing"\n\t"time"\n)\n\nvar _ = testing.Short\nvar _ = http.Get\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tgo func() { defer wg.Done(); time.Sleep(time.Second) }()\n\twg.Wait()\n\tfmt.Fprintln(os.Stderr, runtime.NumGoroutine())\n}\n',
      );
      for (const f of splitFiles(warmProgram.source)) await writeFile(path.join(dir, f.name), f.data);
      prepareModule(dir, tc.release);
      await this.handOver(dir);
      const b = await this.exec(tc, ['build', '-o', 'a.out', '-tags=faketime', '.'], dir, 180_000);
      if (b.code !== 0) throw new Error(`warm-up build failed: ${b.output.trim()}`);
      await this.exec(tc, ['vet', '-tags=faketime', '.'], dir, 180_000);
      // Test mode (`go test -c`) links testing's main and testdeps: warm those too.
      for (const f of await readdir(dir)) if (f.endsWith('.go')) await rm(path.join(dir, f));
      await writeFile(path.join(dir, 'prog.go'), 'package main\n\nimport "testing"\n\nfunc TestWarm(t *testing.T) {}\n');
      await rename(path.join(dir, 'prog.go'), path.join(dir, 'prog_test.go'));
      await this.handOver(dir);
      const t = await this.exec(tc, ['test', '-c', '-o', 'a.test', '-tags=faketime', '.'], dir, 180_000);
      if (t.code !== 0) throw new Error(`warm-up test build failed: ${t.output.trim()}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Refuses what would let the build read host files or run foreign code: assembly, cgo, filesystem replaces. */
  private async refuse(files: TxtarFile[], dir: string, tc: Toolchain, signal?: AbortSignal): Promise<CompileResponse | null> {
    for (const f of files) {
      const base = f.name.split('/').pop()!;
      if (FOREIGN_SOURCE.test(base)) return buildFailure(`${f.name}: assembly, C and object files are not allowed on this runner\n`);
      if (f.name.endsWith('.go') && CGO_IMPORT.test(f.data))
        return buildFailure(`${f.name}: cgo (import "C") is not allowed on this runner\n`);
    }
    if (!files.some((f) => f.name === 'go.mod')) return null;
    // The go command's own parser, so no spelling of a replace (block, quoted, ./../..) slips by.
    const r = await this.exec(tc, ['mod', 'edit', '-json'], dir, this.buildTimeoutMs, tc.go, undefined, signal);
    if (signal?.aborted) throw cancelled();
    if (r.code !== 0) return buildFailure(this.cleanOutput(r.output, dir) || 'go.mod: cannot be parsed\n', r.abnormal);
    let mod: { Replace?: { New: { Path: string; Version?: string } }[] | null };
    try {
      mod = JSON.parse(r.output) as typeof mod;
    } catch {
      return buildFailure('go.mod: cannot be parsed\n', true);
    }
    for (const rep of mod.Replace ?? []) {
      if (!rep.New.Version) return buildFailure(`go.mod: replace with a directory (${rep.New.Path}) is not allowed on this runner\n`);
    }
    return null;
  }

  async compileWith(tc: Toolchain, body: string, withVet: boolean, slot: number, signal?: AbortSignal): Promise<CompileResponse> {
    const t0 = performance.now();
    const phases: RunPhases = { prepare: 0, build: 0, vet: 0, run: 0, total: 0 };
    const since = () => performance.now() - t0;
    const files = splitFiles(body); // TxtarError is turned into a 400 by the caller.
    for (const f of files) {
      if (!f.name.includes('/') && f.name.endsWith('.go') && packageName(f.data) !== 'main' && packageName(f.data) !== '') {
        return buildFailure('package name must be main\n');
      }
    }
    const hidden = files.find((f) => f.name.split('/').some((part) => part.startsWith('.')));
    if (hidden) return buildFailure(`file names starting with "." are not allowed on this runner (${hidden.name})\n`);
    // The build writes a.out next to the sources: a learner's a.out would be run if the build wrote none.
    const clash = files.find((f) => f.name === 'a.out');
    if (clash) return buildFailure('a file named a.out is not allowed on this runner (the build writes it)\n');
    let testMode = false;
    let toWrite: TxtarFile[] = files;
    const prog = files.find((f) => f.name === 'prog.go');
    if (prog && !files.some((f) => f.name === 'prog_test.go') && isTestProgram(prog.data)) {
      // The Playground's rule: prog.go with tests and no main becomes prog_test.go, built with `go test -c`.
      testMode = true;
      toWrite = files.map((f) => (f === prog ? { name: 'prog_test.go', data: f.data } : f));
    }

    await this.ensureCache();
    const dir = await mkdtemp(path.join(this.tempRoot, `run-${++this.seq}-`));
    try {
      for (const f of toWrite) {
        const target = path.join(dir, f.name);
        if (!target.startsWith(dir + path.sep)) return buildFailure(`invalid file name ${JSON.stringify(f.name)}\n`);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, f.data);
      }
      if (!toWrite.some((f) => f.name === 'go.mod')) {
        prepareModule(dir, tc.release);
      }
      await this.handOver(dir);
      const refused = await this.refuse(toWrite, dir, tc, signal);
      if (refused) return refused;

      const exe = path.join(dir, 'a.out');
      const out = this.iso.isolated ? `${SANDBOX_DIR}/a.out` : exe;
      const buildArgs = testMode ? ['test', '-c', '-o', out, ...BUILD_FLAGS] : ['build', '-o', out, ...BUILD_FLAGS];
      phases.prepare = since();
      const buildStart = Date.now();
      // Vet runs next to the build (the Playground runs it after, with a TODO to do it
      // concurrently): it reads the same sources and cached export data and writes nothing into
      // the program's directory. A failed build stops it, so its answer never waits for vet.
      const vetStop = new AbortController();
      const vetSignal = signal ? AbortSignal.any([signal, vetStop.signal]) : vetStop.signal;
      const vet = withVet
        ? this.exec(tc, ['vet', '-tags=faketime', '.'], dir, this.buildTimeoutMs, tc.go, undefined, vetSignal).then((r) => {
            phases.vet = since();
            return r;
          })
        : Promise.resolve(null);
      const build = await this.exec(tc, buildArgs, dir, this.buildTimeoutMs, tc.go, undefined, signal);
      phases.build = since();
      // Before a warm-up succeeded nothing is pinned: a cold build killed at its deadline keeps what
      // it compiled (the faketime standard library), or the cache would never warm.
      if (build.timedOut && this.pinned.size > 0) await this.dropEntriesSince(buildStart).catch(() => {});
      if (build.code !== 0 || build.timedOut || signal?.aborted) {
        vetStop.abort();
        // The run directory is removed below: vet must be gone first.
        await vet;
      }
      if (signal?.aborted) throw cancelled();
      this.maybeTrimCache();
      if (build.timedOut) return buildFailure(BUILD_TIMEOUT_MESSAGE + '\n', true);
      if (build.code !== 0) {
        let msg = this.cleanOutput(build.output, dir);
        if (/GOPROXY=off|no required module provides package|cannot find module providing/.test(msg)) {
          msg +=
            '\nnote: this runner works offline; only the standard library, go.uber.org/goleak and golang.org/x/sync can be imported.\n';
        }
        if (/file too large|File size limit/i.test(msg) || build.code > 125)
          msg += `\nnote: the build was stopped: it wrote a file larger than ${BUILD_FILE_LIMIT >> 20} MiB or ran out of memory.\n`;
        return buildFailure(msg, build.abnormal);
      }

      // `go test -c` exits 0 without writing a binary when there are no test files to build.
      const built = await lstat(exe).catch(() => null);
      if (!built?.isFile() || built.mtimeMs < buildStart - 2000)
        return buildFailure('no program was built (a test program needs at least one test)\n');

      // The per-run secret of contract 4: only the program sees it, only this response carries it.
      const nonce = randomBytes(16).toString('hex');
      const run = await runSandboxed(
        {
          binary: exe,
          args: testMode ? ['-test.v'] : [],
          slot,
          timeoutMs: this.runTimeoutMs,
          maxOutput: MAX_OUTPUT_BYTES,
          cwd: dir,
          signal,
          env: { LEAKLAB_NONCE: nonce },
        },
        this.iso,
      );
      phases.run = since();
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
        LeakLabNonce: nonce,
      };
      if (withVet) {
        if (vetErrors) resp.VetErrors = vetErrors;
        else resp.VetOK = true;
      }
      // Only a program that ended on its own is worth replaying to the next person with the same source.
      const deterministic =
        !run.timedOut && !run.truncated && run.signal === null && run.exitCode <= 125 && !run.sandboxError && !vetRes?.abnormal;
      if (!deterministic) NO_CACHE.add(resp);
      phases.total = since();
      this.onPhases?.(phases);
      return resp;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** gofmt for every .go file of the program, in the build sandbox; goimports is not available offline. */
  async fmtWith(tc: Toolchain, body: string): Promise<FmtResponse> {
    const files = splitFiles(body);
    const out: TxtarFile[] = [];
    await this.ensureCache();
    const dir = await mkdtemp(path.join(this.tempRoot, 'fmt-'));
    try {
      await this.handOver(dir);
      for (const f of files) {
        if (!f.name.endsWith('.go')) {
          out.push(f);
          continue;
        }
        const res = await this.exec(tc, [], dir, 5000, tc.gofmt, f.data);
        if (res.timedOut) return { Body: '', Error: 'timeout running gofmt' };
        if (res.code !== 0) return { Body: '', Error: res.output.replaceAll('<standard input>', f.name).trim() };
        out.push({ name: f.name, data: res.output });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return { Body: joinFiles(out), Error: '' };
  }
}

/**
 * Where the build sandbox shows the toolchain, whatever its install location: the Playground's own
 * path, so stack traces (which carry GOROOT from the link) read the same on both runners. Host
 * /usr/local is hidden behind a read-only tmpfs for this; a host without /usr/local (where bwrap
 * could not mount one) gets the toolchain at the sandbox root instead.
 */
export const SANDBOX_GOROOT = existsSync('/usr/local') ? '/usr/local/go-faketime' : '/go-faketime';
const SANDBOX_GOROOT_PARENT = SANDBOX_GOROOT === '/usr/local/go-faketime' ? '/usr/local' : null;

/** A toolchain file's path inside the build sandbox (files outside GOROOT are bound where they are). */
function inSandbox(file: string, goroot: string): string {
  return file.startsWith(goroot + path.sep) ? path.posix.join(SANDBOX_GOROOT, path.relative(goroot, file)) : file;
}

const mountCache = new Map<string, [string, string][]>();
/**
 * GOROOT's entries bound one by one under SANDBOX_GOROOT with their symlinks resolved: Debian links
 * src/, api/, pkg/include... to ../../share/go-1.27, relative links that would dangle once moved.
 */
function toolchainMounts(goroot: string): readonly [string, string][] {
  let list = mountCache.get(goroot);
  if (!list) {
    list = [];
    const walk = (hostDir: string, at: string, depth: number) => {
      for (const e of readdirSync(hostDir, { withFileTypes: true })) {
        const host = path.join(hostDir, e.name);
        const dest = path.posix.join(at, e.name);
        if (e.isSymbolicLink()) {
          try {
            list!.push([realpathSync(host), dest]);
          } catch {
            // A dangling link (misc/ without its package): nothing to mount.
          }
        } else if (e.isDirectory() && depth === 0 && readdirSync(host, { withFileTypes: true }).some((c) => c.isSymbolicLink())) {
          walk(host, dest, depth + 1);
        } else list!.push([host, dest]);
      }
    };
    walk(goroot, SANDBOX_GOROOT, 0);
    mountCache.set(goroot, list);
  }
  return list;
}

interface CacheEntry {
  /** `xx/<hash>-a` or `xx/<hash>-d`, relative to GOCACHE. */
  rel: string;
  size: number;
  mtimeMs: number;
}

/** The files of a Go build cache: GOCACHE/<two hex digits>/<entry>. */
export async function cacheEntries(root: string): Promise<CacheEntry[]> {
  const out: CacheEntry[] = [];
  let dirs: string[];
  try {
    dirs = (await readdir(root)).filter((d) => /^[0-9a-f]{2}$/.test(d));
  } catch {
    return out;
  }
  for (const d of dirs) {
    let names: string[];
    try {
      names = await readdir(path.join(root, d));
    } catch {
      continue;
    }
    for (const name of names) {
      const st = await lstat(path.join(root, d, name)).catch(() => null);
      if (st?.isFile()) out.push({ rel: `${d}/${name}`, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  return out;
}

function cancelled(): HttpError {
  return new HttpError(499, 'cancelled', 'the client went away; the run was stopped');
}

function buildFailure(errors: string, abnormal = false): CompileResponse {
  const r: CompileResponse = { Errors: errors, Events: null, Status: 0, IsTest: false, TestsFailed: 0 };
  if (abnormal) NO_CACHE.add(r);
  return r;
}

/**
 * Runs untrusted commands (the go build of a learner's program, and the program itself) inside
 * bubblewrap, without needing root: fresh user, network (loopback only), pid, ipc, uts and cgroup
 * namespaces, a new session (no TIOCSTI into the server's terminal), a filesystem made only of what
 * is mounted here (no home directory, no project, no /etc), a clean environment, and rlimits set
 * inside the user namespace so they count per run. Started as root, the server drops to an
 * unprivileged uid before bwrap. Where bwrap cannot start, `isolated` is false and the server
 * confines the local backend to loopback (see index.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { boundedSpawn, type BoundedResult } from './spawn.ts';

export interface Isolation {
  isolated: boolean;
  note: string;
  bwrap: string | null;
  prlimit: string | null;
  /** Set when the server runs as root: setpriv drops to SANDBOX_UID before bwrap. */
  setpriv: string | null;
}

/** The host uid sandboxed commands run as when the server is root (nobody). */
export const SANDBOX_UID = 65534;
const RUN_DATA_LIMIT = 128 * 1024 * 1024;
const RUN_FILE_LIMIT = 1024 * 1024;
const RUN_NPROC = 64;

function which(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    if (dir && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return null;
}

const PROJECT_BWRAP = path.resolve(import.meta.dirname, '..', '.tools', 'bin', 'bwrap');

/** The system directories a static Go binary (and `sleep`, `sh` for tests) may need, read-only. */
function systemMounts(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const d of ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    const p = `/${d}`;
    let target: string | null = null;
    try {
      target = realpathSync(p);
    } catch {
      continue;
    }
    // Merged /usr: /bin -> usr/bin; keep it a symlink so nothing outside /usr becomes visible.
    if (target.startsWith('/usr/')) args.push('--symlink', target, p);
    else args.push('--ro-bind', p, p);
  }
  return args;
}

export interface SandboxSpec {
  /** Host path → sandbox path, read-only. */
  ro?: [string, string][];
  /** Host path → sandbox path, writable. */
  rw?: [string, string][];
  /** Size of the private /tmp tmpfs. */
  tmpBytes: number;
  chdir: string;
  /** rlimits applied inside the user namespace (prlimit long options without dashes). */
  limits: Record<string, number>;
}

/** The argv that runs `cmd` inside the sandbox described by `spec`. */
export function sandboxArgv(iso: Isolation, spec: SandboxSpec, cmd: string[]): string[] {
  if (!iso.bwrap || !iso.prlimit) throw new Error('no sandbox on this machine');
  const argv: string[] = [];
  if (iso.setpriv)
    argv.push(
      iso.setpriv,
      `--reuid=${SANDBOX_UID}`,
      `--regid=${SANDBOX_UID}`,
      '--clear-groups',
      '--no-new-privs',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
    );
  argv.push(
    iso.bwrap,
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    ...systemMounts(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(spec.tmpBytes),
    '--tmpfs',
    '/tmp',
  );
  for (const [src, dest] of spec.ro ?? []) argv.push('--ro-bind', src, dest);
  for (const [src, dest] of spec.rw ?? []) argv.push('--bind', src, dest);
  argv.push('--chdir', spec.chdir, '--', iso.prlimit);
  for (const [k, v] of Object.entries(spec.limits)) argv.push(`--${k}=${v}`);
  argv.push('--core=0', '--', ...cmd);
  return argv;
}

let cached: Isolation | null = null;

/** Finds bwrap and proves it works here (user namespaces may be disabled); cached per process. */
export function detectIsolation(): Isolation {
  if (cached) return cached;
  const bwrap = existsSync(PROJECT_BWRAP) ? PROJECT_BWRAP : which('bwrap');
  const prlimit = which('prlimit');
  const root = process.getuid?.() === 0;
  const setpriv = root ? which('setpriv') : null;
  const base: Isolation = { isolated: false, note: '', bwrap, prlimit, setpriv };
  if (!bwrap) base.note = 'bubblewrap (bwrap) not found: run scripts/fetch-tools.sh';
  else if (!prlimit) base.note = "util-linux's prlimit not found";
  else if (root && !setpriv) base.note = "running as root without util-linux's setpriv: cannot drop privileges";
  else {
    const argv = sandboxArgv({ ...base, isolated: true }, { tmpBytes: 1 << 20, chdir: '/tmp', limits: { nproc: 16 } }, [
      '/bin/sh',
      '-c',
      'exit 0',
    ]);
    const probe = spawnSync(argv[0], argv.slice(1), { timeout: 10_000, env: { PATH: '/usr/bin:/bin' } });
    if (probe.status === 0) {
      base.isolated = true;
      base.note =
        'each build and run in bubblewrap: no network, own pid/user namespaces, no home directory or project files, clean environment, per-run limits' +
        (root ? `, as uid ${SANDBOX_UID}` : '');
    } else base.note = `bubblewrap cannot start here (${String(probe.stderr ?? probe.error ?? '').trim() || `exit ${probe.status}`})`;
  }
  cached = base;
  return cached;
}

export interface SandboxResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The program wrote more than the output cap and was stopped. */
  truncated: boolean;
  /** The sandbox itself failed (not the program): never cache such a result. */
  sandboxError: string | null;
}

export interface SandboxRun {
  binary: string;
  args: string[];
  /** Concurrency slot (kept for callers; limits are per user namespace, so per run). */
  slot: number;
  timeoutMs: number;
  maxOutput: number;
  /** Working directory when not isolated (isolated runs start in their private /tmp). */
  cwd: string;
  /** The client went away (Stop button): kill the program now and free the slot. */
  signal?: AbortSignal;
  /** Extra environment for the program (the verdict nonce). */
  env?: Record<string, string>;
}

/** Where the program binary appears inside the sandbox. */
const RUN_BINARY = '/prog';

export async function runSandboxed(run: SandboxRun, iso: Isolation = detectIsolation()): Promise<SandboxResult> {
  // GOMAXPROCS=1: the faketime runtime intermittently hangs in GC with more than one P.
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8', GOMAXPROCS: '1', ...run.env };
  const limits = { cpu: 10, data: RUN_DATA_LIMIT, nproc: RUN_NPROC, fsize: RUN_FILE_LIMIT, nofile: 256 };
  let argv: string[];
  if (iso.isolated) {
    argv = sandboxArgv(iso, { ro: [[run.binary, RUN_BINARY]], tmpBytes: 16 << 20, chdir: '/tmp', limits }, [RUN_BINARY, ...run.args]);
  } else {
    env.HOME = run.cwd;
    env.TMPDIR = run.cwd;
    const pre = iso.prlimit ? [iso.prlimit, ...Object.entries(limits).map(([k, v]) => `--${k}=${v}`), '--core=0', '--'] : [];
    argv = [...pre, run.binary, ...run.args];
  }
  const r: BoundedResult = await boundedSpawn({
    argv,
    env,
    cwd: run.cwd,
    timeoutMs: run.timeoutMs,
    maxOutput: run.maxOutput,
    signal: run.signal,
  });
  let sandboxError = r.spawnError;
  // bwrap reports its own failures as "bwrap: ..." with exit 1 before the program starts.
  if (!sandboxError && iso.isolated && r.code === 1 && /^bwrap: /m.test(r.stderr.toString('utf8')))
    sandboxError = r.stderr.toString('utf8');
  const stderr = r.spawnError ? Buffer.concat([r.stderr, Buffer.from(`cannot start program: ${r.spawnError}\n`)]) : r.stderr;
  return {
    stdout: r.stdout,
    stderr,
    exitCode: r.code,
    signal: r.signal,
    timedOut: r.timedOut,
    truncated: r.truncated,
    sandboxError,
  };
}

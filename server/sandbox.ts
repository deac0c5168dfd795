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
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, realpathSync, rmdirSync, writeFileSync } from 'node:fs';
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
  /**
   * Directories replaced by an empty read-only tmpfs, so `ro` mounts can appear below a path the
   * host's read-only /usr cannot grow (the toolchain at /usr/local/go-faketime).
   */
  scratch?: string[];
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
  // Tiny: bwrap only creates mount points in it before it becomes read-only.
  for (const d of spec.scratch ?? []) argv.push('--size', '65536', '--tmpfs', d);
  for (const [src, dest] of spec.ro ?? []) argv.push('--ro-bind', src, dest);
  for (const [src, dest] of spec.rw ?? []) argv.push('--bind', src, dest);
  for (const d of spec.scratch ?? []) argv.push('--remount-ro', d);
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

/** Memory of a whole run (every process of it), where a cgroup can enforce it. */
export const RUN_MEMORY_LIMIT = 256 * 1024 * 1024;
const RUN_PIDS_LIMIT = 128;

interface CgroupLayout {
  /** [controller directory, memory limit file or null, pids limit file or null, oom events file or null] */
  parents: { dir: string; mem?: string; pids?: string; events?: string }[];
}

let cgroupLayout: CgroupLayout | null | undefined;

/**
 * Whole-run limits need a cgroup, which only root can create here (cgroup v1 memory + pids, or a
 * v2 hierarchy with both controllers). Best effort: without one, the per-process rlimits remain.
 */
function detectCgroups(): CgroupLayout | null {
  if (cgroupLayout !== undefined) return cgroupLayout;
  cgroupLayout = null;
  if (process.getuid?.() !== 0) return null;
  const tag = `leaklab-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tryMake = (dir: string) => {
    try {
      accessSync(path.dirname(dir), fsConstants.W_OK);
      mkdirSync(dir);
      return true;
    } catch {
      return false;
    }
  };
  // Under the server's own cgroups, so runs stay inside whatever limits the server itself has.
  const own = (controller: string): string => {
    try {
      for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
        const [, ctrls, p] = line.split(':');
        if (p !== undefined && ctrls.split(',').includes(controller)) return p === '/' ? '' : p;
      }
    } catch {
      // No /proc: no cgroups.
    }
    return '';
  };
  const v1mem = `/sys/fs/cgroup/memory${own('memory')}`;
  const v1pids = `/sys/fs/cgroup/pids${own('pids')}`;
  if (existsSync(`${v1mem}/memory.limit_in_bytes`) && existsSync('/sys/fs/cgroup/pids/cgroup.procs')) {
    if (tryMake(`${v1mem}/${tag}`) && tryMake(`${v1pids}/${tag}`)) {
      cgroupLayout = {
        parents: [
          { dir: `${v1mem}/${tag}`, mem: 'memory.limit_in_bytes', events: 'memory.oom_control' },
          { dir: `${v1pids}/${tag}`, pids: 'pids.max' },
        ],
      };
    }
  } else {
    const v2 = `/sys/fs/cgroup${own('')}`;
    let controllers = '';
    try {
      controllers = readFileSync(`${v2}/cgroup.subtree_control`, 'utf8');
    } catch {
      // Not a v2 root.
    }
    if (/\bmemory\b/.test(controllers) && /\bpids\b/.test(controllers) && tryMake(`${v2}/${tag}`)) {
      try {
        writeFileSync(`${v2}/${tag}/cgroup.subtree_control`, '+memory +pids');
        cgroupLayout = { parents: [{ dir: `${v2}/${tag}`, mem: 'memory.max', pids: 'pids.max', events: 'memory.events' }] };
      } catch {
        // Controllers cannot be delegated further: no cgroups.
      }
    }
  }
  if (cgroupLayout) {
    const layout = cgroupLayout;
    process.once('exit', () => {
      for (const p of layout.parents)
        try {
          rmdirSync(p.dir);
        } catch {
          // A child still busy: the kernel frees it when empty.
        }
    });
  }
  return cgroupLayout;
}

let runSeq = 0;

function makeRunCgroups(): string[] {
  const layout = detectCgroups();
  if (!layout) return [];
  const name = `run-${++runSeq}`;
  const dirs: string[] = [];
  try {
    for (const p of layout.parents) {
      const dir = `${p.dir}/${name}`;
      mkdirSync(dir);
      dirs.push(dir);
      if (p.mem) writeFileSync(`${dir}/${p.mem}`, String(RUN_MEMORY_LIMIT));
      if (p.pids) writeFileSync(`${dir}/${p.pids}`, String(RUN_PIDS_LIMIT));
    }
    return dirs;
  } catch {
    removeCgroups(dirs);
    return [];
  }
}

function oomKilled(dirs: string[]): boolean {
  for (const d of dirs) {
    for (const f of ['memory.oom_control', 'memory.events']) {
      try {
        if (/\boom_kill [1-9]/.test(readFileSync(`${d}/${f}`, 'utf8'))) return true;
      } catch {
        // Not this layout's file.
      }
    }
  }
  return false;
}

function removeCgroups(dirs: string[], tries = 20): void {
  const left = dirs.filter((d) => {
    try {
      rmdirSync(d);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EBUSY';
    }
  });
  // The PID namespace's processes are still being reaped: try again shortly.
  if (left.length && tries > 0) setTimeout(() => removeCgroups(left, tries - 1), 50).unref();
}

/** Joins the run's cgroups before exec, so every process of the run is born inside them. */
const JOIN_CGROUPS = 'for d in "$@"; do [ "$d" = -- ] && break; echo $$ > "$d/cgroup.procs" 2>/dev/null; shift; done; shift; exec "$@"';

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
    // No user namespace: RLIMIT_NPROC would count every process of this user (a desktop has hundreds).
    const perProcess = Object.entries(limits).filter(([k]) => k !== 'nproc');
    const pre = iso.prlimit ? [iso.prlimit, ...perProcess.map(([k, v]) => `--${k}=${v}`), '--core=0', '--'] : [];
    argv = [...pre, run.binary, ...run.args];
  }
  const cgroups = iso.isolated ? makeRunCgroups() : [];
  if (cgroups.length) argv = ['/bin/sh', '-c', JOIN_CGROUPS, 'sh', ...cgroups, '--', ...argv];
  let r: BoundedResult;
  let oom = false;
  try {
    r = await boundedSpawn({
      argv,
      env,
      cwd: run.cwd,
      timeoutMs: run.timeoutMs,
      maxOutput: run.maxOutput,
      signal: run.signal,
    });
    oom = cgroups.length > 0 && oomKilled(cgroups);
  } finally {
    removeCgroups(cgroups);
  }
  if (oom)
    r.stderr = Buffer.concat([
      r.stderr,
      Buffer.from(`\nout of memory: the program's processes used more than ${RUN_MEMORY_LIMIT >> 20} MiB together and were killed\n`),
    ]);
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

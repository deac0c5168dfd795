/**
 * Runs untrusted commands (the go build of a learner's program, and the program itself) inside
 * bubblewrap, without needing root: fresh user, network (loopback only), pid, ipc, uts and cgroup
 * namespaces and no further user namespaces inside (`--disable-userns`), a seccomp filter
 * (scripts/seccomp-filter.py: no keyring, namespaces, mounts, tracing, BPF, io_uring...), a fresh
 * session keyring, a new session (no TIOCSTI into the server's terminal), a filesystem made only of
 * what is mounted here (no /usr, no home directory, no project, five device nodes, sized tmpfs
 * only), a clean environment, and rlimits set inside the user namespace so they count per run.
 * Started as root, the server drops to a dedicated unused uid before bwrap. Where any of this
 * cannot be had, `isolated` is false, `note` says why, and the server confines the local backend
 * to loopback (see index.ts).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants as fsConstants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boundedSpawn, type BoundedResult } from './spawn.ts';
import { findToolchain } from './toolchain.ts';

export interface Isolation {
  isolated: boolean;
  note: string;
  bwrap: string | null;
  /** util-linux's prlimit: per-process limits when there is no sandbox. */
  prlimit: string | null;
  /** Set when the server runs as root: setpriv drops to SANDBOX_UID before bwrap. */
  setpriv: string | null;
  /** scripts/sandbox-init, static: the fresh keyring before bwrap and the rlimits inside it. */
  init: string | null;
  /** The compiled seccomp filter for this architecture, handed to bwrap as descriptor 3. */
  seccomp: string | null;
  /** Read-only files every run sees: a tiny /etc and the time zone database. */
  etc: string | null;
  zoneinfo: string | null;
  /** bwrap >= 0.8 can forbid user namespaces inside; older ones rely on the filter alone. */
  disableUserns?: boolean;
}

const TOOLS = path.resolve(import.meta.dirname, '..', '.tools');
const PROJECT_BWRAP = path.join(TOOLS, 'bin', 'bwrap');
const PROJECT_INIT = path.join(TOOLS, 'bin', 'leaklab-init');
/** Architectures scripts/seccomp-filter.py writes a filter for (Node's names). */
export const SECCOMP_ARCHES = ['x64', 'arm64'];
const seccompFile = (arch: string) => path.join(TOOLS, 'seccomp', `${arch}.bpf`);
/** The descriptor bwrap reads the filter from (stdin, stdout, stderr, then this). */
const SECCOMP_FD = 3;

/**
 * The uid and gid sandboxed commands run as when the server is root: the first of
 * LEAKLAB_SANDBOX_UID (or 1,900,000,000, above every range Debian and systemd allocate from) and the
 * 63 after it that no account, group or running process uses. Never 65534: daemons run as nobody.
 */
export const SANDBOX_UID = process.getuid?.() === 0 ? pickSandboxUid() : -1;
const RUN_DATA_LIMIT = 128 * 1024 * 1024;
const RUN_FILE_LIMIT = 1024 * 1024;
const RUN_NPROC = 64;
/** The run's only writable storage: its /tmp (files there are also capped at RUN_FILE_LIMIT each). */
export const RUN_TMP_BYTES = 16 * 1024 * 1024;

function idsInUse(): Set<number> {
  const used = new Set<number>();
  for (const f of ['/etc/passwd', '/etc/group']) {
    try {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const id = Number(line.split(':')[2]);
        if (Number.isInteger(id)) used.add(id);
      }
    } catch {
      // No such database.
    }
  }
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      for (const m of readFileSync(`/proc/${pid}/status`, 'utf8').matchAll(/^(?:Uid|Gid):\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/gm))
        for (const v of m.slice(1)) used.add(Number(v));
    } catch {
      // The process exited.
    }
  }
  return used;
}

function pickSandboxUid(): number {
  const base = Number(process.env.LEAKLAB_SANDBOX_UID ?? 1_900_000_000);
  if (!Number.isInteger(base) || base < 1000 || base >= 2 ** 31 - 64 || base === 65534)
    throw new Error(`LEAKLAB_SANDBOX_UID=${process.env.LEAKLAB_SANDBOX_UID}: give an unused uid between 1000 and 2^31 (not 65534)`);
  const used = idsInUse();
  for (let id = base; id < base + 64; id++) if (!used.has(id)) return id;
  throw new Error(`every uid from ${base} to ${base + 63} is in use: set LEAKLAB_SANDBOX_UID to an unused one`);
}

function which(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    if (dir && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return null;
}

/** Where the start helper appears in every sandbox. */
const INIT = '/.leaklab-init';

export interface SandboxSpec {
  /** Host path → sandbox path, read-only. */
  ro?: [string, string][];
  /** Host path → sandbox path, writable. */
  rw?: [string, string][];
  /**
   * Directories replaced by an empty read-only tmpfs, so `ro` mounts can appear below them (the
   * toolchain at /usr/local/go-faketime).
   */
  scratch?: string[];
  /** Size of the private /tmp tmpfs. */
  tmpBytes: number;
  chdir: string;
  /** rlimits applied inside the user namespace (cpu, data, fsize, nofile, nproc...). */
  limits: Record<string, number>;
}

/** The device nodes a Go program uses; no /dev/shm, /dev/pts or /dev/mqueue. */
const DEVICES = ['null', 'zero', 'full', 'random', 'urandom'];

/**
 * The argv that runs `cmd` inside the sandbox described by `spec`. Spawn it with
 * `sandboxFiles(iso)` as extra descriptors (the seccomp filter).
 */
export function sandboxArgv(iso: Isolation, spec: SandboxSpec, cmd: string[]): string[] {
  if (!iso.bwrap || !iso.init || !iso.seccomp) throw new Error('no sandbox on this machine');
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
    iso.init,
    'session',
    '--',
    iso.bwrap,
    '--unshare-all',
    '--unshare-user',
    ...(iso.disableUserns ? ['--disable-userns'] : []),
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--seccomp',
    String(SECCOMP_FD),
    '--proc',
    '/proc',
    // Key names of every keyring this uid can view (other runs' too): nothing a program needs.
    '--ro-bind',
    '/dev/null',
    '/proc/keys',
    '--ro-bind',
    '/dev/null',
    '/proc/key-users',
    // A read-only /dev holding only the device nodes: bwrap's --dev is an unsized writable tmpfs.
    '--size',
    '65536',
    '--tmpfs',
    '/dev',
  );
  for (const d of DEVICES) argv.push('--dev-bind', `/dev/${d}`, `/dev/${d}`);
  argv.push('--symlink', '/proc/self/fd', '/dev/fd');
  for (const [i, d] of ['stdin', 'stdout', 'stderr'].entries()) argv.push('--symlink', `/proc/self/fd/${i}`, `/dev/${d}`);
  argv.push('--remount-ro', '/dev', '--size', String(spec.tmpBytes), '--tmpfs', '/tmp', '--ro-bind', iso.init, INIT);
  if (iso.etc) for (const f of readdirSync(iso.etc)) argv.push('--ro-bind', path.join(iso.etc, f), `/etc/${f}`);
  // Tiny: bwrap only creates mount points in it before it becomes read-only.
  for (const d of spec.scratch ?? []) argv.push('--size', '65536', '--tmpfs', d);
  for (const [src, dest] of spec.ro ?? []) argv.push('--ro-bind', src, dest);
  for (const [src, dest] of spec.rw ?? []) argv.push('--bind', src, dest);
  for (const d of spec.scratch ?? []) argv.push('--remount-ro', d);
  // The root itself (bwrap's unsized tmpfs) read-only: /tmp is the only place a run can write.
  argv.push('--remount-ro', '/', '--chdir', spec.chdir, '--', INIT, 'limit');
  for (const [k, v] of Object.entries(spec.limits)) argv.push(`${k}=${v}`);
  argv.push('core=0', '--', ...cmd);
  return argv;
}

/** Files to hand a sandboxed command as descriptors 3... (open each time: bwrap reads them to the end). */
export function sandboxFiles(iso: Isolation): string[] {
  return iso.isolated && iso.seccomp ? [iso.seccomp] : [];
}

/**
 * Files a Go program may look for: localhost for net, an account for os/user (the uid bwrap keeps
 * inside), and no resolv.conf (there is no network).
 */
function writeEtc(uid: number, gid: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'leaklab-etc-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'hosts'), '127.0.0.1\tlocalhost\n::1\tlocalhost\n', { mode: 0o644 });
  writeFileSync(path.join(dir, 'passwd'), `gopher:x:${uid}:${gid}:gopher:/tmp:/nonexistent\n`, { mode: 0o644 });
  writeFileSync(path.join(dir, 'group'), `gopher:x:${gid}:\n`, { mode: 0o644 });
  writeFileSync(path.join(dir, 'nsswitch.conf'), 'hosts: files\npasswd: files\ngroup: files\n', { mode: 0o644 });
  return dir;
}

function zoneinfoZip(): string | null {
  const tc = findToolchain();
  if (!tc) return null;
  try {
    return realpathSync(path.join(tc.goroot, 'lib', 'time', 'zoneinfo.zip'));
  } catch {
    return null;
  }
}

let cached: Isolation | null = null;

/** Finds bwrap, the helper and the filter, and proves they work here; cached per process. */
export function detectIsolation(): Isolation {
  if (cached) return cached;
  const bwrap = existsSync(PROJECT_BWRAP) ? PROJECT_BWRAP : which('bwrap');
  const root = process.getuid?.() === 0;
  const setpriv = root ? which('setpriv') : null;
  const prlimit = which('prlimit');
  const init = existsSync(PROJECT_INIT) ? PROJECT_INIT : null;
  const seccomp = SECCOMP_ARCHES.includes(process.arch) && existsSync(seccompFile(process.arch)) ? seccompFile(process.arch) : null;
  const base: Isolation = { isolated: false, note: '', bwrap, prlimit, setpriv, init, seccomp, etc: null, zoneinfo: null };
  if (!bwrap) base.note = 'bubblewrap (bwrap) not found: run scripts/fetch-tools.sh';
  else if (!init) base.note = 'the sandbox start helper (.tools/bin/leaklab-init) is missing: run scripts/fetch-tools.sh';
  else if (!SECCOMP_ARCHES.includes(process.arch))
    base.note = `no seccomp filter for ${process.arch} (the sandbox covers ${SECCOMP_ARCHES.join(' and ')}): programs are not sandboxed`;
  else if (!seccomp) base.note = 'the seccomp filter (.tools/seccomp) is missing: run scripts/fetch-tools.sh';
  else if (root && !setpriv) base.note = "running as root without util-linux's setpriv: cannot drop privileges";
  else {
    const uid = root ? SANDBOX_UID : (process.getuid?.() ?? 0);
    const gid = root ? SANDBOX_UID : (process.getgid?.() ?? 0);
    base.disableUserns = /--disable-userns/.test(spawnSync(bwrap, ['--help'], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '');
    base.etc = writeEtc(uid, gid);
    base.zoneinfo = zoneinfoZip();
    const argv = sandboxArgv({ ...base, isolated: true }, { tmpBytes: 1 << 20, chdir: '/tmp', limits: { nproc: 16 } }, [INIT, 'version']);
    const fd = openSync(seccomp, 'r');
    let probe;
    try {
      probe = spawnSync(argv[0], argv.slice(1), { timeout: 10_000, env: {}, stdio: ['ignore', 'pipe', 'pipe', fd] });
    } finally {
      closeSync(fd);
    }
    if (probe.status === 0) {
      base.isolated = true;
      base.note =
        'each build and run in bubblewrap: no network, own pid/user namespaces, seccomp filter, fresh keyring, no host programs, home directory or project files, clean environment, per-run limits' +
        (root ? `, as unused uid ${SANDBOX_UID}` : '');
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
  for (const parent of [v1mem, v1pids, `/sys/fs/cgroup${own('')}`]) removeStaleCgroups(parent);
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

/**
 * A killed server leaves its leaklab-<pid>-<hex> cgroups behind: remove those whose server is dead.
 * rmdir only, so a cgroup that still holds a process (or was re-used) stays.
 */
export function removeStaleCgroups(parent: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^leaklab-(\d+)-[0-9a-f]{8}$/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue; // Its server is alive.
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') continue;
    }
    const dir = path.join(parent, name);
    try {
      for (const run of readdirSync(dir, { withFileTypes: true }))
        if (run.isDirectory() && /^run-\d+$/.test(run.name)) rmdirSync(path.join(dir, run.name));
      rmdirSync(dir);
    } catch {
      // Still busy or not removable: leave it.
    }
  }
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
const ZONEINFO = '/etc/zoneinfo.zip';

export async function runSandboxed(run: SandboxRun, iso: Isolation = detectIsolation()): Promise<SandboxResult> {
  // GOMAXPROCS=1: the faketime runtime intermittently hangs in GC with more than one P.
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8', GOMAXPROCS: '1', ...run.env };
  const limits = { cpu: 10, data: RUN_DATA_LIMIT, nproc: RUN_NPROC, fsize: RUN_FILE_LIMIT, nofile: 256 };
  let argv: string[];
  if (iso.isolated) {
    const ro: [string, string][] = [[run.binary, RUN_BINARY]];
    // time.LoadLocation finds the database through ZONEINFO; no /usr/share/zoneinfo in here.
    if (iso.zoneinfo) {
      ro.push([iso.zoneinfo, ZONEINFO]);
      env.ZONEINFO = ZONEINFO;
    }
    argv = sandboxArgv(iso, { ro, tmpBytes: RUN_TMP_BYTES, chdir: '/tmp', limits }, [RUN_BINARY, ...run.args]);
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
      // bwrap (and the cgroup shell) is the sandbox's pid 1: /proc/1/cwd and PWD must not name a host path.
      cwd: iso.isolated ? '/' : run.cwd,
      timeoutMs: run.timeoutMs,
      maxOutput: run.maxOutput,
      signal: run.signal,
      files: sandboxFiles(iso),
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

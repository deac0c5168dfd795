/**
 * Runs an untrusted binary. When the server runs as root with util-linux's unshare/setpriv/prlimit,
 * the program gets its own network (no interfaces up), pid, mount, ipc and uts namespaces, private
 * tmpfs on /tmp and /dev/shm, an unprivileged uid per concurrency slot, no capabilities and
 * rlimits on CPU, data, processes, open files and file size. Otherwise it runs as this user with
 * whatever limits prlimit can still apply, and the server says so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';

export interface Isolation {
  isolated: boolean;
  note: string;
  prlimit: string | null;
  /** iproute2's ip, to bring up loopback in the run's network namespace (servers talking to themselves). */
  ip: string | null;
}

export const SANDBOX_UID_BASE = 100_000;
const DATA_LIMIT = 128 * 1024 * 1024;
const FILE_LIMIT = 1024 * 1024;

function which(name: string): string | null {
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin']) if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  return null;
}

let cached: Isolation | null = null;

export function detectIsolation(): Isolation {
  if (cached) return cached;
  const prlimit = which('prlimit');
  const unshare = which('unshare');
  const setpriv = which('setpriv');
  const uid = process.getuid?.() ?? -1;
  let isolated = false;
  let note: string;
  if (uid !== 0) note = 'not running as root: programs run as this user, without namespaces (do not expose to a network)';
  else if (!unshare || !setpriv || !prlimit)
    note = 'util-linux unshare/setpriv/prlimit missing: programs run as root without isolation (do not expose to a network)';
  else {
    const probe = spawnSync(
      unshare,
      ['--net', '--pid', '--fork', '--kill-child', '--mount', '--mount-proc', '--ipc', '--uts', '--', 'true'],
      { timeout: 5000 },
    );
    if (probe.status === 0) {
      isolated = true;
      note =
        'each run: own network/pid/mount namespaces, unprivileged uid, no capabilities, private /tmp, project and home directories hidden, CPU/memory/process/file-size limits';
    } else
      note = `namespaces unavailable (${String(probe.stderr ?? '').trim() || 'unshare failed'}): programs run without isolation (do not expose to a network)`;
  }
  const ip = which('ip');
  if (isolated && !ip) note += '; no iproute2 "ip": loopback stays down, so programs cannot talk to themselves over localhost';
  cached = { isolated, note, prlimit, ip };
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
}

export interface SandboxRun {
  binary: string;
  args: string[];
  /** Concurrency slot: picks the uid, so rlimits on processes count per run. */
  slot: number;
  timeoutMs: number;
  maxOutput: number;
  /** Working directory when not isolated (isolated runs start in their private /tmp). */
  cwd: string;
  /** The client went away (Stop button): kill the program now and free the slot. */
  signal?: AbortSignal;
}

function limitArgs(prlimit: string): string[] {
  return [prlimit, '--cpu=10', `--data=${DATA_LIMIT}`, '--nproc=128', `--fsize=${FILE_LIMIT}`, '--nofile=256', '--core=0', '--'];
}

// Runs as root inside the fresh namespaces: keep the binary open, then hide every top-level
// directory a program has no business reading (the project, home directories, /var, /run...)
// behind empty read-only tmpfs mounts, give it a private writable /tmp and /dev/shm, and drop to
// the slot's uid with no capabilities. The mounts die with the namespace.
const INNER = [
  'exec 3<"$1"; shift',
  // Like the Playground, a program may serve and dial on localhost; nothing else is reachable.
  'if [ -n "$LEAKLAB_IP" ]; then "$LEAKLAB_IP" link set lo up || exit 125; fi',
  'for d in /*; do',
  '  case "$d" in /usr|/bin|/sbin|/lib|/lib32|/lib64|/libx32|/etc|/dev|/proc|/sys|/tmp) continue;; esac',
  '  if [ -d "$d" ] && [ ! -L "$d" ]; then mount -t tmpfs -o ro,size=4k,mode=755 tmpfs "$d" 2>/dev/null; fi',
  'done',
  'mount -t tmpfs -o size=16m,mode=1777 tmpfs /tmp || exit 125',
  'mount -t tmpfs -o size=16m,mode=1777 tmpfs /dev/shm 2>/dev/null',
  'cd /tmp',
  'exec setpriv --reuid="$LEAKLAB_UID" --regid="$LEAKLAB_UID" --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all /proc/self/fd/3 "$@"',
].join('\n');

export function runSandboxed(run: SandboxRun, iso: Isolation = detectIsolation()): Promise<SandboxResult> {
  const uid = SANDBOX_UID_BASE + run.slot;
  // GOMAXPROCS=1: Go 1.23's faketime runtime intermittently hangs in GC with more than one P
  // (a 2000 × 64 KiB allocation + runtime.GC() timed out 3 runs in 6 with 2 Ps, never with 1).
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8', GOMAXPROCS: '1' };
  let cmd: string[];
  if (iso.isolated && iso.prlimit) {
    cmd = [
      ...limitArgs(iso.prlimit),
      'unshare',
      '--net',
      '--pid',
      '--fork',
      '--kill-child',
      '--mount',
      '--mount-proc',
      '--ipc',
      '--uts',
      '--',
      '/bin/sh',
      '-c',
      INNER,
      'sandbox',
      run.binary,
      ...run.args,
    ];
    env.LEAKLAB_UID = String(uid);
    if (iso.ip) env.LEAKLAB_IP = iso.ip;
  } else {
    env.HOME = run.cwd;
    env.TMPDIR = run.cwd;
    cmd = [...(iso.prlimit ? limitArgs(iso.prlimit) : []), run.binary, ...run.args];
  }

  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), {
      cwd: run.cwd,
      env,
      // Own process group, so a timeout kills everything the program started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    let truncated = false;
    let timedOut = false;
    let finished = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (truncated) return;
      const room = run.maxOutput - total;
      if (chunk.length > room) {
        into.push(chunk.subarray(0, Math.max(room, 0)));
        total = run.maxOutput;
        truncated = true;
        killGroup();
        return;
      }
      into.push(chunk);
      total += chunk.length;
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, run.timeoutMs);
    const onAbort = () => killGroup();
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted) killGroup();
    const finish = (exitCode: number, signal: NodeJS.Signals | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      // Anything the program forked into the group dies with it, even when the leader exited cleanly.
      killGroup();
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), exitCode, signal, timedOut, truncated });
    };
    child.on('error', (e) => {
      err.push(Buffer.from(`cannot start program: ${e.message}\n`));
      finish(1, null);
    });
    // 'close' waits for the pipes, so all output is in; namespaces exit when their init does.
    // A killed program reports like a shell would: 128 + the signal number (137 for SIGKILL).
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1), signal));
  });
}

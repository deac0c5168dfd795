/**
 * One way to start an untrusted command: bounded in time and output, killed as a whole, and
 * answered at the deadline even when something still holds the pipes open.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';

export interface BoundedSpawn {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  /** stdout + stderr bytes kept; past this the command is killed and `truncated` is set. */
  maxOutput: number;
  stdin?: string;
  signal?: AbortSignal;
  /** Files opened read-only and handed to the command as descriptors 3, 4... (the seccomp filter). */
  files?: string[];
}

export interface BoundedResult {
  stdout: Buffer;
  stderr: Buffer;
  /** Exit code; a killed command reports like a shell would, 128 + the signal number. */
  code: number;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  truncated: boolean;
  /** The command could not be started at all (ENOENT, EACCES...). */
  spawnError: string | null;
}

/**
 * How long to wait for the pipes after the command exited or was killed. Inside a PID namespace
 * everything dies with its init, so this only matters for commands that run without one.
 */
const PIPE_GRACE_MS = 150;

export function boundedSpawn(opts: BoundedSpawn): Promise<BoundedResult> {
  return new Promise((resolve) => {
    const fds: number[] = [];
    let child;
    try {
      for (const f of opts.files ?? []) fds.push(openSync(f, 'r'));
      child = spawn(opts.argv[0], opts.argv.slice(1), {
        cwd: opts.cwd,
        env: opts.env,
        // Its own process group, so the kill reaches whatever the command started in it.
        detached: true,
        stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', ...fds],
      });
    } catch (err) {
      resolve({
        stdout: Buffer.alloc(0),
        stderr: Buffer.alloc(0),
        code: 1,
        signal: null,
        timedOut: false,
        truncated: false,
        spawnError: String(err),
      });
      return;
    } finally {
      // The child has its own copies.
      for (const fd of fds) closeSync(fd);
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    let truncated = false;
    let timedOut = false;
    let finished = false;
    let exit: { code: number; signal: NodeJS.Signals | null } | null = null;
    let grace: NodeJS.Timeout | undefined;

    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      try {
        child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (truncated || finished) return;
      const room = opts.maxOutput - total;
      if (chunk.length > room) {
        into.push(chunk.subarray(0, Math.max(room, 0)));
        total = opts.maxOutput;
        truncated = true;
        kill();
        return;
      }
      into.push(chunk);
      total += chunk.length;
    };
    child.stdout!.on('data', collect(out));
    child.stderr!.on('data', collect(err));
    if (opts.stdin !== undefined) {
      child.stdin!.on('error', () => {});
      child.stdin!.end(opts.stdin);
    }

    const finish = (spawnError: string | null = null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(grace);
      opts.signal?.removeEventListener('abort', onAbort);
      kill();
      child.stdout!.destroy();
      child.stderr!.destroy();
      const e = exit ?? { code: timedOut ? 128 + constants.signals.SIGKILL : 1, signal: timedOut ? 'SIGKILL' : null };
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), code: e.code, signal: e.signal, timedOut, truncated, spawnError });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
      // The answer goes out at the deadline, not when the last descendant lets go of the pipes.
      grace = setTimeout(() => finish(), PIPE_GRACE_MS);
    }, opts.timeoutMs);
    const onAbort = () => {
      kill();
      grace = setTimeout(() => finish(), PIPE_GRACE_MS);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();

    child.on('error', (e) => finish(e.message));
    child.on('exit', (code, signal) => {
      exit = { code: code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1), signal };
      if (!grace) grace = setTimeout(() => finish(), PIPE_GRACE_MS);
    });
    child.on('close', () => finish());
  });
}

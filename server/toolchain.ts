/** Finds the Go toolchains the local backend uses and what each can tell about itself. */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface Toolchain {
  go: string;
  gofmt: string;
  goroot: string;
  /** e.g. go1.27.4, from `go env GOVERSION` */
  version: string;
  /** Language release, e.g. '1.27' (what a go.mod's go line and the Playground's menu speak). */
  release: string;
}

/** Where scripts/fetch-tools.sh puts Debian's toolchains, newest first. */
const PROJECT_RELEASES = ['1.27', '1.26'];
/** The `go` binary scripts/fetch-tools.sh installs for `release` ('1.27'); it may not exist. */
export const projectGo = (release: string) => path.resolve(import.meta.dirname, '..', '.tools', 'go', release, 'bin', 'go');

function probe(go: string): Toolchain | null {
  if (!existsSync(go)) return null;
  try {
    const out = execFileSync(go, ['env', 'GOROOT', 'GOVERSION'], {
      encoding: 'utf8',
      timeout: 10_000,
      // GOTOOLCHAIN=local: a go.mod or GOTOOLCHAIN in the environment must not make the probe
      // download or switch to another release than the binary we were given.
      env: { ...process.env, GOTOOLCHAIN: 'local', GOTELEMETRY: 'off', GOFLAGS: '' },
    });
    const [goroot, version] = out.trim().split('\n');
    const release = /^go(\d+\.\d+)/.exec(version ?? '')?.[1];
    if (!goroot || !version || !release) return null;
    const gofmt = path.join(goroot, 'bin', 'gofmt');
    return { go, gofmt: existsSync(gofmt) ? gofmt : 'gofmt', goroot, version, release };
  } catch {
    // Not a working toolchain.
    return null;
  }
}

function compareRelease(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return bm - am || bn - an;
}

let cached: { key: string; list: Toolchain[] } | null = null;

/**
 * Every usable toolchain, newest release first; index 0 is the default. LEAKLAB_GO (a `go`
 * binary) is taken first and, when it is the newest, becomes the default; then the project's
 * .tools/go/1.27 and 1.26; then `go` on PATH. Two entries with the same GOROOT are one toolchain,
 * and of two with the same release the earlier source wins.
 */
export function findToolchains(): Toolchain[] {
  const key = `${process.env.LEAKLAB_GO ?? ''}\0${process.env.PATH ?? ''}`;
  if (cached && cached.key === key) return cached.list;
  const candidates: string[] = [];
  if (process.env.LEAKLAB_GO) candidates.push(path.resolve(process.env.LEAKLAB_GO));
  candidates.push(...PROJECT_RELEASES.map(projectGo));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'go'));
  const seenRoots = new Set<string>();
  const byRelease = new Map<string, Toolchain>();
  const order: Toolchain[] = [];
  for (const go of candidates) {
    const tc = probe(go);
    if (!tc) continue;
    let root = tc.goroot;
    try {
      root = realpathSync(root);
    } catch {
      // keep as printed
    }
    if (seenRoots.has(root)) continue;
    seenRoots.add(root);
    if (byRelease.has(tc.release)) continue;
    byRelease.set(tc.release, tc);
    order.push(tc);
  }
  // LEAKLAB_GO is an explicit choice: it stays the default even when an older release.
  const explicit = process.env.LEAKLAB_GO ? order.find((t) => t.go === path.resolve(process.env.LEAKLAB_GO!)) : undefined;
  const rest = order.filter((t) => t !== explicit).sort((a, b) => compareRelease(a.release, b.release));
  const list = explicit ? [explicit, ...rest] : rest;
  cached = { key, list };
  return list;
}

/** The default toolchain (findToolchains()[0]), or null when there is none. */
export function findToolchain(): Toolchain | null {
  return findToolchains()[0] ?? null;
}

/** The toolchain for a Playground `backend` value: '' = the default (latest), 'goprev' = the previous release. */
export function toolchainForBackend(backend: string, list = findToolchains()): Toolchain | null | undefined {
  if (backend === '') return list[0] ?? null;
  if (backend === 'goprev') {
    if (!list[0]) return null;
    // The release just before the default's, like go.dev's menu; else the next older one we have.
    return list.slice(1).find((t) => compareRelease(t.release, list[0].release) > 0) ?? null;
  }
  return undefined;
}

/** One line for logs and `leaklab serve`: which Go runs, and where it came from. */
export function describeToolchains(list = findToolchains()): string {
  if (!list.length) return 'no Go toolchain found (set LEAKLAB_GO, run scripts/fetch-tools.sh, or put go on PATH)';
  return list.map((t, i) => `${t.version}${i === 0 ? ' (default)' : ''} at ${t.goroot}`).join('; ');
}

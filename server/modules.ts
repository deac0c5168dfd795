/**
 * Offline modules: a file-based GOPROXY built from the module sources scripts/fetch-tools.sh puts in
 * .tools/gocode/src (Debian's golang-uber-goleak-dev and golang-golang-x-sync-dev), so a program
 * importing go.uber.org/goleak or golang.org/x/sync/errgroup builds with no network. Everything
 * else still fails to resolve, with the runner's "works offline" note.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';

export interface OfflineModule {
  path: string;
  version: string;
  /** Commit time of the release, for the proxy's .info (the go command only displays it). */
  time: string;
  /**
   * The go.mod we serve. goleak's own lists testify & co. for its tests only; with GOSUMDB=off
   * nothing checks it against the original, and leaving the requires in would make the go command
   * look for modules we cannot serve.
   */
  goMod: string;
}

export const OFFLINE_MODULES: OfflineModule[] = [
  { path: 'go.uber.org/goleak', version: 'v1.3.0', time: '2023-10-24T00:00:00Z', goMod: 'module go.uber.org/goleak\n\ngo 1.20\n' },
  { path: 'golang.org/x/sync', version: 'v0.7.0', time: '2024-03-04T00:00:00Z', goMod: 'module golang.org/x/sync\n\ngo 1.18\n' },
];

/** Where the module sources may be: the project's .tools (fetch-tools.sh), then Debian's own path. */
function sourceRoots(): string[] {
  const roots = [path.resolve(import.meta.dirname, '..', '.tools', 'gocode', 'src'), '/usr/share/gocode/src'];
  if (process.env.LEAKLAB_GOCODE) roots.unshift(path.resolve(process.env.LEAKLAB_GOCODE));
  return roots;
}

function moduleSource(mod: OfflineModule): string | null {
  for (const root of sourceRoots()) {
    const dir = path.join(root, ...mod.path.split('/'));
    if (existsSync(path.join(dir, 'go.mod'))) return dir;
  }
  return null;
}

/** Files of a module's tree as the module zip holds them (no nested modules, no VCS or hidden dirs). */
function moduleFiles(dir: string, mod: OfflineModule): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const prefix = `${mod.path}@${mod.version}/`;
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      if (name.startsWith('.') || name.startsWith('_') || name === 'testdata' || name === 'vendor') continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(path.join(dir, r));
      if (st.isDirectory()) {
        if (existsSync(path.join(dir, r, 'go.mod'))) continue; // a nested module is not part of this one
        walk(r);
      } else if (st.isFile()) {
        out[prefix + r] = r === 'go.mod' ? new TextEncoder().encode(mod.goMod) : readFileSync(path.join(dir, r));
      }
    }
  };
  walk('');
  return out;
}

let proxyRoot: string | null | undefined;

/**
 * Builds (once per content, shared by every server on the machine) the GOPROXY tree:
 * <module>/@v/list, vX.info, vX.mod, vX.zip. Returns null when no module source is installed.
 */
export function offlineProxyDir(): string | null {
  if (proxyRoot !== undefined) return proxyRoot;
  const found = OFFLINE_MODULES.map((m) => ({ m, dir: moduleSource(m) })).filter((x): x is { m: OfflineModule; dir: string } => !!x.dir);
  if (!found.length) return (proxyRoot = null);
  const zips = found.map(({ m, dir }) => ({ m, files: moduleFiles(dir, m) }));
  const h = createHash('sha256');
  for (const { m, files } of zips) {
    h.update(`${m.path}@${m.version}\0${m.goMod}\0`);
    for (const [name, data] of Object.entries(files)) h.update(name).update('\0').update(data).update('\0');
  }
  // Per user: a tree another user made in the shared /tmp (or planted there) is never trusted.
  const uid = process.getuid?.() ?? 'u';
  const final = path.join(tmpdir(), `leaklab-goproxy-${uid}-${h.digest('hex').slice(0, 16)}`);
  if (existsSync(final) && process.getuid && statSync(final).uid !== process.getuid()) {
    throw new Error(`${final} belongs to another user: remove it or set TMPDIR`);
  }
  if (!existsSync(final)) {
    const work = mkdtempSync(`${final}.tmp-`);
    // The sandboxed build runs as another uid when the server is root: it only needs to read.
    chmodSync(work, 0o755);
    for (const { m, files } of zips) {
      const vdir = path.join(work, ...m.path.split('/'), '@v');
      mkdirSync(vdir, { recursive: true, mode: 0o755 });
      writeFileSync(path.join(vdir, 'list'), `${m.version}\n`, { mode: 0o644 });
      writeFileSync(path.join(vdir, `${m.version}.info`), JSON.stringify({ Version: m.version, Time: m.time }) + '\n', { mode: 0o644 });
      writeFileSync(path.join(vdir, `${m.version}.mod`), m.goMod, { mode: 0o644 });
      // A fixed date: the zip, and so the go.sum hash a learner sees, is the same on every machine.
      const zip = zipSync(
        Object.fromEntries(Object.entries(files).map(([n, d]) => [n, [d, { mtime: new Date('2020-01-01T00:00:00Z') }]])),
        {
          level: 6,
        },
      );
      writeFileSync(path.join(vdir, `${m.version}.zip`), zip, { mode: 0o644 });
    }
    try {
      renameSync(work, final);
    } catch {
      // Another server built the same tree first; theirs is identical.
      rmSync(work, { recursive: true, force: true });
    }
  }
  return (proxyRoot = final);
}

let modCache: string | undefined;

/**
 * The module cache, filled by the server from our proxy and read-only to builds (kept across
 * servers, so each module unzips once). Refused when another user owns it or others can write it:
 * whoever can write it decides what every learner's program compiles.
 */
function modCacheDir(): string {
  if (modCache) return modCache;
  const dir = path.join(tmpdir(), `leaklab-modcache-${process.getuid?.() ?? 'u'}`);
  try {
    mkdirSync(dir, { mode: 0o755 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const st = lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0)
    throw new Error(
      `${dir} is not a directory of this user that only it can write: refusing it as the module cache (remove it or set TMPDIR)`,
    );
  return (modCache = dir);
}

let filled = false;

/**
 * Unzips every offline module into the module cache with `go`, outside the sandbox (the proxy is
 * our own content), so builds never need to write there. Once per process.
 */
export function fillModuleCache(go: string): void {
  if (filled) return;
  const cache = modCacheDir();
  const missing = offlineProxyDir()
    ? OFFLINE_MODULES.filter((m) => moduleSource(m) && !existsSync(path.join(cache, ...m.path.split('/')) + `@${m.version}`))
    : [];
  if (missing.length) {
    // The pid in the name lets the next server remove it if this one is killed (removeStaleRoots).
    const work = mkdtempSync(path.join(tmpdir(), `leaklab-modfill-${process.pid}-`));
    try {
      writeFileSync(path.join(work, 'go.mod'), 'module fill\n\ngo 1.21\n');
      // Everything go writes besides the module cache (telemetry's .config/go even with
      // GOTELEMETRY=off, the build cache) stays in `work`, removed below.
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: work,
        XDG_CONFIG_HOME: path.join(work, 'config'),
        GOCACHE: path.join(work, 'cache'),
        GOTELEMETRY: 'off',
        ...moduleEnv(),
      };
      const args = ['mod', 'download', ...missing.map((m) => `${m.path}@${m.version}`)];
      for (let attempt = 1; ; attempt++) {
        try {
          execFileSync(go, args, { cwd: work, env, stdio: 'pipe', timeout: 120_000 });
          break;
        } catch (err) {
          const e = err as Error & { stderr?: Buffer };
          const why = `${e.message}${e.stderr?.length ? `: ${e.stderr.toString('utf8').trim()}` : ''}`;
          if (attempt >= 2) throw new Error(`filling the module cache failed twice: ${why}`);
          console.error(`leaklab: filling the module cache failed, retrying: ${why}`);
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true, maxRetries: 3 });
    }
  }
  filled = true;
}

/** Modules a program's .go files import, among those we serve. */
export function importedModules(dir: string): OfflineModule[] {
  const used = new Set<OfflineModule>();
  const walk = (d: string, depth: number) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && depth < 4) walk(path.join(d, e.name), depth + 1);
      else if (e.isFile() && e.name.endsWith('.go')) {
        // A mention in a comment also counts: an unused require costs nothing with -mod=mod.
        const src = readFileSync(path.join(d, e.name), 'utf8');
        for (const m of OFFLINE_MODULES) if (src.includes(`"${m.path}"`) || src.includes(`"${m.path}/`)) used.add(m);
      }
    }
  };
  walk(dir, 0);
  return OFFLINE_MODULES.filter((m) => used.has(m));
}

/**
 * Completes a run directory whose program files are written: without a go.mod, writes
 * `module play` with the toolchain's go line (`goVersion`, e.g. '1.27'); when the go.mod is that
 * generated one, adds `require` lines for the offline modules the program imports.
 * The go line matters: without one Go assumes 1.16 (shared loop variables, asynchronous timer
 * channels), and the lessons teach today's semantics. A learner's
 * own go.mod (from a txtar) is left as written: `-mod=mod` with our GOPROXY resolves its imports.
 */
export function prepareModule(dir: string, goVersion = '1.27'): void {
  const modPath = path.join(dir, 'go.mod');
  let text: string;
  if (existsSync(modPath)) {
    text = readFileSync(modPath, 'utf8');
    if (!/^module play\n\ngo \d+\.\d+(\.\d+)?\n$/.test(text)) return;
  } else {
    text = `module play\n\ngo ${goVersion}\n`;
  }
  const mods = offlineProxyDir() ? importedModules(dir) : [];
  if (mods.length) text += `\nrequire (\n${mods.map((m) => `\t${m.path} ${m.version}\n`).join('')})\n`;
  writeFileSync(modPath, text);
}

/** Environment for `go build`/`vet`/`test -c`: our proxy only, no checksum database, this toolchain only. */
export function moduleEnv(): Record<string, string> {
  const root = offlineProxyDir();
  const cache = modCacheDir();
  return {
    GOPROXY: root ? `file://${root}` : 'off',
    GOSUMDB: 'off',
    GONOSUMDB: '*',
    GOPRIVATE: '',
    GOMODCACHE: cache,
    // -modcacherw: the cache can be removed without chmod; -mod=mod: requires are resolved and
    // go.sum written in the run directory, since nothing outside it is trusted or shared.
    GOFLAGS: '-mod=mod -modcacherw -buildvcs=false',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    GOVCS: '*:off',
  };
}

/** Host paths a sandboxed build sees, all read-only: the proxy tree and the module cache (fillModuleCache). */
export function moduleReadOnlyPaths(): string[] {
  const root = offlineProxyDir();
  return root ? [root, modCacheDir()] : [modCacheDir()];
}

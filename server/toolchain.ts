/** Finds the Go toolchain the local backend uses and what it can tell about itself. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface Toolchain {
  go: string;
  gofmt: string;
  goroot: string;
  /** e.g. go1.23.5 */
  version: string;
}

/** Where scripts/fetch-tools.sh puts Debian's toolchains, newest first. */
const PROJECT_GO = ['1.27', '1.26'].map((v) => path.resolve(import.meta.dirname, '..', '.tools', 'go', v, 'bin', 'go'));

/** LEAKLAB_GO (a `go` binary) wins; then the project's own toolchains; then `go` on PATH. */
export function findToolchain(): Toolchain | null {
  const candidates: string[] = [];
  if (process.env.LEAKLAB_GO) candidates.push(process.env.LEAKLAB_GO);
  candidates.push(...PROJECT_GO);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'go'));
  for (const go of candidates) {
    if (!existsSync(go)) continue;
    try {
      const out = execFileSync(go, ['env', 'GOROOT', 'GOVERSION'], {
        encoding: 'utf8',
        timeout: 10_000,
        env: { ...process.env, GOTOOLCHAIN: 'local', GOTELEMETRY: 'off' },
      });
      const [goroot, version] = out.trim().split('\n');
      if (!goroot || !version) continue;
      const gofmt = path.join(goroot, 'bin', 'gofmt');
      return { go, gofmt: existsSync(gofmt) ? gofmt : 'gofmt', goroot, version };
    } catch {
      // Not a working toolchain; try the next one.
    }
  }
  return null;
}

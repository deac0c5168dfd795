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

const FALLBACK_GO = '/usr/lib/go-1.23/bin/go';

export function findToolchain(): Toolchain | null {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'go'));
  candidates.push(FALLBACK_GO);
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

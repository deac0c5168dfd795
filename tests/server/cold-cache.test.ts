/**
 * A server whose warm-up did not run (or failed) must still warm up through learners' builds: a
 * cold build killed at its deadline keeps what it compiled (the faketime standard library), so the
 * next build goes further (round 4 of the red team: the deleted entries kept the cache cold forever).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/index.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { requireOrSkip } from '../require.ts';
import { compile, prog } from './helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'leaklab-cold-test-'));
// The sandbox's uid (a root server drops to it) must reach the cache inside; the server creates it.
chmodSync(dir, 0o711);
const cache = path.join(dir, 'gocache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

describe('a cold build cache', () => {
  it('keeps the entries of a build killed at its deadline', async (ctx) => {
    requireOrSkip(!!findToolchain(), 'needs a Go toolchain (scripts/fetch-tools.sh)', ctx);
    const s = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: false, buildTimeoutMs: 4000, goCache: cache });
    try {
      const { json } = await compile(s.url, prog(['fmt', 'net/http'], '\tfmt.Println(http.StatusOK)'), false);
      expect(json.Errors).toContain('timeout running go build');
      expect(existsSync(cache)).toBe(true);
      // A killed cold build compiled dozens of packages in 4 s; before the fix all of them were deleted.
      expect(countFiles(cache)).toBeGreaterThan(20);
    } finally {
      await s.close();
    }
  }, 180_000);
});

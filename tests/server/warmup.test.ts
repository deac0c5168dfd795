/**
 * Filling the module cache (the first step of a server's warm-up) leaves nothing behind: no
 * leaklab-modfill-* directory, no go telemetry under a home directory (round 4 of the red team:
 * `go mod download` wrote .config/go/telemetry even with GOTELEMETRY=off, and the directory stayed).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findToolchain } from '../../server/toolchain.ts';
import { requireOrSkip } from '../require.ts';

const saved = process.env.TMPDIR;
const fresh = mkdtempSync(path.join(tmpdir(), 'leaklab-warmup-test-'));
afterAll(() => {
  process.env.TMPDIR = saved;
  rmSync(fresh, { recursive: true, force: true });
});

describe('module cache fill', () => {
  it('fills a fresh module cache and leaves no temporary directory or telemetry', async (ctx) => {
    const tc = findToolchain();
    requireOrSkip(!!tc, 'needs a Go toolchain (scripts/fetch-tools.sh)', ctx);
    process.env.TMPDIR = fresh;
    const { fillModuleCache, offlineProxyDir } = await import('../../server/modules.ts');
    requireOrSkip(!!offlineProxyDir(), 'needs the offline module sources (scripts/fetch-tools.sh)', ctx);
    fillModuleCache(tc!.go);
    const names = readdirSync(fresh);
    expect(names.filter((n) => n.startsWith('leaklab-modfill-'))).toEqual([]);
    const modcache = names.find((n) => n.startsWith('leaklab-modcache-'));
    expect(modcache).toBeTruthy();
    expect(existsSync(path.join(fresh, modcache!, 'go.uber.org'))).toBe(true);
    for (const n of names) expect(existsSync(path.join(fresh, n, '.config'))).toBe(false);
  }, 180_000);
});

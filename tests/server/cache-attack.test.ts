/**
 * Issue 18, red team item 9: a program added ~57 MB to the build cache per request; past 1 GiB the
 * trim emptied the whole cache and the unchanged starter of an exercise then timed out while the
 * faketime standard library rebuilt. Now the trim evicts least recently used entries and never the
 * entries the warm-up used. The evidence that the starter built warm is the number of cache entries
 * its build added: a rebuilt standard library adds hundreds, a warm build a handful.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/index.ts';
import { cacheEntries } from '../../server/local.ts';
import { detectIsolation, SANDBOX_UID } from '../../server/sandbox.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { requireOrSkip } from '../require.ts';
import { compile } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const STARTER = readFileSync(path.join(ROOT, 'content', 'exercises', '01-early-return', 'starter.go'), 'utf8');
const MIB = 1024 * 1024;
/** A program whose compiled package is ~20 MiB of initialised data: what fills a build cache fast. */
const filler = (i: number) =>
  `package main\n\nimport "fmt"\n\nvar big = [20 << 20]byte{${i % 200}, 20<<20 - 1: ${i % 200}}\n\nfunc main() { fmt.Println(len(big), ${i}, ${Date.now()}) }\n`;

const size = async (dir: string) => (await cacheEntries(dir)).reduce((n, e) => n + e.size, 0);

describe('a build cache that an attacker cannot empty', () => {
  let server: RunningServer | undefined;
  let dir = '';
  let cache = '';
  let cap = 0;
  beforeAll(async () => {
    if (!findToolchain() || !detectIsolation().isolated) return;
    dir = mkdtempSync(path.join(tmpdir(), 'leaklab-cache-attack-'));
    // The sandbox's uid (a root server drops to it) must reach the cache inside.
    chmodSync(dir, 0o711);
    cache = path.join(dir, 'gocache');
    // A copy of the shared cache (a cold faketime build takes minutes here), aged two hours so that
    // only what the warm-up touches counts as recently used.
    const iso = detectIsolation();
    const uid = iso.setpriv ? SANDBOX_UID : (process.getuid?.() ?? 0);
    const shared = path.join(tmpdir(), `leaklab-gocache-${uid}`);
    if (existsSync(shared)) spawnSync('cp', ['-a', shared, cache]);
    const old = Date.now() / 1000 - 2 * 3600;
    for (const e of await cacheEntries(cache)) utimesSync(path.join(cache, e.rel), old, old);
    server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', goCache: cache, buildTimeoutMs: 120_000 });
    // The cap: what the warm-up left plus room for two filler programs, so four overflow it.
    cap = (await size(cache)) + 48 * MIB;
    await server.close();
    server = await startServer({
      port: 0,
      backend: 'local',
      distDir: '/nonexistent',
      goCache: cache,
      goCacheLimitBytes: cap,
      buildTimeoutMs: 120_000,
      concurrency: 1,
    });
  }, 900_000);
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('evicts the flood, not the standard library: the exercise starter still builds warm', async (ctx) => {
    requireOrSkip(!!server, `needs a Go toolchain and the sandbox (${detectIsolation().note})`, ctx);
    for (let i = 0; i < 4; i++) {
      const { json } = await compile(server!.url, filler(i), false);
      expect(json.Errors, json.Errors).toBe('');
    }
    // The trim runs after the builds, in the background: wait for it to bring the cache under the cap.
    for (let i = 0; i < 120 && (await size(cache)) > cap; i++) await new Promise((r) => setTimeout(r, 500));
    expect(await size(cache)).toBeLessThanOrEqual(cap);
    const before = (await cacheEntries(cache)).length;
    expect(before).toBeGreaterThan(100); // not emptied

    const { json } = await compile(server!.url, STARTER, false);
    expect(json.Errors).toBe('');
    const added = (await cacheEntries(cache)).length - before;
    // The starter's own package, its link and a few action entries; std rebuilt would be hundreds.
    expect(added, `${added} entries added by the starter's build`).toBeLessThan(20);
  }, 900_000);
});

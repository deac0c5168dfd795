import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheEntries, GOCACHE_LIMIT_BYTES, LocalBackend } from '../../server/local.ts';
import { detectIsolation } from '../../server/sandbox.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { LruCache, NO_CACHE, cacheKey } from '../../server/cache.ts';

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its entry bound', () => {
    const c = new LruCache<string>(2);
    c.set('a', 'A');
    c.set('b', 'B');
    expect(c.get('a')).toBe('A'); // a is now the most recent
    c.set('c', 'C');
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    expect(c.get('c')).toBe('C');
  });

  it('stays within its byte bound and refuses single huge values', () => {
    const c = new LruCache<string>(100, 1000, (v) => v.length);
    for (let i = 0; i < 10; i++) c.set(`k${i}`, 'x'.repeat(200));
    expect(c.totalBytes).toBeLessThanOrEqual(1000);
    expect(c.size).toBe(5);
    c.set('huge', 'y'.repeat(400));
    expect(c.get('huge')).toBeUndefined();
  });

  it('keys by body and vet flag', () => {
    expect(cacheKey('compile', 'x', true)).not.toBe(cacheKey('compile', 'x', false));
    expect(cacheKey('compile', 'x', true)).toBe(cacheKey('compile', 'x', true));
    expect(cacheKey('compile', 'x', true)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('build cache cap', () => {
  it('trimCache removes the least recently used entries down to 80% of the cap, and nothing while under it', async () => {
    const tc = findToolchain();
    if (!tc) throw new Error('this test needs a Go toolchain');
    const root = mkdtempSync(path.join(tmpdir(), 'leaklab-trim-test-'));
    try {
      const cache = path.join(root, 'gocache');
      const be = new LocalBackend({
        toolchain: tc,
        isolation: detectIsolation(),
        tempRoot: root,
        goCache: cache,
        goCacheLimitBytes: 10_000,
      });
      await be.ensureCache();
      // Ten 1,000-byte entries, entry 0 the least recently used.
      const now = Date.now() / 1000;
      for (let i = 0; i < 10; i++) {
        const dir = path.join(cache, `0${i}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `e${i}-d`), 'x'.repeat(1000));
        utimesSync(path.join(dir, `e${i}-d`), now - 1000 + i, now - 1000 + i);
      }
      writeFileSync(path.join(cache, 'README'), 'not an entry');
      await be.trimCache();
      expect((await cacheEntries(cache)).length).toBe(10);
      mkdirSync(path.join(cache, '0a'));
      writeFileSync(path.join(cache, '0a', 'new-d'), 'x'.repeat(1000));
      await be.trimCache();
      const left = (await cacheEntries(cache)).map((e) => e.rel).sort();
      expect(left).toEqual(['03/e3-d', '04/e4-d', '05/e5-d', '06/e6-d', '07/e7-d', '08/e8-d', '09/e9-d', '0a/new-d']);
      expect(readdirSync(cache)).toContain('README');
      expect(GOCACHE_LIMIT_BYTES).toBe(1024 * 1024 * 1024);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('NO_CACHE', () => {
  it('keeps answers the backend marked as not about the program (killed, sandbox failure) out of the cache', () => {
    const c = new LruCache<{ v: number }>(10);
    const killed = { v: 1 };
    NO_CACHE.add(killed);
    c.set('a', killed);
    c.set('b', { v: 2 });
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toEqual({ v: 2 });
  });
});

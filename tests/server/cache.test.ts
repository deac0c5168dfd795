import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GOCACHE_LIMIT_BYTES, LocalBackend } from '../../server/local.ts';
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
  it('trimCache empties the Go build cache and leaves nothing else behind', async () => {
    const tc = findToolchain();
    if (!tc) throw new Error('this test needs a Go toolchain');
    const root = mkdtempSync(path.join(tmpdir(), 'leaklab-trim-test-'));
    try {
      const be = new LocalBackend({ toolchain: tc, isolation: detectIsolation(), tempRoot: root, goCache: path.join(root, 'gocache') });
      await be.ensureCache();
      writeFileSync(path.join(root, 'gocache', 'entry'), 'x'.repeat(1024));
      await be.trimCache();
      expect(readdirSync(root)).toEqual(['gocache']);
      expect(readdirSync(path.join(root, 'gocache'))).toEqual([]);
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

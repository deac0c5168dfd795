import { describe, expect, it } from 'vitest';
import { LruCache, cacheKey } from '../../server/cache.ts';

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

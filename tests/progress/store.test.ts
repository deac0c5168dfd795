import { describe, expect, it } from 'vitest';
import { createProgressStore, PROGRESS_KEY, type StorageLike } from '../../src/lib/progress/store.ts';
import { decodeProgress, PROGRESS_VERSION } from '../../src/lib/progress/schema.ts';

class MapStorage implements StorageLike {
  map = new Map<string, string>();
  failWrites = false;
  failReads = false;
  getItem(key: string): string | null {
    if (this.failReads) throw new DOMException('blocked', 'SecurityError');
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(key, value);
  }
  backups(): string[] {
    return [...this.map.keys()].filter((k) => k.startsWith(`${PROGRESS_KEY}:backup:`));
  }
}

function clock(start = 1000) {
  let t = start;
  return () => t++;
}

describe('progress store', () => {
  it('saves and restores snippets, passes and visits across store instances', () => {
    const storage = new MapStorage();
    const a = createProgressStore({ storage, now: clock() });
    a.setSnippet('01-what-is-a-leak/hello', 'package main // edited');
    a.markPassed('02-close-the-channel');
    a.markVisited('/learn/01-what-is-a-leak/');

    const b = createProgressStore({ storage });
    expect(b.getSnippet('01-what-is-a-leak/hello')).toBe('package main // edited');
    expect(b.passedAt('02-close-the-channel')).toBe(1000);
    expect(b.load()).toEqual({
      version: 1,
      snippets: { '01-what-is-a-leak/hello': 'package main // edited' },
      exercises: { '02-close-the-channel': { passedAt: 1000 } },
      visited: { '/learn/01-what-is-a-leak/': 1001 },
    });
    expect(JSON.parse(storage.map.get(PROGRESS_KEY)!).version).toBe(PROGRESS_VERSION);
    expect(b.problem()).toBeNull();
  });

  it('keeps the first pass time and forgets a snippet on clear', () => {
    const storage = new MapStorage();
    const s = createProgressStore({ storage, now: clock(5) });
    s.markPassed('x');
    s.markPassed('x');
    expect(s.passedAt('x')).toBe(5);
    s.setSnippet('p', 'code');
    s.clearSnippet('p');
    expect(s.getSnippet('p')).toBeUndefined();
  });

  it('does not lose another tab’s changes made between two writes', () => {
    const storage = new MapStorage();
    const tab1 = createProgressStore({ storage });
    const tab2 = createProgressStore({ storage });
    tab1.setSnippet('a', 'A');
    tab2.setSnippet('b', 'B');
    tab1.setSnippet('a', 'A2');
    expect(createProgressStore({ storage }).load().snippets).toEqual({ a: 'A2', b: 'B' });
  });

  it('returns a copy, so callers cannot change saved state by mutation', () => {
    const s = createProgressStore({ storage: new MapStorage() });
    s.setSnippet('a', 'A');
    s.load().snippets.a = 'mutated';
    expect(s.getSnippet('a')).toBe('A');
  });

  it('backs up unreadable JSON before replacing it, and never throws', () => {
    const storage = new MapStorage();
    storage.map.set(PROGRESS_KEY, '{"version":1,"snippets":{"a":');
    const s = createProgressStore({ storage, now: clock(42) });
    expect(s.load().snippets).toEqual({});
    expect(s.problem()).toMatchObject({ kind: 'corrupt' });
    // Reading alone must not touch the stored text.
    expect(storage.map.get(PROGRESS_KEY)).toBe('{"version":1,"snippets":{"a":');

    s.setSnippet('b', 'B');
    const backups = storage.backups();
    expect(backups).toHaveLength(1);
    expect(storage.map.get(backups[0]!)).toBe('{"version":1,"snippets":{"a":');
    expect(s.problem()).toEqual({ kind: 'corrupt', reason: 'not JSON', backupKey: backups[0] });
    expect(createProgressStore({ storage }).getSnippet('b')).toBe('B');
  });

  it('keeps readable entries and backs up the original when some entries are malformed', () => {
    const storage = new MapStorage();
    const original = JSON.stringify({
      version: 1,
      snippets: { ok: 'code', bad: 42 },
      exercises: { e1: { passedAt: 7 }, e2: { passedAt: 'yesterday' } },
      visited: 'nope',
    });
    storage.map.set(PROGRESS_KEY, original);
    const s = createProgressStore({ storage });
    expect(s.load()).toEqual({ version: 1, snippets: { ok: 'code' }, exercises: { e1: { passedAt: 7 } }, visited: {} });
    s.markVisited('/x/');
    const backups = storage.backups();
    expect(backups.map((k) => storage.map.get(k))).toEqual([original]);
    expect(s.getSnippet('ok')).toBe('code');
  });

  it.each([
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"hello"'],
    ['a negative version', '{"version":-1}'],
    ['a fractional version', '{"version":1.5}'],
  ])('treats %s as corrupt without throwing', (_name, text) => {
    const storage = new MapStorage();
    storage.map.set(PROGRESS_KEY, text);
    const s = createProgressStore({ storage });
    expect(() => s.load()).not.toThrow();
    expect(s.problem()?.kind).toBe('corrupt');
    s.setSnippet('a', 'A');
    expect(storage.backups().map((k) => storage.map.get(k))).toEqual([text]);
  });

  it('leaves a save from a newer site version untouched and works from memory', () => {
    const storage = new MapStorage();
    const future = JSON.stringify({ version: 2, whatever: { a: 1 } });
    storage.map.set(PROGRESS_KEY, future);
    const s = createProgressStore({ storage });
    s.setSnippet('a', 'A');
    expect(s.getSnippet('a')).toBe('A');
    expect(storage.map.get(PROGRESS_KEY)).toBe(future);
    expect(s.problem()).toEqual({ kind: 'future', version: 2 });
  });

  it('migrates an unversioned save (version 0) to version 1', () => {
    const storage = new MapStorage();
    storage.map.set(PROGRESS_KEY, JSON.stringify({ code: { a: 'A' } }));
    const s = createProgressStore({ storage });
    expect(s.getSnippet('a')).toBe('A');
    s.markPassed('e');
    const saved = JSON.parse(storage.map.get(PROGRESS_KEY)!);
    expect(saved.version).toBe(1);
    expect(saved.snippets).toEqual({ a: 'A' });
    expect(storage.backups()).toEqual([]);
  });

  it('falls back to memory when storage throws on read', () => {
    const storage = new MapStorage();
    storage.failReads = true;
    const s = createProgressStore({ storage });
    s.setSnippet('a', 'A');
    expect(s.getSnippet('a')).toBe('A');
    expect(s.problem()).toEqual({ kind: 'unavailable' });
  });

  it('keeps working in memory when the quota is full', () => {
    const storage = new MapStorage();
    const s = createProgressStore({ storage });
    s.setSnippet('a', 'A');
    storage.failWrites = true;
    expect(() => s.setSnippet('b', 'B')).not.toThrow();
    expect(s.load().snippets).toEqual({ a: 'A', b: 'B' });
    expect(s.problem()).toEqual({ kind: 'unavailable' });
    expect(JSON.parse(storage.map.get(PROGRESS_KEY)!).snippets).toEqual({ a: 'A' });
  });

  it('does not overwrite corrupt data when the backup cannot be written', () => {
    const storage = new MapStorage();
    storage.map.set(PROGRESS_KEY, 'garbage');
    storage.failWrites = true;
    const s = createProgressStore({ storage });
    s.setSnippet('a', 'A');
    storage.failWrites = false;
    s.setSnippet('b', 'B');
    expect(storage.map.get(PROGRESS_KEY)).toBe('garbage');
    expect(s.load().snippets).toEqual({ a: 'A', b: 'B' });
  });

  it('works without any storage', () => {
    const s = createProgressStore({ storage: null });
    s.markPassed('e');
    expect(s.passedAt('e')).toBeTypeOf('number');
  });
});

describe('decodeProgress', () => {
  it('reads nothing as empty progress', () => {
    expect(decodeProgress(null)).toEqual({
      kind: 'ok',
      progress: { version: 1, snippets: {}, exercises: {}, visited: {} },
      dropped: 0,
    });
  });
});

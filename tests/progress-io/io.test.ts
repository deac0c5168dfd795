import { describe, expect, it } from 'vitest';
import {
  chapterOfPath,
  chapterOfSnippet,
  editStoredProgress,
  EXPORT_FORMAT,
  exportFileName,
  exportProgress,
  mergeProgress,
  parseImport,
  resetAll,
  resetChapter,
  resetSnippet,
  summarize,
} from '../../src/lib/progress/io.ts';
import { createProgressStore, PROGRESS_KEY, type StorageLike } from '../../src/lib/progress/store.ts';
import type { Progress } from '../../src/lib/progress/schema.ts';

class MapStorage implements StorageLike {
  map = new Map<string, string>();
  fail = false;
  getItem(key: string): string | null {
    if (this.fail) throw new DOMException('blocked', 'SecurityError');
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.fail) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(key, value);
  }
}

const exerciseChapters = { '01-early-return': '01-what-is-a-leak', '07-flush-before-exit': '07-defer-and-lifetimes' };

const sample: Progress = {
  version: 1,
  snippets: {
    '01-what-is-a-leak/first-leak': 'package main // mine',
    '02-channels/nil-channel': 'package main // ch2',
    '01-early-return': 'package main // exercise',
    play: 'package main // scratch',
  },
  exercises: { '01-early-return': { passedAt: 100 }, '07-flush-before-exit': { passedAt: 200 } },
  visited: { '/learn/01-what-is-a-leak/': 10, '/zh-cn/learn/01-what-is-a-leak/': 30, '/learn/07-defer-and-lifetimes/': 20, '/play/': 5 },
};

describe('progress export and import', () => {
  it('round-trips an export through import unchanged', () => {
    const text = exportProgress(sample, Date.UTC(2026, 10, 23));
    const doc = JSON.parse(text);
    expect(doc.format).toBe(EXPORT_FORMAT);
    expect(doc.exportedAt).toBe('2026-11-23T00:00:00.000Z');
    expect(doc.version).toBe(1);
    expect(parseImport(text)).toEqual({ ok: true, progress: sample });
    expect(exportFileName(Date.UTC(2026, 10, 23))).toBe('leaklab-progress-2026-11-23.json');
  });

  it('migrates an export from the unversioned format', () => {
    const old = JSON.stringify({
      format: EXPORT_FORMAT,
      code: { '02-channels/nil-channel': 'old code' },
      exercises: { '01-early-return': { passedAt: 7 } },
    });
    expect(parseImport(old)).toEqual({
      ok: true,
      migratedFrom: 0,
      progress: {
        version: 1,
        snippets: { '02-channels/nil-channel': 'old code' },
        exercises: { '01-early-return': { passedAt: 7 } },
        visited: {},
      },
    });
  });

  it('accepts the raw stored value, with a byte-order mark', () => {
    expect(parseImport(`\uFEFF${JSON.stringify(sample)}`)).toEqual({ ok: true, progress: sample });
  });

  it('gives bad and foreign files a specific error', () => {
    expect(parseImport('')).toEqual({ ok: false, error: 'notJson' });
    expect(parseImport('{"format": "goroutine-leak-lab/progress", ')).toEqual({ ok: false, error: 'notJson' });
    expect(parseImport('[1,2]')).toEqual({ ok: false, error: 'notObject' });
    expect(parseImport('"text"')).toEqual({ ok: false, error: 'notObject' });
    // Someone else's JSON: package.json, a VS Code settings file, another site's export.
    expect(parseImport('{"name":"x","version":"1.0.0"}')).toEqual({ ok: false, error: 'foreign' });
    expect(parseImport('{"editor.fontSize": 14}')).toEqual({ ok: false, error: 'foreign' });
    expect(parseImport('{"format":"other-app/progress","version":1,"snippets":{}}')).toEqual({ ok: false, error: 'foreign' });
    expect(parseImport('{"version":1,"snippets":{},"theme":"dark"}')).toEqual({ ok: false, error: 'foreign' });
    expect(parseImport(JSON.stringify({ format: EXPORT_FORMAT, version: 9, snippets: {} }))).toEqual({
      ok: false,
      error: 'future',
      version: 9,
    });
    expect(parseImport(JSON.stringify({ format: EXPORT_FORMAT, version: 'one' }))).toEqual({
      ok: false,
      error: 'corrupt',
      reason: 'bad version',
    });
    expect(
      parseImport(JSON.stringify({ format: EXPORT_FORMAT, version: 1, snippets: { a: 1, b: 'ok' }, exercises: { c: { passedAt: 'x' } } })),
    ).toEqual({
      ok: false,
      error: 'invalidEntries',
      count: 2,
    });
    expect(parseImport(' '.repeat(5 * 1024 * 1024 + 1))).toMatchObject({ ok: false, error: 'tooLarge' });
  });

  it('merges an import into existing progress, idempotently', () => {
    const mine: Progress = {
      version: 1,
      snippets: { play: 'mine', '02-channels/x': 'keep' },
      exercises: { '01-early-return': { passedAt: 50 }, '07-flush-before-exit': { passedAt: 900 } },
      visited: { '/learn/01-what-is-a-leak/': 99 },
    };
    const merged = mergeProgress(mine, sample);
    expect(merged.snippets).toEqual({ ...sample.snippets, '02-channels/x': 'keep' });
    expect(merged.exercises).toEqual({ '01-early-return': { passedAt: 50 }, '07-flush-before-exit': { passedAt: 200 } });
    expect(merged.visited['/learn/01-what-is-a-leak/']).toBe(99);
    expect(mergeProgress(merged, sample)).toEqual(merged);
  });
});

describe('progress reset and summary', () => {
  it('maps snippets and paths to chapters', () => {
    expect(chapterOfPath('/learn/02-channels/')).toBe('02-channels');
    expect(chapterOfPath('/zh-cn/learn/12-checklist/')).toBe('12-checklist');
    expect(chapterOfPath('/play/')).toBeUndefined();
    expect(chapterOfSnippet('02-channels/nil-channel', exerciseChapters)).toBe('02-channels');
    expect(chapterOfSnippet('01-early-return', exerciseChapters)).toBe('01-what-is-a-leak');
    expect(chapterOfSnippet('play', exerciseChapters)).toBeUndefined();
  });

  it('resets one snippet, one chapter, or everything', () => {
    const one = resetSnippet(sample, '02-channels/nil-channel');
    expect(Object.keys(one.snippets)).not.toContain('02-channels/nil-channel');
    expect(Object.keys(one.snippets)).toHaveLength(3);
    expect(sample.snippets['02-channels/nil-channel']).toBeDefined(); // input untouched

    const ch1 = resetChapter(sample, '01-what-is-a-leak', exerciseChapters);
    expect(ch1).toEqual({
      version: 1,
      snippets: { '02-channels/nil-channel': 'package main // ch2', play: 'package main // scratch' },
      exercises: { '07-flush-before-exit': { passedAt: 200 } },
      visited: { '/learn/07-defer-and-lifetimes/': 20, '/play/': 5 },
    });
    expect(resetAll()).toEqual({ version: 1, snippets: {}, exercises: {}, visited: {} });
  });

  it('summarizes visits, passes and edits per chapter', () => {
    const s = summarize(sample, ['01-what-is-a-leak', '02-channels', '03-abandoned-work'], exerciseChapters);
    expect(s).toEqual([
      {
        chapter: '01-what-is-a-leak',
        visitedAt: 30,
        passed: ['01-early-return'],
        edited: ['01-early-return', '01-what-is-a-leak/first-leak'],
      },
      { chapter: '02-channels', passed: [], edited: ['02-channels/nil-channel'] },
      { chapter: '03-abandoned-work', passed: [], edited: [] },
    ]);
  });
});

describe('editing stored progress', () => {
  it('writes what the store reads back', () => {
    const storage = new MapStorage();
    const store = createProgressStore({ storage });
    store.markPassed('01-early-return');
    const r = editStoredProgress(storage, (p) => mergeProgress(p, sample));
    expect(r.ok).toBe(true);
    expect(createProgressStore({ storage }).load()).toEqual(
      mergeProgress(
        { version: 1, snippets: {}, exercises: { '01-early-return': { passedAt: store.passedAt('01-early-return')! } }, visited: {} },
        sample,
      ),
    );
    editStoredProgress(storage, () => resetAll());
    expect(createProgressStore({ storage }).load()).toEqual(resetAll());
  });

  it('backs up unreadable data before replacing it, and never touches a newer save', () => {
    const storage = new MapStorage();
    storage.map.set(PROGRESS_KEY, '{broken');
    const r = editStoredProgress(storage, () => sample, { now: () => 42 });
    expect(r).toMatchObject({ ok: true, backupKey: `${PROGRESS_KEY}:backup:42` });
    expect(storage.map.get(`${PROGRESS_KEY}:backup:42`)).toBe('{broken');

    const newer = JSON.stringify({ version: 2, snippets: {}, somethingNew: true });
    storage.map.set(PROGRESS_KEY, newer);
    expect(editStoredProgress(storage, () => sample)).toEqual({ ok: false, reason: 'future' });
    expect(storage.map.get(PROGRESS_KEY)).toBe(newer);

    storage.fail = true;
    expect(editStoredProgress(storage, () => sample)).toEqual({ ok: false, reason: 'unavailable' });
    expect(editStoredProgress(null, () => sample)).toEqual({ ok: false, reason: 'unavailable' });
  });
});

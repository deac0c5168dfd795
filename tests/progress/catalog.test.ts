import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localeFromPath, localePrefix, pathInLocale } from '../../src/i18n/index.ts';
import { CHAPTERS } from '../../src/lib/content/chapters.ts';
import { chapterInfos, exerciseChapterMap, exerciseInfos } from '../../src/lib/progress/catalog.ts';
import { loadExercises } from '../../src/lib/content/exercises.ts';
import { chapterOfPath } from '../../src/lib/progress/paths.ts';

describe('locale helpers', () => {
  it('reads and strips the locale prefix of a path', () => {
    expect(localeFromPath('/zh-cn/learn/02-channels/')).toBe('zh-cn');
    expect(localeFromPath('/zh-cn')).toBe('zh-cn');
    expect(localeFromPath('/zh-cnx/')).toBe('en');
    expect(localeFromPath('/learn/zh-cn/')).toBe('en');
    expect(pathInLocale('/zh-cn/learn/02-channels/')).toBe('/learn/02-channels/');
    expect(pathInLocale('/zh-cn')).toBe('/');
    expect(pathInLocale('/play/')).toBe('/play/');
    expect(localePrefix('en')).toBe('');
    expect(localePrefix('zh-cn')).toBe('/zh-cn');
  });

  it('finds the chapter of a lesson path in either locale', () => {
    expect(chapterOfPath('/learn/02-channels/')).toBe('02-channels');
    expect(chapterOfPath('/zh-cn/learn/12-checklist/')).toBe('12-checklist');
    expect(chapterOfPath('/zh-cn/learn/12-checklist')).toBe('12-checklist');
    expect(chapterOfPath('/play/')).toBeUndefined();
    expect(chapterOfPath('/fr/learn/02-channels/')).toBeUndefined();
  });
});

describe('course catalogue', () => {
  const docs = [
    { id: 'learn/01-what-is-a-leak', data: { title: 'What is a leak' } },
    { id: 'zh-cn/learn/01-what-is-a-leak', data: { title: '什么是泄漏' } },
    { id: 'learn/02-channels', data: { title: 'Channels' } },
  ];

  it('lists every chapter in order, with links in the page locale and the default title when untranslated', () => {
    const en = chapterInfos(docs, 'en');
    expect(en.map((c) => c.slug)).toEqual([...CHAPTERS]);
    expect(en[0]).toEqual({ slug: '01-what-is-a-leak', n: 1, title: 'What is a leak', href: '/learn/01-what-is-a-leak/' });
    expect(en[2]).toEqual({ slug: CHAPTERS[2], n: 3 });

    const zh = chapterInfos(docs, 'zh-cn');
    expect(zh[0]).toEqual({ slug: '01-what-is-a-leak', n: 1, title: '什么是泄漏', href: '/zh-cn/learn/01-what-is-a-leak/' });
    expect(zh[1]).toEqual({ slug: '02-channels', n: 2, title: 'Channels', href: '/zh-cn/learn/02-channels/' });
  });

  it('reads the real exercises through the one loader, validated and sorted by id', () => {
    const ids = readdirSync('content/exercises').filter((d) => !d.startsWith('.'));
    // Shuffled keys, as a glob may return them.
    const files = Object.fromEntries(
      [...ids]
        .reverse()
        .flatMap((id) =>
          ['exercise.json', 'starter.go', 'solution.go'].map((f) => [
            `/content/exercises/${id}/${f}`,
            readFileSync(`content/exercises/${id}/${f}`, 'utf8'),
          ]),
        ),
    );
    const list = exerciseInfos(loadExercises(files));
    expect(list.map((e) => e.id)).toEqual([...ids].sort());
    for (const e of list) expect(CHAPTERS).toContain(e.chapter);
    expect(exerciseChapterMap(list)).toEqual(Object.fromEntries(list.map((e) => [e.id, e.meta.chapter])));
  });

  it('rejects an exercise.json that does not match the schema, or a missing file', () => {
    const ok = { starter: 'package main\n', solution: 'package main\n' };
    const files = (json: string) => ({ 'x/exercise.json': json, 'x/starter.go': ok.starter, 'x/solution.go': ok.solution });
    expect(() => loadExercises(files('{"chapter": 42}'))).toThrow(/content\/exercises\/x/);
    expect(() => loadExercises(files('{'))).toThrow(/not JSON/);
    expect(() => loadExercises({ 'x/exercise.json': '{}' })).toThrow();
  });
});

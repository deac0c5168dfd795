/**
 * Build-time catalogue of the course: the docs collection and the exercises (loaded once, in
 * src/components/course/content.ts), handed to src/lib/progress/catalog.ts. Used by Astro pages
 * and components only; browser scripts get the small pieces they need through data attributes.
 */
import { getCollection } from 'astro:content';
import type { Locale } from '../../i18n/index.ts';
import { chapterInfos, exerciseChapterMap, exerciseInfos, type ChapterInfo, type ExerciseInfo } from '../../lib/progress/catalog.ts';
import { allExercises } from '../course/content.ts';

export type { ChapterInfo, ExerciseInfo };

export async function chapters(locale: Locale): Promise<ChapterInfo[]> {
  return chapterInfos(await getCollection('docs'), locale);
}

export function exercises(): ExerciseInfo[] {
  return exerciseInfos(allExercises());
}

/** Exercise id → chapter slug, the map the progress helpers take. */
export function exerciseChapters(): Record<string, string> {
  return exerciseChapterMap(exercises());
}

/**
 * The course catalogue (chapters with their titles and links, exercises with their metadata),
 * built from data the caller loads: src/components/progress/catalog.ts hands over the docs
 * collection and the exercises (already validated by src/lib/content/exercises.ts).
 */
import { defaultLocale, lessonPath, type Locale } from '../../i18n/index.ts';
import { CHAPTERS } from '../content/chapters.ts';
import type { Exercise } from '../content/exercises.ts';
import type { ExerciseMeta } from '../content/schema.ts';

export interface ChapterInfo {
  slug: string;
  n: number;
  /** Title from the lesson's frontmatter, or undefined when the lesson is not written yet. */
  title?: string;
  href?: string;
}

export interface ExerciseInfo {
  id: string;
  chapter: string;
  title: ExerciseMeta['title'];
  meta: ExerciseMeta;
}

/** The part of a docs-collection entry the catalogue reads. */
export interface LessonDoc {
  id: string;
  data: { title: string };
}

/** Collection id of a lesson: `learn/<slug>` for the default locale, `<locale>/learn/<slug>` otherwise. */
function docId(locale: Locale, slug: string): string {
  return locale === defaultLocale ? `learn/${slug}` : `${locale}/learn/${slug}`;
}

/** Every chapter in course order; a lesson not translated yet falls back to the default locale's title. */
export function chapterInfos(docs: readonly LessonDoc[], locale: Locale): ChapterInfo[] {
  return CHAPTERS.map((slug, i) => {
    const doc = docs.find((d) => d.id === docId(locale, slug)) ?? docs.find((d) => d.id === docId(defaultLocale, slug));
    return doc ? { slug, n: i + 1, title: doc.data.title, href: lessonPath(slug, locale) } : { slug, n: i + 1 };
  });
}

/** The catalogue's view of the exercises, in the order given (loadExercises sorts by id). */
export function exerciseInfos(list: readonly Exercise[]): ExerciseInfo[] {
  return list.map(({ id, meta }) => ({ id, chapter: meta.chapter, title: meta.title, meta }));
}

/** Exercise id → chapter slug, the map the progress helpers take. */
export function exerciseChapterMap(list: readonly ExerciseInfo[]): Record<string, string> {
  return Object.fromEntries(list.map((e) => [e.id, e.chapter]));
}

/**
 * Build-time catalogue of the course: the twelve chapters (titles from the docs collection) and
 * the exercises (from content/exercises/<id>/exercise.json). Used by Astro pages and components
 * only; browser scripts get the small pieces they need through data attributes.
 */
import { getCollection } from 'astro:content';
import type { Locale } from '../../i18n/index.ts';
import { exerciseMetaSchema, type ExerciseMeta } from '../../lib/content/schema.ts';
import { CHAPTERS } from '../../lib/content/chapters.ts';

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

export async function chapters(locale: Locale): Promise<ChapterInfo[]> {
  const docs = await getCollection('docs');
  return CHAPTERS.map((slug, i) => {
    const docId = locale === 'en' ? `learn/${slug}` : `zh-cn/learn/${slug}`;
    const doc = docs.find((d) => d.id === docId) ?? (locale !== 'en' ? docs.find((d) => d.id === `learn/${slug}`) : undefined);
    const prefix = locale === 'en' ? '' : '/zh-cn';
    return doc ? { slug, n: i + 1, title: doc.data.title, href: `${prefix}/learn/${slug}/` } : { slug, n: i + 1 };
  });
}

const metas = import.meta.glob<unknown>('/content/exercises/*/exercise.json', { import: 'default', eager: true });

export function exercises(): ExerciseInfo[] {
  return Object.entries(metas)
    .map(([path, raw]) => {
      const id = path.split('/')[3]!;
      const meta = exerciseMetaSchema.parse(raw);
      return { id, chapter: meta.chapter, title: meta.title, meta };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Exercise id → chapter slug, the map the progress helpers take. */
export function exerciseChapters(): Record<string, string> {
  return Object.fromEntries(exercises().map((e) => [e.id, e.chapter]));
}

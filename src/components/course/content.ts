/**
 * The site's one read of content/exercises, content/programs and the lessons' MDX source: the files come in through
 * import.meta.glob (so Vite watches and bundles them) and go through the same pure loaders and
 * zod schemas as the content tests (src/lib/content/exercises.ts, programs.ts). Build time only.
 */
import { loadExercises, type Exercise } from '../../lib/content/exercises.ts';
import { loadPrograms, type Program } from '../../lib/content/programs.ts';
import { lessonPath, type Locale } from '../../i18n/index.ts';

const exerciseFiles = import.meta.glob<string>('/content/exercises/*/{exercise.json,starter.go,solution.go}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const programFiles = import.meta.glob<string>('/content/programs/*/{*.go,*.txtar,programs.json}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const lessonFiles = import.meta.glob<string>('/content/docs/**/learn/*.mdx', { query: '?raw', import: 'default', eager: true });

const EXERCISES = loadExercises(exerciseFiles);
const PROGRAMS = loadPrograms(programFiles);

/** Every exercise, sorted by id. */
export function allExercises(): readonly Exercise[] {
  return EXERCISES;
}

export function exercise(id: string): Exercise {
  const e = EXERCISES.find((x) => x.id === id);
  if (!e) throw new Error(`Exercise: no content/exercises/${id}/`);
  return e;
}

/** A lesson program by `<chapter>/<name>`. */
export function program(id: string): Program {
  const p = PROGRAMS.get(id);
  if (!p) throw new Error(`Playground: no program content/programs/${id}.go or .txtar`);
  return p;
}

/**
 * A lesson's MDX source in a locale, falling back to English when the locale has no translation.
 * The file sits where the page is served: `lessonPath` without its trailing slash, under content/docs.
 */
export function lessonSource(slug: string, locale: Locale): string {
  const file = (l: Locale) => `/content/docs${lessonPath(slug, l).slice(0, -1)}.mdx`;
  return lessonFiles[file(locale)] ?? lessonFiles[file('en')] ?? '';
}

/**
 * The one reader of a lesson's MDX source: what it embeds, how its headings nest, how long it
 * reads, and the task text above an exercise. The site (course home, embeds) and the content
 * tests all scan lessons through here, so they agree on what a lesson contains.
 */

/** What a lesson page references and how it is structured, for comparing locales. */
export interface LessonShape {
  playgrounds: string[];
  /** `<Playground>` attributes other than `program` and `title`: program properties belong in programs.json. */
  playgroundProps: string[];
  exercises: string[];
  headings: number;
  headingLevels: number[];
}

const FRONTMATTER = /^---[\s\S]*?---/;
const MODULE_LINE = /^(import|export) .*$/gm;
// A fenced code block: a `# comment` or `<Playground>` in a shell snippet is not part of the page.
const FENCE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm;
const HEADING = /^(#{1,6})\s+\S/gm;
const CJK_CHAR = /[\u3400-\u9fff]/g;
const WORD = /[A-Za-z0-9_']+/g;

function tags(text: string, tag: string): string[] {
  return [...text.matchAll(new RegExp(`<${tag}\\b([^>]*?)\\/?>`, 'g'))].map((m) => m[1]!);
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]+)"`).exec(attrs)?.[1];
}

export function lessonShape(mdx: string): LessonShape {
  const text = mdx.replace(FENCE, '');
  const playgroundTags = tags(text, 'Playground');
  const levels = [...text.matchAll(HEADING)].map((m) => m[1]!.length);
  return {
    playgroundProps: playgroundTags.flatMap((a) =>
      [...a.matchAll(/\b([A-Za-z]+)=/g)].map((m) => m[1]!).filter((n) => n !== 'program' && n !== 'title'),
    ),
    playgrounds: playgroundTags.flatMap((a) => attr(a, 'program') ?? []),
    exercises: tags(text, 'Exercise').flatMap((a) => attr(a, 'id') ?? []),
    headings: levels.length,
    headingLevels: levels,
  };
}

/**
 * Estimated minutes for a lesson: reading (200 English words or 400 Chinese characters a minute,
 * code included, since learners read it too), two minutes per program to run and read, ten per
 * exercise; rounded to 5 minutes, at least 5.
 */
export function readingMinutes(mdx: string): number {
  const prose = mdx.replace(FRONTMATTER, '').replace(MODULE_LINE, '');
  const cjk = (prose.match(CJK_CHAR) ?? []).length;
  const words = (prose.replace(CJK_CHAR, ' ').match(WORD) ?? []).length;
  const shape = lessonShape(mdx);
  const total = words / 200 + cjk / 400 + shape.playgrounds.length * 2 + shape.exercises.length * 10;
  return Math.max(5, Math.round(total / 5) * 5);
}

/**
 * The task text of an exercise: the paragraphs between the last heading (or Aside/blank block
 * boundary) before `<Exercise id="…" />` and the tag itself.
 */
export function exerciseTask(mdx: string, id: string): string[] {
  const lines = mdx.split('\n');
  const at = lines.findIndex((l) => l.includes(`<Exercise id="${id}"`));
  if (at < 0) return [];
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('#') || line.startsWith('<') || line.startsWith(':::') || line.startsWith('```')) break;
    if (line === '') {
      if (current.length) paragraphs.unshift(joinLines(current));
      current = [];
      continue;
    }
    current.unshift(line);
  }
  if (current.length) paragraphs.unshift(joinLines(current));
  return paragraphs;
}

/** Soft line breaks are a space in English and nothing between Chinese characters. */
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;
function joinLines(lines: string[]): string {
  return lines.reduce((acc, line) => (acc === '' ? line : CJK.test(acc.at(-1)!) || CJK.test(line[0]!) ? acc + line : `${acc} ${line}`), '');
}

/**
 * Helpers for the content tests: find every course program and exercise, check gofmt, read the
 * local Go version, and compare lessons across locales. Node-only (fs, child_process).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { findToolchain, findToolchains } from '../../server/toolchain.ts';
import { splitFiles } from '../../src/lib/runner/txtar.ts';
import { exerciseEntries, type ExerciseEntry } from '../../src/lib/content/exercises.ts';
import { programChapters, type ChapterPrograms, type ProgramEntry } from '../../src/lib/content/programs.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const PROGRAMS_DIR = join(ROOT, 'content', 'programs');
export const EXERCISES_DIR = join(ROOT, 'content', 'exercises');
export const DOCS_DIR = join(ROOT, 'content', 'docs');

export type { ChapterPrograms, ProgramEntry, ExerciseEntry };

const subdirs = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => statSync(join(dir, d)).isDirectory())
        .sort()
    : [];

/** Every file directly under each subfolder of `dir`, keyed `<subfolder>/<file>`, as the lib loaders take them. */
function filesByFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of subdirs(dir))
    for (const f of readdirSync(join(dir, sub)))
      if (statSync(join(dir, sub, f)).isFile()) out[`${sub}/${f}`] = readFileSync(join(dir, sub, f), 'utf8');
  return out;
}

/** The programs, through the loader and schema the site uses (src/lib/content/programs.ts). */
export function listChapters(): ChapterPrograms[] {
  return programChapters(filesByFolder(PROGRAMS_DIR));
}

/** The exercises, through the loader and schema the site uses (src/lib/content/exercises.ts). */
export function listExercises(): ExerciseEntry[] {
  return exerciseEntries(filesByFolder(EXERCISES_DIR));
}

/** Go sources of a program file (.go, or the .go members of a .txtar). */
export function goSources(file: string, source: string): Record<string, string> {
  if (file.endsWith('.go')) return { [basename(file)]: source };
  return Object.fromEntries(
    splitFiles(source)
      .filter((f) => f.name.endsWith('.go'))
      .map((f) => [f.name, f.data]),
  );
}

/** Names of the given Go sources that `gofmt -l` reports as not formatted. */
export function gofmtDirty(sources: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-gofmt-'));
  try {
    const paths = Object.entries(sources).map(([name, text], i) => {
      const p = join(dir, `${i}-${name.replaceAll('/', '_')}`);
      writeFileSync(p, text);
      return p;
    });
    if (paths.length === 0) return [];
    const out = execFileSync(toolchain?.gofmt ?? 'gofmt', ['-l', ...paths], { encoding: 'utf8' });
    const dirty = new Set(out.split('\n').filter(Boolean));
    return Object.keys(sources).filter((_, i) => dirty.has(paths[i]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Go toolchain the local runner uses by default (same lookup as the server), or null. */
export const toolchain = findToolchain();
/** Every toolchain the runner offers (default first): programs.json's "go" pins pick among them. */
export const toolchains = findToolchains();

/** Minor version of the local Go toolchain (23 for go1.23.5), or undefined without Go. */
export function localGoMinor(): number | undefined {
  const m = toolchain ? /^go1\.(\d+)/.exec(toolchain.version) : null;
  return m ? Number(m[1]) : undefined;
}

export { lessonShape, type LessonShape } from '../../src/lib/content/lesson.ts';

export function lessonFiles(locale: '' | 'zh-cn'): Record<string, string> {
  const dir = locale === '' ? join(DOCS_DIR, 'learn') : join(DOCS_DIR, locale, 'learn');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => /\.mdx?$/.test(f))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

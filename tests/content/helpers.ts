/**
 * Helpers for the content tests: find every course program and exercise, check gofmt, read the
 * local Go version, and compare lessons across locales. Node-only (fs, child_process).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { findToolchain, findToolchains } from '../../server/toolchain.ts';
import { splitFiles } from '../../src/lib/runner/txtar.ts';
import { exerciseMetaSchema, programsFileSchema, type ExerciseMeta, type ProgramMeta } from '../../src/lib/content/schema.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const PROGRAMS_DIR = join(ROOT, 'content', 'programs');
export const EXERCISES_DIR = join(ROOT, 'content', 'exercises');
export const DOCS_DIR = join(ROOT, 'content', 'docs');

export interface ProgramEntry {
  /** `<chapter>/<name>`, as used by `<Playground program="...">`. */
  id: string;
  chapter: string;
  name: string;
  file: string;
  source: string;
  /** undefined when programs.json has no entry (reported by the metadata test). */
  meta: ProgramMeta | undefined;
}

export interface ChapterPrograms {
  chapter: string;
  /** Parse error of programs.json, or a missing file. */
  metaError?: string;
  /** Names with metadata but no .go/.txtar file. */
  orphanMeta: string[];
  programs: ProgramEntry[];
}

const subdirs = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => statSync(join(dir, d)).isDirectory())
        .sort()
    : [];

export function listChapters(): ChapterPrograms[] {
  return subdirs(PROGRAMS_DIR).map((chapter) => {
    const dir = join(PROGRAMS_DIR, chapter);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.go') || f.endsWith('.txtar'))
      .sort();
    let metas: Record<string, ProgramMeta> = {};
    let metaError: string | undefined;
    const metaPath = join(dir, 'programs.json');
    if (!existsSync(metaPath)) metaError = `${relative(ROOT, metaPath)} is missing`;
    else {
      const parsed = programsFileSchema.safeParse(JSON.parse(readFileSync(metaPath, 'utf8')));
      if (parsed.success) metas = parsed.data;
      else metaError = `${relative(ROOT, metaPath)}: ${parsed.error.message}`;
    }
    const programs = files.map((f) => {
      const name = f.replace(/\.(go|txtar)$/, '');
      const file = join(dir, f);
      return { id: `${chapter}/${name}`, chapter, name, file, source: readFileSync(file, 'utf8'), meta: metas[name] };
    });
    const names = new Set(programs.map((p) => p.name));
    return { chapter, metaError, orphanMeta: Object.keys(metas).filter((n) => !names.has(n)), programs };
  });
}

export interface ExerciseEntry {
  id: string;
  dir: string;
  starter?: string;
  solution?: string;
  meta?: ExerciseMeta;
  metaError?: string;
}

export function listExercises(): ExerciseEntry[] {
  return subdirs(EXERCISES_DIR).map((id) => {
    const dir = join(EXERCISES_DIR, id);
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
    const entry: ExerciseEntry = { id, dir, starter: read('starter.go'), solution: read('solution.go') };
    const raw = read('exercise.json');
    if (raw === undefined) entry.metaError = 'exercise.json is missing';
    else {
      const parsed = exerciseMetaSchema.safeParse(JSON.parse(raw));
      if (parsed.success) entry.meta = parsed.data;
      else entry.metaError = parsed.error.message;
    }
    return entry;
  });
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

/** What a lesson page references and how it is structured, for comparing locales. */
export interface LessonShape {
  playgrounds: string[];
  /** Programs embedded with leakCheck={false}. */
  noLeakCheck: string[];
  exercises: string[];
  headings: number;
  headingLevels: number[];
}

export function lessonShape(mdx: string): LessonShape {
  // Ignore fenced code blocks: a `# comment` in a shell snippet is not a heading.
  const text = mdx.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  const attr = (tag: string, name: string) => [...text.matchAll(new RegExp(`<${tag}\\b[^>]*?\\b${name}="([^"]+)"`, 'g'))].map((m) => m[1]);
  const levels = [...text.matchAll(/^(#{1,6})\s+\S/gm)].map((m) => m[1].length);
  const noLeakCheck = [...text.matchAll(/<Playground\b[^>]*?\bprogram="([^"]+)"[^>]*?\bleakCheck=\{false\}/g)].map((m) => m[1]);
  return {
    noLeakCheck,
    playgrounds: attr('Playground', 'program'),
    exercises: attr('Exercise', 'id'),
    headings: levels.length,
    headingLevels: levels,
  };
}

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

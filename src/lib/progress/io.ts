/**
 * Export, import and reset of the learner's progress, over the versioned format in schema.ts.
 * Pure functions on Progress values plus one storage edit helper, so the course overview page,
 * the tests and any future CLI share them. An import that is not a clean progress file changes
 * nothing: it is parsed and checked completely before anything is written.
 */
import { decodeProgress, emptyProgress, encodeProgress, PROGRESS_VERSION, type Progress } from './schema.ts';
import { PROGRESS_KEY, type StorageLike } from './store.ts';
import { chapterOfPath } from './paths.ts';

/** Marks a file as ours, so a random JSON file is told apart from an (older) progress export. */
export const EXPORT_FORMAT = 'goroutine-leak-lab/progress';
/** Exports are small (code of a few dozen snippets); anything far bigger is not one of ours. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ProgressExport extends Progress {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
}

export function exportProgress(progress: Progress, now: number = Date.now()): string {
  const doc: ProgressExport = { format: EXPORT_FORMAT, exportedAt: new Date(now).toISOString(), ...progress };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** File name for a download, e.g. `leaklab-progress-2026-11-23.json`. */
export function exportFileName(now: number = Date.now()): string {
  return `leaklab-progress-${new Date(now).toISOString().slice(0, 10)}.json`;
}

export type ImportError =
  | { error: 'tooLarge'; bytes: number }
  | { error: 'notJson' }
  | { error: 'notObject' }
  /** Valid JSON, but not a progress export of this lab. */
  | { error: 'foreign' }
  /** Written by a newer version of the lab than this one. */
  | { error: 'future'; version: number }
  | { error: 'corrupt'; reason: string }
  /** Some entries have the wrong type: nothing is imported rather than a part. */
  | { error: 'invalidEntries'; count: number };

export type ImportResult = { ok: true; progress: Progress; migratedFrom?: number } | ({ ok: false } & ImportError);

const STORE_KEYS = new Set(['version', 'snippets', 'exercises', 'visited']);

export function parseImport(text: string): ImportResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) return { ok: false, error: 'tooLarge', bytes };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: 'notJson' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'notObject' };
  const doc = { ...(raw as Record<string, unknown>) };
  if (doc.format === EXPORT_FORMAT) {
    delete doc.format;
    delete doc.exportedAt;
  } else {
    // Also accept the stored value itself (copied out of localStorage by hand), but only when it
    // has exactly the store's shape: anything else is someone else's JSON.
    const keys = Object.keys(doc);
    if (doc.format !== undefined || typeof doc.version !== 'number' || !keys.every((k) => STORE_KEYS.has(k))) {
      return { ok: false, error: 'foreign' };
    }
  }
  const from = doc.version === undefined ? 0 : doc.version;
  const decoded = decodeProgress(JSON.stringify(doc));
  if (decoded.kind === 'future') return { ok: false, error: 'future', version: decoded.version };
  if (decoded.kind === 'corrupt') return { ok: false, error: 'corrupt', reason: decoded.reason };
  if (decoded.dropped > 0) return { ok: false, error: 'invalidEntries', count: decoded.dropped };
  return typeof from === 'number' && from < PROGRESS_VERSION
    ? { ok: true, progress: decoded.progress, migratedFrom: from }
    : { ok: true, progress: decoded.progress };
}

/**
 * Imported progress merged into what this browser has: imported code wins, a pass keeps its
 * earliest time, a visit its latest. Importing the same file twice changes nothing.
 */
export function mergeProgress(base: Progress, incoming: Progress): Progress {
  const out: Progress = {
    version: 1,
    snippets: { ...base.snippets, ...incoming.snippets },
    exercises: { ...base.exercises },
    visited: { ...base.visited },
  };
  for (const [id, rec] of Object.entries(incoming.exercises)) {
    const mine = out.exercises[id];
    out.exercises[id] = mine && mine.passedAt <= rec.passedAt ? mine : { passedAt: rec.passedAt };
  }
  for (const [path, ts] of Object.entries(incoming.visited)) {
    out.visited[path] = Math.max(out.visited[path] ?? 0, ts);
  }
  return out;
}

export { chapterOfPath };

/**
 * Chapter of a snippet id: exercises through their exercise.json (`exerciseChapters`), programs
 * through their path (`02-channels/send-no-receiver`). Scratch playground code has none.
 */
export function chapterOfSnippet(id: string, exerciseChapters: Record<string, string>): string | undefined {
  return exerciseChapters[id] ?? /^(\d\d-[a-z0-9-]+)\//.exec(id)?.[1];
}

export function resetSnippet(progress: Progress, id: string): Progress {
  const snippets = { ...progress.snippets };
  delete snippets[id];
  return { ...progress, snippets };
}

/** Forgets a chapter's edited code, passed exercises and visits; other chapters are untouched. */
export function resetChapter(progress: Progress, chapter: string, exerciseChapters: Record<string, string>): Progress {
  const keep = <T>(rec: Record<string, T>, inChapter: (k: string) => boolean) =>
    Object.fromEntries(Object.entries(rec).filter(([k]) => !inChapter(k)));
  return {
    version: 1,
    snippets: keep(progress.snippets, (id) => chapterOfSnippet(id, exerciseChapters) === chapter),
    exercises: keep(progress.exercises, (id) => exerciseChapters[id] === chapter),
    visited: keep(progress.visited, (path) => chapterOfPath(path) === chapter),
  };
}

export function resetAll(): Progress {
  return emptyProgress();
}

export interface ChapterProgress {
  chapter: string;
  /** Last visit in either language, epoch ms. */
  visitedAt?: number;
  /** Ids of this chapter's exercises that passed. */
  passed: string[];
  /** Ids of this chapter's snippets with saved edits. */
  edited: string[];
}

export function summarize(progress: Progress, chapters: string[], exerciseChapters: Record<string, string>): ChapterProgress[] {
  return chapters.map((chapter) => {
    let visitedAt: number | undefined;
    for (const [path, ts] of Object.entries(progress.visited)) {
      if (chapterOfPath(path) === chapter) visitedAt = Math.max(visitedAt ?? 0, ts);
    }
    return {
      chapter,
      ...(visitedAt !== undefined ? { visitedAt } : {}),
      passed: Object.keys(progress.exercises)
        .filter((id) => exerciseChapters[id] === chapter)
        .sort(),
      edited: Object.keys(progress.snippets)
        .filter((id) => chapterOfSnippet(id, exerciseChapters) === chapter)
        .sort(),
    };
  });
}

export type EditResult = { ok: true; progress: Progress; backupKey?: string } | { ok: false; reason: 'unavailable' | 'future' };

/**
 * Applies `change` to the stored progress and writes it back, with the store's rules: storage that
 * throws is reported, a newer version's save is never overwritten, and unreadable data is copied
 * to a backup key before being replaced.
 */
export function editStoredProgress(
  storage: StorageLike | null,
  change: (current: Progress) => Progress,
  options: { key?: string; now?: () => number } = {},
): EditResult {
  const key = options.key ?? PROGRESS_KEY;
  const now = options.now ?? (() => Date.now());
  if (!storage) return { ok: false, reason: 'unavailable' };
  try {
    const text = storage.getItem(key);
    const decoded = decodeProgress(text);
    if (decoded.kind === 'future') return { ok: false, reason: 'future' };
    let backupKey: string | undefined;
    if (text !== null && (decoded.kind === 'corrupt' || decoded.dropped > 0)) {
      backupKey = `${key}:backup:${now()}`;
      storage.setItem(backupKey, text);
    }
    const next = change(decoded.kind === 'ok' ? decoded.progress : emptyProgress());
    storage.setItem(key, encodeProgress(next));
    return backupKey ? { ok: true, progress: next, backupKey } : { ok: true, progress: next };
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
}

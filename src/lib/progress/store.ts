/**
 * The learner's progress (edited snippets, passed exercises, visited pages) over an injected
 * Storage, so the same code runs with localStorage in the browser and a Map in tests.
 *
 * Every change re-reads storage before writing, so two tabs editing different snippets do not
 * overwrite each other. Nothing here throws: blocked storage, a full quota, or unreadable data
 * fall back to memory. Data this version cannot read is never overwritten without first being
 * copied to a backup key, and a save from a newer version of the site is left untouched.
 */
import { decodeProgress, emptyProgress, encodeProgress, type Progress } from './schema.ts';

export const PROGRESS_KEY = 'leaklab:progress';

/** The subset of the DOM Storage interface the store needs. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type ProgressProblem =
  /** Storage could not be read or written (private mode, blocked cookies, quota): memory only. */
  | { kind: 'unavailable' }
  /** Stored data was unreadable; it was copied to `backupKey` before being replaced. */
  | { kind: 'corrupt'; reason: string; backupKey?: string }
  /** Saved by a newer version of the site: left as is, changes are kept in memory only. */
  | { kind: 'future'; version: number };

export interface ProgressStore {
  /** A fresh copy of everything saved. */
  load(): Progress;
  getSnippet(id: string): string | undefined;
  setSnippet(id: string, code: string): void;
  clearSnippet(id: string): void;
  passedAt(id: string): number | undefined;
  /** Records a pass; the first pass time is kept. */
  markPassed(id: string): void;
  markVisited(path: string): void;
  /** Why progress is not being persisted normally, or null when all is well. */
  problem(): ProgressProblem | null;
}

export interface ProgressStoreOptions {
  storage: StorageLike | null | undefined;
  key?: string;
  now?: () => number;
}

export function createProgressStore(options: ProgressStoreOptions): ProgressStore {
  const key = options.key ?? PROGRESS_KEY;
  const now = options.now ?? (() => Date.now());
  const storage = options.storage ?? null;
  let problem: ProgressProblem | null = storage ? null : { kind: 'unavailable' };
  // Used when storage cannot be used; also the last good state for reads after a failure.
  let memory: Progress = emptyProgress();
  let backedUp = false;

  function readRaw(): { ok: true; text: string | null } | { ok: false } {
    if (!storage || problem?.kind === 'unavailable') return { ok: false };
    try {
      return { ok: true, text: storage.getItem(key) };
    } catch {
      problem = { kind: 'unavailable' };
      return { ok: false };
    }
  }

  function backup(text: string, reason: string): void {
    if (backedUp || !storage) return;
    const backupKey = `${key}:backup:${now()}`;
    try {
      storage.setItem(backupKey, text);
      backedUp = true;
      problem = { kind: 'corrupt', reason, backupKey };
    } catch {
      // Without a backup we must not overwrite the only copy.
      problem = { kind: 'unavailable' };
    }
  }

  /** Current state plus whether it may be written back. */
  function read(forWrite: boolean): { progress: Progress; writable: boolean } {
    const raw = readRaw();
    if (!raw.ok) return { progress: clone(memory), writable: false };
    const decoded = decodeProgress(raw.text);
    if (decoded.kind === 'future') {
      problem = { kind: 'future', version: decoded.version };
      return { progress: clone(memory), writable: false };
    }
    if (decoded.kind === 'corrupt') {
      if (!forWrite) {
        problem ??= { kind: 'corrupt', reason: decoded.reason };
        return { progress: clone(memory), writable: false };
      }
      backup(raw.text ?? '', decoded.reason);
      return { progress: clone(memory), writable: backedUp };
    }
    if (decoded.dropped > 0 && forWrite && raw.text !== null) {
      backup(raw.text, `${decoded.dropped} unreadable entries`);
      if (!backedUp) return { progress: decoded.progress, writable: false };
    }
    memory = decoded.progress;
    return { progress: clone(decoded.progress), writable: true };
  }

  function update(change: (p: Progress) => void): void {
    const { progress, writable } = read(true);
    change(progress);
    memory = progress;
    if (!writable || !storage) return;
    try {
      storage.setItem(key, encodeProgress(progress));
    } catch {
      problem = { kind: 'unavailable' };
    }
  }

  return {
    load: () => read(false).progress,
    getSnippet: (id) => read(false).progress.snippets[id],
    setSnippet: (id, code) =>
      update((p) => {
        p.snippets[id] = code;
      }),
    clearSnippet: (id) =>
      update((p) => {
        delete p.snippets[id];
      }),
    passedAt: (id) => read(false).progress.exercises[id]?.passedAt,
    markPassed: (id) =>
      update((p) => {
        p.exercises[id] ??= { passedAt: now() };
      }),
    markVisited: (path) =>
      update((p) => {
        p.visited[path] = now();
      }),
    problem: () => problem,
  };
}

function clone(p: Progress): Progress {
  return {
    version: 1,
    snippets: { ...p.snippets },
    exercises: Object.fromEntries(Object.entries(p.exercises).map(([k, v]) => [k, { ...v }])),
    visited: { ...p.visited },
  };
}

/**
 * Shape of the learner's saved progress and the migrations that bring older saves up to date.
 * Pure: no storage access here, so migrations can be tested on plain values.
 */

export const PROGRESS_VERSION = 1;

export interface ExerciseRecord {
  /** Epoch milliseconds of the first passing check. */
  passedAt: number;
}

export interface Progress {
  version: 1;
  /** Edited code per snippet id (program path such as `01-what-is-a-leak/hello`, or exercise id). */
  snippets: Record<string, string>;
  exercises: Record<string, ExerciseRecord>;
  /** Site path → epoch milliseconds of the last visit. */
  visited: Record<string, number>;
}

export function emptyProgress(): Progress {
  return { version: 1, snippets: {}, exercises: {}, visited: {} };
}

export type DecodeResult =
  { kind: 'ok'; progress: Progress; dropped: number } | { kind: 'corrupt'; reason: string } | { kind: 'future'; version: number };

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * `migrations[n]` turns a version-n document into version n+1. Version 0 is a save without a
 * `version` field (the shape before versioning): snippets only, stored under `code`.
 */
const migrations: Record<number, Migration> = {
  0: (old) => ({
    version: 1,
    snippets: isRecord(old.snippets) ? old.snippets : isRecord(old.code) ? old.code : {},
    exercises: isRecord(old.exercises) ? old.exercises : {},
    visited: isRecord(old.visited) ? old.visited : {},
  }),
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses stored text into the current shape. Entries of the wrong type are dropped one by one
 * (and counted, so the caller can keep a backup) instead of discarding the whole save.
 */
export function decodeProgress(text: string | null): DecodeResult {
  if (text === null || text === '') return { kind: 'ok', progress: emptyProgress(), dropped: 0 };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', reason: 'not JSON' };
  }
  if (!isRecord(raw)) return { kind: 'corrupt', reason: 'not an object' };
  let doc: Record<string, unknown> = raw;
  let version = doc.version === undefined ? 0 : doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { kind: 'corrupt', reason: 'bad version' };
  }
  if (version > PROGRESS_VERSION) return { kind: 'future', version };
  while (version < PROGRESS_VERSION) {
    const migrate = migrations[version];
    if (!migrate) return { kind: 'corrupt', reason: `no migration from version ${version}` };
    doc = migrate(doc);
    version += 1;
  }
  return sanitize(doc);
}

function sanitize(doc: Record<string, unknown>): DecodeResult {
  const progress = emptyProgress();
  let dropped = 0;
  for (const field of ['snippets', 'exercises', 'visited'] as const) {
    if (doc[field] !== undefined && !isRecord(doc[field])) dropped += 1;
  }
  const snippets = isRecord(doc.snippets) ? doc.snippets : {};
  for (const [id, code] of Object.entries(snippets)) {
    if (typeof code === 'string') progress.snippets[id] = code;
    else dropped += 1;
  }
  const exercises = isRecord(doc.exercises) ? doc.exercises : {};
  for (const [id, rec] of Object.entries(exercises)) {
    if (isRecord(rec) && typeof rec.passedAt === 'number' && Number.isFinite(rec.passedAt)) {
      progress.exercises[id] = { passedAt: rec.passedAt };
    } else dropped += 1;
  }
  const visited = isRecord(doc.visited) ? doc.visited : {};
  for (const [path, ts] of Object.entries(visited)) {
    if (typeof ts === 'number' && Number.isFinite(ts)) progress.visited[path] = ts;
    else dropped += 1;
  }
  return { kind: 'ok', progress, dropped };
}

export function encodeProgress(progress: Progress): string {
  return JSON.stringify(progress);
}

/**
 * The course's exercises, read from their files and validated with the one schema
 * (schema.ts). Pure: the caller hands over the files' text, so the site (import.meta.glob in
 * src/components/course/content.ts) and the content tests (fs in tests/content/helpers.ts) read
 * the same exercises through the same validation.
 */
import { exerciseMetaSchema, type ExerciseMeta } from './schema.ts';

export interface ExerciseEntry {
  /** The folder name, `content/exercises/<id>/`. */
  id: string;
  starter?: string;
  solution?: string;
  meta?: ExerciseMeta;
  /** Why exercise.json is unusable (missing, not JSON, or not the schema). */
  metaError?: string;
}

/** An exercise whose files are all present and valid. */
export interface Exercise {
  id: string;
  meta: ExerciseMeta;
  starter: string;
  solution: string;
}

/**
 * Every exercise among `files`, sorted by id. Keys end in `<id>/<file>` (any prefix, e.g. a glob's
 * `/content/exercises/`); values are the files' text. Problems are reported per exercise, not thrown,
 * so the content test can name each one.
 */
export function exerciseEntries(files: Record<string, string>): ExerciseEntry[] {
  const byId = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const [id, file] = path.split('/').slice(-2);
    if (!id || !file) continue;
    byId.set(id, { ...byId.get(id), [file]: text });
  }
  return [...byId.keys()].sort().map((id) => {
    const f = byId.get(id)!;
    const entry: ExerciseEntry = { id, starter: f['starter.go'], solution: f['solution.go'] };
    const raw = f['exercise.json'];
    if (raw === undefined) entry.metaError = 'exercise.json is missing';
    else {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (e) {
        entry.metaError = `exercise.json is not JSON: ${(e as Error).message}`;
        return entry;
      }
      const parsed = exerciseMetaSchema.safeParse(json);
      if (parsed.success) entry.meta = parsed.data;
      else entry.metaError = parsed.error.message;
    }
    return entry;
  });
}

/** The exercises for the site: any missing file or invalid exercise.json fails the build. */
export function loadExercises(files: Record<string, string>): Exercise[] {
  return exerciseEntries(files).map((e) => {
    if (e.metaError !== undefined) throw new Error(`content/exercises/${e.id}: ${e.metaError}`);
    if (e.starter === undefined) throw new Error(`content/exercises/${e.id}: starter.go is missing`);
    if (e.solution === undefined) throw new Error(`content/exercises/${e.id}: solution.go is missing`);
    return { id: e.id, meta: e.meta!, starter: e.starter, solution: e.solution };
  });
}

/**
 * The course's runnable programs and their metadata (programs.json, validated with schema.ts).
 * A program's properties (leak check on or off, expectations, Go pin) live there and nowhere
 * else: the lesson's <Playground> reads them from here, and the content test checks them by
 * running the program. Pure, like exercises.ts: the site feeds it through import.meta.glob
 * (src/components/course/content.ts), the tests through fs (tests/content/helpers.ts).
 */
import { programsFileSchema, type ProgramMeta } from './schema.ts';

export interface ProgramEntry {
  /** `<chapter>/<name>`, as used by `<Playground program="...">`. */
  id: string;
  chapter: string;
  name: string;
  /** File name, `<name>.go` or `<name>.txtar`. */
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

/**
 * Every chapter's programs among `files`, chapters and programs sorted by name. Keys end in
 * `<chapter>/<file>` (any prefix); values are the files' text. Files other than .go, .txtar and
 * programs.json are ignored.
 */
export function programChapters(files: Record<string, string>): ChapterPrograms[] {
  const byChapter = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const [chapter, file] = path.split('/').slice(-2);
    if (!chapter || !file || !/\.(go|txtar)$|^programs\.json$/.test(file)) continue;
    byChapter.set(chapter, { ...byChapter.get(chapter), [file]: text });
  }
  return [...byChapter.keys()].sort().map((chapter) => {
    const f = byChapter.get(chapter)!;
    let metas: Record<string, ProgramMeta> = {};
    let metaError: string | undefined;
    const raw = f['programs.json'];
    if (raw === undefined) metaError = `content/programs/${chapter}/programs.json is missing`;
    else {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (e) {
        json = undefined;
        metaError = `content/programs/${chapter}/programs.json is not JSON: ${(e as Error).message}`;
      }
      if (metaError === undefined) {
        const parsed = programsFileSchema.safeParse(json);
        if (parsed.success) metas = parsed.data;
        else metaError = `content/programs/${chapter}/programs.json: ${parsed.error.message}`;
      }
    }
    const programs = Object.keys(f)
      .filter((file) => /\.(go|txtar)$/.test(file))
      .sort()
      .map((file) => {
        const name = file.replace(/\.(go|txtar)$/, '');
        return { id: `${chapter}/${name}`, chapter, name, file, source: f[file]!, meta: metas[name] };
      });
    const names = new Set(programs.map((p) => p.name));
    return { chapter, metaError, orphanMeta: Object.keys(metas).filter((n) => !names.has(n)), programs };
  });
}

/** A program with its metadata, as a lesson embeds it. */
export type Program = ProgramEntry & { meta: ProgramMeta };

/** The programs for the site, by id: invalid or missing metadata fails the build. */
export function loadPrograms(files: Record<string, string>): Map<string, Program> {
  const out = new Map<string, Program>();
  for (const ch of programChapters(files)) {
    if (ch.metaError !== undefined) throw new Error(ch.metaError);
    for (const p of ch.programs) {
      if (p.meta === undefined) throw new Error(`content/programs/${ch.chapter}/programs.json has no entry for ${p.name}`);
      out.set(p.id, { ...p, meta: p.meta });
    }
  }
  return out;
}

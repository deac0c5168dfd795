/**
 * A learner's program seen through the dump model: which frames are in the program's own files,
 * the frame to point the learner at, and the verdict's groups. The runner's leak verdict and every
 * renderer of it (the playground, `leaklab run`) read goroutines through these, never a model of
 * their own.
 */
import type { Frame, Goroutine } from './model.ts';
import { groupGoroutines, type Group } from './group.ts';
import { classify } from './classify.ts';
import { isProven, type LeakClass } from './classes.ts';

/**
 * The program file a stack path names (`/tmp/sandbox1/prog.go` → `prog.go`), or null for the Go
 * toolchain's sources and module cache, whatever the file is called there.
 */
export function programFile(path: string, files: readonly string[]): string | null {
  if (/\/(go-faketime|go-[\d.]+|go)\/src\//.test(path) || path.includes('/pkg/mod/')) return null;
  for (const f of files) if (path === f || path.endsWith('/' + f)) return f;
  return null;
}

/**
 * A frame in a lesson program as the Go Playground (`/tmp/sandbox123/prog.go`) or our local runner
 * (`/tmp/leaklab-runner-X/run-1-Y/prog.go`) names it, including the other files of a txtar
 * bundle: returns the file name the editor knows, or null.
 */
export function sandboxFile(file: string): string | null {
  // Only these paths: a pasted production dump's /srv/app/prog.go is not the lesson in the editor.
  const m = /^(prog\.go)$/.exec(file) ?? /^\/tmp\/(?:sandbox\d*|leaklab-runner-[^/]+\/[^/]+)\/([^/]+\.go)$/.exec(file);
  return m ? m[1] : null;
}

/**
 * Where to point the learner: their own deepest frame; else the `go` statement that started the
 * goroutine (one parked entirely in the standard library, e.g. time.AfterFunc's); else the top.
 * Frames must already name program files as `files` does (the runner's verdict does).
 */
export function pointAt(g: Pick<Goroutine, 'frames' | 'createdBy'>, files: readonly string[]): Frame {
  const own = (f: Frame) => files.includes(f.file);
  return g.frames.find(own) ?? (g.createdBy && own(g.createdBy) ? g.createdBy : null) ?? g.frames[0] ?? { func: '?', file: '', line: 0 };
}

export interface ProgramGroup {
  group: Group;
  /** pointAt of the group's stack. */
  at: Frame;
}

/** The verdict's list: goroutines grouped by stack (group.ts); proven leaks first, then largest, then by line. */
export function programGroups(goroutines: readonly Goroutine[], files: readonly string[]): ProgramGroup[] {
  return groupGoroutines(goroutines)
    .map((group) => ({ group, at: pointAt(group, files) }))
    .sort((a, b) => Number(b.group.leaked) - Number(a.group.leaked) || b.group.count - a.group.count || a.at.line - b.at.line);
}

/** How the verdict counts a goroutine: proven (class never-wakes, see classes.ts) or blocked (any other class). */
export type VerdictKind = 'proven' | 'blocked';

export interface VerdictLine {
  kind: VerdictKind;
  /** classify's class of these goroutines: the label the viewer and `leaklab dump` show for them. */
  cls: LeakClass;
  count: number;
  state: string;
  at: Frame;
}

export interface VerdictSummary {
  /** Goroutines left at exit. */
  total: number;
  /** Proven leaks (isProven), or null when nothing could prove any: no goroutineleak profile and no wait that can never end. */
  proven: number | null;
  blocked: number;
  lines: VerdictLine[];
}

/**
 * The run verdict as the playground and `leaklab run` show it, built on `classify` so a goroutine
 * reads the same here as in the viewer and `leaklab dump`. A group the runtime proved for some of
 * its goroutines and not others is two lines. `goroutines` may be empty though `leaked` is not
 * (busy on the CPU, no stacks): then the counts are the runner's.
 */
export function verdictSummary(v: {
  leaked: number;
  proven: number | null;
  goroutines: readonly Goroutine[];
  files: readonly string[];
}): VerdictSummary {
  const lines: VerdictLine[] = [];
  for (const { group, at } of programGroups(v.goroutines, v.files)) {
    const parts: [number, boolean][] = [
      [group.leakedCount, true],
      [group.count - group.leakedCount, false],
    ];
    for (const [count, leaked] of parts) {
      if (count === 0) continue;
      const cls = classify({ state: group.state, frames: group.frames, createdBy: group.createdBy, leaked }).class;
      lines.push({ kind: isProven(cls) ? 'proven' : 'blocked', cls, count, state: group.state, at });
    }
  }
  lines.sort((a, b) => Number(b.kind === 'proven') - Number(a.kind === 'proven'));
  const counted = v.goroutines.length > 0;
  const provenSeen = lines.reduce((n, l) => n + (l.kind === 'proven' ? l.count : 0), 0);
  const proven = counted ? (v.proven === null && provenSeen === 0 ? null : provenSeen) : v.proven;
  return { total: v.leaked, proven, blocked: v.leaked - (proven ?? 0), lines };
}

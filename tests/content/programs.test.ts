/**
 * The course's promise: every program a lesson shows does what the lesson says. For every program
 * under content/programs and every exercise under content/exercises this test
 *  - validates the metadata with the zod schemas (and that every file has metadata and vice versa),
 *  - checks the Go sources are gofmt-clean,
 *  - runs the program through the local Playground-compatible runner, leak check included, and
 *    asserts the metadata's claims: exit status, stdout, stderr, leaked count and wait states,
 *  - requires exercise starters to FAIL their check and solutions to pass it,
 *  - runs each program on the default toolchain (Go 1.27), or on the release its programs.json
 *    pins with "go"; `go test` programs (Test and Example functions, no main) run as tests, for real.
 *  - skips nothing for being too new: a program needing a Go the machine lacks FAILS with the
 *    reason under CI=true (elsewhere, e.g. a laptop with an older Go on PATH, it is skipped
 *    with the reason printed).
 * It also checks that every English lesson has a zh-cn twin with the same programs, exercises and
 * headings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goSources, gofmtDirty, lessonFiles, lessonShape, listChapters, listExercises, localGoMinor, toolchains } from './helpers.ts';
import { checkExercise, startRunner, type CourseRunner } from './run.ts';
import type { Expectation } from '../../src/lib/content/schema.ts';
import { cannotRun, describeNeeding, requireOrSkip } from '../require.ts';

const chapters = listChapters();
const exercises = listExercises();
const goMinor = localGoMinor();

const NO_GO = 'no Go toolchain found (LEAKLAB_GO, .tools/go from scripts/fetch-tools.sh, or go on PATH)';
const releases = new Set(toolchains.map((t) => t.release));

/** Why a program cannot run on this machine, or undefined when it can. */
function missingGo(minGo: string | undefined, pinned: string | undefined): string | undefined {
  if (goMinor === undefined) return NO_GO;
  if (pinned !== undefined && !releases.has(pinned)) {
    return `pinned to Go ${pinned}, which is not installed (have ${[...releases].join(', ')}): run scripts/fetch-tools.sh`;
  }
  const runsOn = pinned !== undefined ? Number(pinned.split('.')[1]) : goMinor;
  if (minGo !== undefined && Number(minGo.split('.')[1]) > runsOn) return `needs Go ${minGo}, but it would run on Go 1.${runsOn}`;
  return undefined;
}

describe('course metadata', () => {
  for (const ch of chapters) {
    it(`${ch.chapter}: programs.json is valid and matches the program files`, () => {
      expect(ch.metaError, ch.metaError).toBeUndefined();
      expect(ch.orphanMeta, 'metadata entries without a program file').toEqual([]);
      const missing = ch.programs.filter((p) => p.meta === undefined).map((p) => p.name);
      expect(missing, 'program files without a programs.json entry').toEqual([]);
      for (const p of ch.programs) {
        expect(p.name, 'program names are lowercase-kebab').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        if (p.meta && p.meta.leakCheck === false) {
          expect(p.meta.expect.leaked, `${p.id}: leakCheck false cannot claim a leak count`).toBeUndefined();
        }
      }
    });
  }
  for (const ex of exercises) {
    it(`exercise ${ex.id}: exercise.json is valid, starter and solution exist`, () => {
      expect(ex.metaError, ex.metaError).toBeUndefined();
      expect(ex.starter, 'starter.go').toBeTypeOf('string');
      expect(ex.solution, 'solution.go').toBeTypeOf('string');
      expect(ex.id).toMatch(/^\d\d-[a-z0-9-]+$/);
      expect(ex.id.slice(0, 2), 'exercise id starts with its chapter number').toBe(ex.meta?.chapter.slice(0, 2));
      expect(ex.starter, 'starter differs from solution').not.toBe(ex.solution);
    });
  }
});

describe('gofmt', () => {
  it('every program, starter and solution is gofmt-clean', (ctx) => {
    requireOrSkip(goMinor !== undefined, NO_GO, ctx);
    const sources: Record<string, string> = {};
    for (const ch of chapters)
      for (const p of ch.programs)
        for (const [name, text] of Object.entries(goSources(p.file, p.source))) sources[`${p.id} (${name})`] = text;
    for (const ex of exercises) {
      if (ex.starter) sources[`${ex.id}/starter.go`] = ex.starter;
      if (ex.solution) sources[`${ex.id}/solution.go`] = ex.solution;
    }
    expect(gofmtDirty(sources)).toEqual([]);
  });
});

describe('lessons in both locales', () => {
  const en = lessonFiles('');
  const zh = lessonFiles('zh-cn');
  for (const [file, text] of Object.entries(en)) {
    it(`${file} has a zh-cn twin with the same programs, exercises and headings`, () => {
      expect(zh[file], `content/docs/zh-cn/learn/${file} is missing`).toBeTypeOf('string');
      const a = lessonShape(text);
      const b = lessonShape(zh[file]);
      expect(b.playgrounds, 'same <Playground> programs in the same order').toEqual(a.playgrounds);
      expect(b.exercises, 'same <Exercise> ids in the same order').toEqual(a.exercises);
      expect(b.headingLevels, 'same headings (count and levels, in order)').toEqual(a.headingLevels);
    });
  }
  it('lessons only name their programs: leakCheck and the rest live in programs.json', () => {
    const props = Object.entries({ ...en, ...Object.fromEntries(Object.entries(zh).map(([f, t]) => [`zh-cn/${f}`, t])) }).flatMap(
      ([file, text]) => lessonShape(text).playgroundProps.map((a) => `${file}: <Playground ${a}=…>`),
    );
    expect(props).toEqual([]);
  });
  it("every exercise is embedded in its chapter's lesson, in both locales", () => {
    const missing: string[] = [];
    for (const ex of exercises) {
      if (!ex.meta) continue;
      for (const [locale, files] of [
        ['en', en],
        ['zh-cn', zh],
      ] as const) {
        const text = files[`${ex.meta.chapter}.mdx`];
        if (text === undefined) missing.push(`${locale}: no lesson ${ex.meta.chapter}.mdx for exercise ${ex.id}`);
        else if (!lessonShape(text).exercises.includes(ex.id)) missing.push(`${locale}/${ex.meta.chapter}.mdx does not embed ${ex.id}`);
      }
    }
    expect(missing).toEqual([]);
  });
  it('every zh-cn lesson has an English original', () => {
    expect(Object.keys(zh).filter((f) => !(f in en))).toEqual([]);
  });
  it('every <Playground> and <Exercise> a lesson references exists', () => {
    const programs = new Set(chapters.flatMap((c) => c.programs.map((p) => p.id)));
    const ids = new Set(exercises.map((e) => e.id));
    const missing: string[] = [];
    for (const [locale, files] of [
      ['en', en],
      ['zh-cn', zh],
    ] as const)
      for (const [file, text] of Object.entries(files)) {
        const s = lessonShape(text);
        for (const p of s.playgrounds) if (!programs.has(p)) missing.push(`${locale}/${file}: program ${p}`);
        for (const e of s.exercises) if (!ids.has(e)) missing.push(`${locale}/${file}: exercise ${e}`);
      }
    expect(missing).toEqual([]);
  });
});

describeNeeding(goMinor !== undefined, NO_GO, 'programs run as their lessons claim', () => {
  let runner: CourseRunner;
  beforeAll(async () => {
    runner = await startRunner();
  });
  afterAll(async () => {
    await runner?.close();
  });

  for (const ch of chapters) {
    for (const p of ch.programs) {
      const meta = p.meta;
      if (!meta) continue;
      const reason = missingGo(meta.minGo, meta.go);
      if (reason) {
        cannotRun(p.id, reason);
        continue;
      }
      it.concurrent(`${p.id}${meta.go ? ` (Go ${meta.go})` : ''}: ${describeExpect(meta.expect, meta.leakCheck)}`, async () => {
        const r = await runner.run(p.source, { leakCheck: meta.leakCheck, go: meta.go });
        const e = meta.expect;
        const ctx = `${p.id} on ${r.goVersion}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}\n--- errors ---\n${r.errors}`;
        expect(r.errors, ctx).toBe('');
        if (e.timeout) {
          expect(r.timedOut, `${ctx}\nexpected the run to hit the time limit`).toBe(true);
        } else {
          expect(r.timedOut, `${ctx}\nunexpected timeout`).toBe(false);
          expect(r.status, ctx).toBe(e.status);
        }
        if (e.stdout !== undefined) expect(r.stdout, ctx).toBe(e.stdout);
        for (const s of e.stdoutIncludes ?? []) expect(r.stdout, ctx).toContain(s);
        for (const s of e.stderrIncludes ?? []) expect(r.stderr, ctx).toContain(s);
        if (r.isTest) {
          // A `go test` program: its own tests (goleak, synctest) are the check; no harness runs.
          if (e.status === 0) expect(r.testsFailed, `${ctx}\ntests failed`).toBe(0);
        } else if (meta.leakCheck && !e.timeout && e.status === 0) {
          expect(r.leak, `${ctx}\nthe leak check did not report`).toBeDefined();
          if (e.leaked !== undefined) expect(r.leak?.leaked, `${ctx}\nleaked goroutines`).toBe(e.leaked);
          if (e.states !== undefined) expect(r.leak?.states, `${ctx}\nleaked goroutines by state`).toEqual(e.states);
          if (e.proven !== undefined) {
            // Only Go 1.27+ can prove; on a pinned 1.26 the claim is that there is no such verdict.
            if (r.leak?.proven === null)
              expect.fail(`${ctx}\nclaims ${e.proven} proven leaks, but ${r.goVersion} has no goroutineleak profile`);
            expect(r.leak?.proven, `${ctx}\ngoroutines the runtime marked (leaked)`).toBe(e.proven);
          }
        }
      });
    }
  }

  for (const ex of exercises) {
    const meta = ex.meta;
    if (!meta || ex.starter === undefined || ex.solution === undefined) continue;
    const reason = missingGo(meta.minGo, undefined);
    if (reason) {
      cannotRun(`exercise ${ex.id}`, reason);
      continue;
    }
    it.concurrent(`exercise ${ex.id}: the starter fails its check`, async () => {
      const r = await runner.run(ex.starter!, { leakCheck: meta.check.noLeaks });
      const verdict = checkExercise(meta.check, r);
      expect(verdict.pass, `the starter should fail, but passed\n--- stdout ---\n${r.stdout}`).toBe(false);
      expect(r.errors, 'starters must compile').toBe('');
    });
    it.concurrent(`exercise ${ex.id}: the solution passes its check`, async () => {
      const r = await runner.run(ex.solution!, { leakCheck: meta.check.noLeaks });
      const verdict = checkExercise(meta.check, r);
      expect(verdict.failures, `--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}\n--- errors ---\n${r.errors}`).toEqual([]);
      expect(verdict.pass).toBe(true);
    });
  }
});

function describeExpect(e: Expectation, leakCheck: boolean): string {
  const parts: string[] = [];
  if (e.timeout) parts.push('hits the time limit');
  else parts.push(`exits ${e.status}`);
  if (e.proven !== undefined) parts.push(`${e.proven} proven by the runtime`);
  if (leakCheck && e.leaked !== undefined)
    parts.push(
      e.leaked === 0
        ? 'leaks nothing'
        : `leaks ${e.leaked}${
            e.states
              ? ` (${Object.entries(e.states)
                  .map(([s, n]) => `${n} ${s}`)
                  .join(', ')})`
              : ''
          }`,
    );
  return parts.join(', ');
}

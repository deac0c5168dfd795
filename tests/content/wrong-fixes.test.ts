/**
 * An exercise is only an exercise if the tempting non-fix fails it. Each exercise.json may list
 * `wrongFixes`: edits of the starter that make the leak verdict silent without fixing the cause
 * (deleting the `go` statement is the classic). Every one must build and still fail the check,
 * which therefore has to look at more than the absence of leaked goroutines.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listExercises, localGoMinor } from './helpers.ts';
import { checkExercise, startRunner, type CourseRunner } from './run.ts';
import { describeNeeding } from '../require.ts';

const goMinor = localGoMinor();
const withWrongFixes = listExercises().filter((e) => e.meta?.wrongFixes?.length && e.starter !== undefined);

describeNeeding(
  goMinor !== undefined,
  'no Go toolchain: run scripts/fetch-tools.sh or set LEAKLAB_GO',
  'exercises reject wrong fixes',
  () => {
    let runner: CourseRunner;
    beforeAll(async () => {
      runner = await startRunner();
    });
    afterAll(async () => {
      await runner?.close();
    });
    for (const ex of withWrongFixes)
      for (const fix of ex.meta!.wrongFixes!)
        it.concurrent(`exercise ${ex.id}: "${fix.why}" fails the check`, async () => {
          expect(ex.starter!.split(fix.find).length - 1, `"${fix.find}" must occur exactly once in the starter`).toBe(1);
          const source = ex.starter!.replace(fix.find, fix.replace);
          const r = await runner.run(source, { leakCheck: ex.meta!.check.noLeaks });
          expect(r.errors, 'the wrong fix must still build, or the test proves nothing').toBe('');
          const verdict = checkExercise(ex.meta!.check, r);
          expect(verdict.pass, `the wrong fix passed\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`).toBe(false);
        });
  },
);

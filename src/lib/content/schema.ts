/**
 * Schemas for the course's Go programs and exercises. The files next to the programs are
 * validated with these at build time and by the program test, so a typo fails loudly.
 *
 * Layout:
 *   content/programs/<chapter>/<name>.go      a runnable program shown in a lesson
 *   content/programs/<chapter>/programs.json  { "<name>": ProgramMeta, ... }
 *   content/exercises/<id>/starter.go         what the learner starts from (must fail its check)
 *   content/exercises/<id>/solution.go        a solution (must pass)
 *   content/exercises/<id>/exercise.json      ExerciseMeta
 */
import { z } from 'zod';

const localized = z
  .object({ en: z.string().min(1), 'zh-cn': z.string().min(1) })
  .describe('The same text in English and Simplified Chinese');

export const expectationSchema = z
  .object({
    status: z.number().int().default(0).describe('Exit status the program ends with (2 for deadlock/panic)'),
    stdout: z.string().optional().describe('Exact stdout, when it is deterministic'),
    stdoutIncludes: z.array(z.string()).optional().describe('Substrings stdout must contain'),
    stderrIncludes: z.array(z.string()).optional().describe('Substrings stderr must contain (e.g. "all goroutines are asleep")'),
    leaked: z.number().int().min(0).optional().describe('How many goroutines the leak check must find still alive'),
    proven: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('How many of them the runtime goroutineleak profile must mark (leaked); checked on Go 1.27+ only'),
    states: z.record(z.string(), z.number().int().min(1)).optional().describe('Leaked goroutines per wait state, e.g. {"chan send": 3}'),
    timeout: z.boolean().optional().describe('True when the program is expected to hit the 5 s run limit'),
  })
  .strict();

export const programMetaSchema = z
  .object({
    title: localized.optional(),
    leakCheck: z.boolean().default(true).describe('false to opt this snippet out of the leak verdict'),
    minGo: z
      .string()
      .regex(/^1\.\d+$/)
      .optional()
      .describe('Needs at least this Go: a default toolchain older than this fails the content test (CI) instead of running it'),
    go: z
      .enum(['1.27', '1.26'])
      .optional()
      .describe('Pin the release the program runs on (the Playground backend "" for 1.27, "goprev" for 1.26); default: the latest'),
    expect: expectationSchema,
  })
  .strict();

export const programsFileSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), programMetaSchema);

export const exerciseMetaSchema = z
  .object({
    chapter: z
      .string()
      .regex(/^\d\d-[a-z0-9-]+$/)
      .describe('Chapter slug the exercise belongs to'),
    title: localized,
    hints: z.object({ en: z.array(z.string()).min(2).max(3), 'zh-cn': z.array(z.string()).min(2).max(3) }),
    check: z
      .object({
        stdout: z.string().optional().describe('Exact stdout a passing program prints'),
        stdoutIncludes: z.array(z.string()).optional(),
        noLeaks: z.boolean().default(true),
        status: z.number().int().default(0),
      })
      .strict(),
    minGo: z
      .string()
      .regex(/^1\.\d+$/)
      .optional(),
    wrongFixes: z
      .array(
        z
          .object({
            why: z.string().min(1).describe('The tempting wrong fix, e.g. "run the worker without go"'),
            find: z.string().min(1).describe('Text of the starter to replace (must occur in it)'),
            replace: z.string().describe('What the wrong fix puts there'),
          })
          .strict(),
      )
      .optional()
      .describe('Edits of the starter that silence the leak without fixing it; the content test proves the check rejects each'),
  })
  .strict();

export type ProgramMeta = z.infer<typeof programMetaSchema>;
export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>;
/** What a run must do to pass an exercise; the schema is the only definition (the playground's copy should alias this). */
export type ExerciseCheck = ExerciseMeta['check'];
export type Expectation = z.infer<typeof expectationSchema>;

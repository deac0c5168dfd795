/**
 * The one usage-error policy of the `leaklab` commands: options are parsed strictly by node's
 * parseArgs (its messages name the option), a bad value is a UsageError naming the option and the
 * value, and either is printed as `leaklab <command>: <message>`, a blank line and the usage, on
 * stderr, with exit code 2.
 */
// process.getBuiltinModule, not an ES import: `leaklab dump` keeps its start-up free of facades.
const { parseArgs } = process.getBuiltinModule('node:util');

export class UsageError extends Error {}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs, strict, with node's errors turned into UsageErrors. */
export function parseCommandArgs<const O extends Options>(args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Prints a UsageError the one way and returns the exit code; anything else is rethrown. */
export function usageFailure(command: string, err: unknown, usage: string): number {
  if (!(err instanceof UsageError)) throw err;
  console.error(`leaklab ${command}: ${err.message}\n\n${usage}`);
  return 2;
}

/**
 * What a test needs from the machine (a Go toolchain, a second Go release, a sandbox). A green run
 * must mean the thing was checked: under CI=true a missing need FAILS with the reason; elsewhere
 * (a laptop without Go) the test is skipped with the reason in its skip note, never silently.
 */
import { describe, it } from 'vitest';

const CI = process.env.CI === 'true';

/** Inside a test: `requireOrSkip(haveGo, 'no Go toolchain: run scripts/fetch-tools.sh', ctx)`. */
export function requireOrSkip(ok: boolean, message: string, ctx: { skip: (note?: string) => void }): void {
  if (ok) return;
  if (CI) throw new Error(`${message} (CI=true: a missing requirement fails instead of skipping)`);
  console.warn(`skipped: ${message}`);
  ctx.skip(message);
}

/** A describe block that needs `ok`: without it, one failing test under CI, else a skip that says why. */
export function describeNeeding(ok: boolean, message: string, name: string, body: () => void): void {
  if (ok) describe(name, body);
  else if (CI)
    describe(name, () => {
      it(`needs: ${message}`, () => {
        throw new Error(`${message} (CI=true: a missing requirement fails instead of skipping)`);
      });
    });
  else describe.skip(`${name} (skipped: ${message})`, body);
}

/** A test that cannot run here, registered anyway: under CI a failing test, elsewhere a skip whose title says why. */
export function cannotRun(name: string, reason: string): void {
  if (CI)
    it(`${name}: cannot run: ${reason}`, () => {
      throw new Error(`${name} cannot run here: ${reason} (CI=true: a missing requirement fails instead of skipping)`);
    });
  else it.skip(`${name} (skipped: ${reason})`, () => {});
}

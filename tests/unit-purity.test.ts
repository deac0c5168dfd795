/**
 * The unit project (`npm test -- fast`) must stay pure: no Go, no runner server, no child process,
 * no browser. A test that needs one belongs in INTEGRATION (vitest.config.ts), where the shared
 * runner is set up; this fails, naming the file, when one slips into the unit project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTEGRATION } from '../vitest.config.ts';

const ROOT = join(import.meta.dirname, '..');
/** Module specifiers (as imported) that make a test impure. */
const IMPURE: [RegExp, string][] = [
  [/^(node:)?child_process$/, 'starts a child process'],
  [/\/server\/(index|local|toolchain|sandbox)\.ts$/, 'starts the runner or finds Go'],
  [/^(@playwright\/test|playwright(-core)?)$/, 'drives a browser'],
  [/shared-runner\.ts$/, 'uses the shared runner'],
];

/** What a file imports, statically or dynamically (not import-like text inside its strings). */
const imports = (text: string): string[] =>
  [...text.matchAll(/^\s*(?:import|export)\b[^'"\n]*?(?:from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (m) => m[1] ?? m[2],
  );

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && e.name !== 'fixtures' ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** The file and the test-folder helpers it imports directly (where the Go and server code usually is). */
function importsOf(file: string): string[] {
  const own = imports(readFileSync(file, 'utf8'));
  const helpers = own
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec))
    .filter((p) => p.startsWith(join(ROOT, 'tests') + '/') && p.endsWith('.ts'));
  return [...own, ...helpers.flatMap((p) => imports(readFileSync(p, 'utf8')))];
}

describe('the unit project is pure', () => {
  it('no unit test runs Go, a server, a child process or a browser', () => {
    const integration = new Set(INTEGRATION);
    const offenders: string[] = [];
    for (const file of testFiles(join(ROOT, 'tests'))) {
      const rel = relative(ROOT, file);
      if (integration.has(rel)) continue;
      for (const spec of importsOf(file))
        for (const [re, what] of IMPURE) if (re.test(spec)) offenders.push(`${rel} ${what}: add it to INTEGRATION in vitest.config.ts`);
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('every INTEGRATION entry exists', () => {
    const all = new Set(testFiles(join(ROOT, 'tests')).map((f) => relative(ROOT, f)));
    expect(INTEGRATION.filter((f) => !all.has(f))).toEqual([]);
  });
});

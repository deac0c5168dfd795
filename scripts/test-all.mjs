// `npm test`: every check, in order, stopping at the first failure.
// Each step is a name and one or more commands (Node scripts, run in turn).
// Each step prints one line on success; a failing step shows its full output.
import { spawn } from 'node:child_process';

const steps = [
  // Cheapest first, so a formatting slip fails in seconds rather than after the type check.
  ['format', ['node_modules/.bin/prettier', '--check', '.', '--log-level', 'warn']],
  ['types', ['node_modules/.bin/astro', 'check', '--minimumSeverity', 'warning']],
  // The import-cycle check takes a second, so it goes before ESLint's type-aware pass.
  ['lint', ['scripts/check-cycles.mjs'], ['node_modules/.bin/eslint', '.', '--max-warnings', '0']],
  ['unit', ['node_modules/.bin/vitest', 'run']],
  ['build', ['node_modules/.bin/astro', 'build']],
  ['e2e', ['node_modules/.bin/playwright', 'test', '--project', 'e2e']],
  ['a11y', ['node_modules/.bin/playwright', 'test', '--project', 'a11y']],
  ['budget', ['node_modules/.bin/playwright', 'test', '--project', 'budget']],
];

const only = process.argv.slice(2);
// A misspelt step (`npm test -- unti`) must not run nothing and exit 0.
const names = steps.map(([name]) => name);
const unknown = only.filter((name) => !names.includes(name));
if (unknown.length) {
  console.error(
    `test-all: unknown step${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}. Steps: ${names.join(', ')}.`,
  );
  process.exit(2);
}
function runOne([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cmd, ...args], { env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function run(name, commands) {
  const started = Date.now();
  let out = '';
  let code = 0;
  for (const command of commands) {
    const result = await runOne(command);
    out += result.out;
    code = result.code;
    if (code !== 0) break;
  }
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (code === 0) {
    // The budget step's measured bytes are part of its result, so they are shown.
    const shown = out.split('\n').filter((l) => l.startsWith('[budget] /'));
    console.log(`ok   ${name} (${secs}s)` + (shown.length ? '\n' + shown.join('\n') : ''));
  } else {
    console.log(out);
    console.log(`FAIL ${name} (exit ${code}, ${secs}s)`);
  }
  return code;
}

for (const [name, ...commands] of steps) {
  if (only.length && !only.includes(name)) continue;
  const code = await run(name, commands);
  if (code !== 0) process.exit(code);
}

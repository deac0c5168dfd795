// `npm test`: every check, in order, stopping at the first failure; `npm test -- fast` runs the
// checks that need neither Go nor a browser; `npm test -- unit e2e` runs only those steps.
// Each step is a name and one or more commands (Node scripts, run in turn). Each step prints one
// line on success, a failing step shows its full output, and a table of step times ends the run.
import { spawn } from 'node:child_process';

const port = Number(process.env.LEAKLAB_E2E_PORT ?? 4399);

const steps = [
  // Cheapest first, so a formatting slip fails in seconds rather than after the type check.
  ['format', ['node_modules/.bin/prettier', '--check', '.', '--log-level', 'warn']],
  ['types', ['node_modules/.bin/astro', 'check', '--minimumSeverity', 'warning']],
  // The import-cycle check takes a second, so it goes before ESLint's type-aware pass.
  ['lint', ['scripts/check-cycles.mjs'], ['node_modules/.bin/eslint', '.', '--max-warnings', '0']],
  // Pure tests (no Go, no server, no browser); the split is INTEGRATION in vitest.config.ts.
  ['unit', ['node_modules/.bin/vitest', 'run', '--project', 'unit']],
  // Real Go through one shared, once-warmed runner (tests/runner-setup.ts).
  ['integration', ['node_modules/.bin/vitest', 'run', '--project', 'integration']],
  ['build', ['node_modules/.bin/astro', 'build']],
  // The Playwright steps share one server (started below), so the toolchains are warmed once.
  ['e2e', ['node_modules/.bin/playwright', 'test', '--project', 'e2e']],
  ['a11y', ['node_modules/.bin/playwright', 'test', '--project', 'a11y']],
  ['budget', ['node_modules/.bin/playwright', 'test', '--project', 'budget']],
];
const GROUPS = { fast: ['format', 'types', 'lint', 'unit'] };
// These need neither Go nor the built site and are mostly single-threaded: two at a time on a
// two-core machine. The steps after them run alone (the Go builds and Chromium use every core).
const PAIRED = new Set(GROUPS.fast);
const BROWSER_STEPS = new Set(['e2e', 'a11y', 'budget']);

const names = steps.map(([name]) => name);
const args = process.argv.slice(2);
// A misspelt step (`npm test -- unti`) must not run nothing and exit 0.
const unknown = args.filter((name) => !names.includes(name) && !(name in GROUPS));
if (unknown.length) {
  console.error(
    `test-all: unknown step${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}. Steps: ${names.join(', ')}; groups: ${Object.entries(
      GROUPS,
    )
      .map(([g, s]) => `${g} (${s.join(', ')})`)
      .join('; ')}.`,
  );
  process.exit(2);
}
const only = new Set(args.flatMap((name) => GROUPS[name] ?? [name]));

const env = { ...process.env, FORCE_COLOR: '0' };

function runOne([cmd, ...cmdArgs]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cmd, ...cmdArgs], { env });
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
  const secs = (Date.now() - started) / 1000;
  if (code === 0) {
    // The budget step's measured bytes are part of its result, so they are shown.
    const shown = out.split('\n').filter((l) => l.startsWith('[budget] /'));
    console.log(`ok   ${name} (${secs.toFixed(0)}s)` + (shown.length ? '\n' + shown.join('\n') : ''));
  } else {
    console.log(out);
    console.log(`FAIL ${name} (exit ${code}, ${secs.toFixed(0)}s)`);
  }
  return { code, secs };
}

/** One server for every Playwright step: the built site and a local runner, warmed once. */
async function startSiteServer() {
  const args = ['bin/leaklab.mjs', 'serve', '--port', String(port), '--no-build'];
  // In CI the local runner is required, so a machine without Go fails instead of using play.golang.org.
  if (process.env.CI === 'true') args.push('--backend', 'local');
  const started = Date.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Answers /api/health only once its toolchains are warm (server/index.ts listens after warming).
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`the site server exited (${child.exitCode}):\n${stderr}`);
    if (Date.now() - started > 300_000) throw new Error(`the site server did not answer on port ${port} in 300 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const secs = (Date.now() - started) / 1000;
  console.log(`ok   site server on port ${port}, toolchains warm (${secs.toFixed(0)}s)`);
  times.push(['server', secs]);
  env.LEAKLAB_E2E_REUSE = '1';
  return async () => {
    child.kill('SIGTERM');
    await exited;
  };
}

const times = [];
let stopServer = null;
let failed = 0;
try {
  const selected = steps.filter(([name]) => !only.size || only.has(name));
  const paired = selected.filter(([name]) => PAIRED.has(name));
  // Two lanes, each taking the next paired step when its last one passed; a failure stops both.
  const lane = async () => {
    for (let next = paired.shift(); next && !failed; next = paired.shift()) {
      const [name, ...commands] = next;
      const { code, secs } = await run(name, commands);
      times.push([name, secs]);
      if (code !== 0) failed = code;
    }
  };
  const started = Date.now();
  if (paired.length) {
    await Promise.all([lane(), lane()]);
    times.push(['(wall, paired)', (Date.now() - started) / 1000]);
  }
  for (const [name, ...commands] of selected) {
    if (failed) break;
    if (PAIRED.has(name)) continue;
    if (BROWSER_STEPS.has(name) && !stopServer) stopServer = await startSiteServer();
    const { code, secs } = await run(name, commands);
    times.push([name, secs]);
    if (code !== 0) failed = code;
  }
} finally {
  await stopServer?.();
}

// Wall-clock total: the paired steps count once, by their shared wall time.
const total = times.filter(([n]) => !PAIRED.has(n)).reduce((s, [, t]) => s + t, 0);
const width = Math.max(...times.map(([n]) => n.length), 'total'.length);
console.log('\nstep times');
for (const [name, secs] of times) console.log(`  ${name.padEnd(width)}  ${secs.toFixed(0).padStart(5)} s`);
console.log(`  ${'total'.padEnd(width)}  ${total.toFixed(0).padStart(5)} s  (${(total / 60).toFixed(1)} min, wall clock)`);
process.exit(failed);

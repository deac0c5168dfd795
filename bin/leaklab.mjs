#!/usr/bin/env node
// leaklab: the project's command line. Each command lives in cli/<name>.ts (run by Node's type stripping).
// `dump` is also bundled by esbuild into .cache/cli/dump.mjs (generated, gitignored) on first use:
// stripping types from a dozen files at every start costs more than the parse of a small dump.
// Built-ins come from process.getBuiltinModule, not `import`: an ES import of node:fs builds its ES
// module facade, which reads every export, and one of them (ReadStream) loads all of node:stream,
// ~15 ms of a start-up budget of a few tens.
const { existsSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');

const commands = {
  serve: 'Serve the site and the runner API (what `npm start` runs)',
  run: 'Run a Go file through the runner and print its output and leak verdict',
  dump: 'Parse a goroutine dump and print the grouped summary',
  watch: 'Watch a running service through net/http/pprof and flag goroutine groups that keep growing',
};
// Commands whose module graph is plain and self-contained enough to bundle.
const BUNDLED = new Set(['dump']);

const [cmd, ...args] = process.argv.slice(2);
if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
  console.log('Usage: leaklab <command> [options]\n\nCommands:');
  for (const [name, text] of Object.entries(commands)) console.log(`  ${name.padEnd(8)} ${text}`);
  console.log('\nRun `leaklab <command> --help` for its options.');
  process.exit(cmd ? 0 : 1);
}
if (!(cmd in commands)) {
  console.error(`leaklab: unknown command "${cmd}". Commands: ${Object.keys(commands).join(', ')}.`);
  process.exit(2);
}

const root = new URL('../', import.meta.url);
const source = new URL(`cli/${cmd}.ts`, root);

/** The bundle when it is at least as new as every source file it was built from, else null. */
function freshBundle(name) {
  const out = fileURLToPath(new URL(`.cache/cli/${name}.mjs`, root));
  const inputs = `${out}.inputs.json`;
  try {
    const built = statSync(out).mtimeMs;
    for (const f of JSON.parse(readFileSync(inputs, 'utf8'))) {
      if (statSync(fileURLToPath(new URL(f, root))).mtimeMs > built) return null;
    }
    return out;
  } catch {
    return null;
  }
}

/** Builds the bundle with esbuild (a dependency of Vite); null when it cannot, and the sources run as they are. */
async function buildBundle(name) {
  if (process.env.LEAKLAB_NO_BUNDLE === '1') return null;
  try {
    const { build } = await import('esbuild');
    const out = fileURLToPath(new URL(`.cache/cli/${name}.mjs`, root));
    mkdirSync(fileURLToPath(new URL('.cache/cli/', root)), { recursive: true });
    const r = await build({
      entryPoints: [fileURLToPath(source)],
      absWorkingDir: fileURLToPath(root),
      outfile: out,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      metafile: true,
      logLevel: 'silent',
      // fflate's Node build loads worker_threads (and with it node:stream, ~10 ms) for async APIs
      // the CLI never calls; its browser build has the same synchronous Gunzip.
      alias: { fflate: 'fflate/browser' },
      // Node built-ins stay imports; everything else (fflate, pprof-format) is inlined.
      banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
    });
    // Only the project's own files can change under a built bundle; dependencies change with npm install.
    const inputs = Object.keys(r.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
    // Written aside and renamed: another leaklab starting at the same time never reads half a file.
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, r.outputFiles[0].contents);
    writeFileSync(`${out}.inputs.json`, JSON.stringify(inputs));
    renameSync(tmp, out);
    return out;
  } catch {
    return null;
  }
}

let entry = source.href;
if (BUNDLED.has(cmd) && existsSync(fileURLToPath(source))) {
  // V8's compiled code for the bundle is kept on disk: it is compiled once, not at every start.
  process.getBuiltinModule('node:module').enableCompileCache?.(fileURLToPath(new URL('.cache/node-compile/', root)));
  const bundle = freshBundle(cmd) ?? (await buildBundle(cmd));
  if (bundle !== null) entry = new URL(`.cache/cli/${cmd}.mjs`, root).href;
}
const mod = await import(entry);
const code = await mod.main(args);
if (typeof code === 'number') process.exitCode = code;

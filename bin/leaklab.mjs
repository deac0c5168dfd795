#!/usr/bin/env node
// leaklab: the project's command line. Each command lives in cli/<name>.ts (run by Node's type stripping).
const commands = {
  serve: 'Serve the site and the runner API (what `npm start` runs)',
  run: 'Run a Go file through the runner and print its output and leak verdict',
  dump: 'Parse a goroutine dump and print the grouped summary',
};

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
const mod = await import(new URL(`../cli/${cmd}.ts`, import.meta.url).href);
const code = await mod.main(args);
if (typeof code === 'number') process.exitCode = code;

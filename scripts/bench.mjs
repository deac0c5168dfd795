// `npm run bench`: performance figures (never pass/fail). Each bench is a script under bench/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = [
  ['dump parser', 'bench/dump.ts'],
  ['leaklab dump as a process (20 MB dump, start-up)', 'bench/cli.ts'],
  ['the viewer worker in Chromium (20 MB dump; needs `npx astro build`)', 'bench/worker.ts'],
  ['pasting a 20 MB dump next to choosing the file (needs `npx astro build`)', 'bench/paste.ts'],
  ['first run after a page load, click to verdict (needs `npx astro build`)', 'bench/first-run.ts'],
  ['runner latency next to a bare go build, and where the time goes', 'bench/runner.ts'],
  ['run latency: Go 1.27 next to Go 1.23', 'bench/go-versions.ts'],
  ['sandbox start-up', 'bench/sandbox.ts'],
  ['concurrent learners', 'bench/concurrency.ts'],
];
const only = process.argv.slice(2);
for (const [title, file] of benches) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  if (!existsSync(file)) {
    console.log(`\n## ${title}: ${file} missing`);
    continue;
  }
  console.log(`\n## ${title} (${file})`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', file], { stdio: 'inherit' });
  if (r.status !== 0) console.log(`(${file} exited with ${r.status})`);
}

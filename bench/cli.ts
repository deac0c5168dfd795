/**
 * `node bench/cli.ts`: `leaklab dump --json` as a whole process, as a user runs it, on the 20 MB /
 * 82k-goroutine dump of bench/big-dump.ts, interleaved with a plain Node process that only reads
 * and splits the same file into lines (the floor for any JS parser), and with a gostackparse
 * program when LEAKLAB_GSP names one (built outside the project; see the README's Benchmarks).
 * Also start-up: `leaklab dump` on a 16 kB dump beside `node -e 0`. Prints figures, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BIG_DUMP, writeBigDump } from './big-dump.ts';

const BIN = fileURLToPath(new URL('../bin/leaklab.mjs', import.meta.url));
const SMALL = fileURLToPath(new URL('../tests/fixtures/dumps/parked-debug2.txt', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const node = process.execPath;

if (!existsSync(BIG_DUMP)) await writeBigDump();
const mb = statSync(BIG_DUMP).size / 1e6;

type Cmd = { name: string; argv: string[] };
const big: Cmd[] = [
  { name: 'leaklab dump --json', argv: [node, BIN, 'dump', BIG_DUMP, '--json'] },
  {
    name: 'node: read + split lines',
    argv: [node, '-e', `require('fs').readFileSync(${JSON.stringify(BIG_DUMP)}, 'utf8').split('\\n').length`],
  },
];
const gsp = process.env.LEAKLAB_GSP;
if (gsp && existsSync(gsp)) big.push({ name: 'gostackparse + grouping (Go)', argv: [gsp, BIG_DUMP] });
const small: Cmd[] = [
  { name: 'leaklab dump --json, 16 kB dump', argv: [node, BIN, 'dump', SMALL, '--json'] },
  { name: 'node -e 0', argv: [node, '-e', '0'] },
];

function time(c: Cmd): number {
  const t0 = performance.now();
  const r = spawnSync(c.argv[0], c.argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${c.name} exited with ${r.status}`);
  return ms;
}

function run(cmds: Cmd[]): Map<string, number[]> {
  const out = new Map(cmds.map((c) => [c.name, [] as number[]]));
  for (const c of cmds) time(c); // warm the page cache and build the CLI bundle
  // Interleaved, so a busy moment on a shared machine hits every command alike.
  for (let i = 0; i < RUNS; i++) for (const c of cmds) out.get(c.name)!.push(time(c));
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const pad = (s: string | number, n: number) => String(s).padStart(n);

console.log(`${BIG_DUMP}: ${mb.toFixed(1)} MB; ${RUNS} interleaved runs each, wall time of the whole process`);
console.log(pad('command', 34) + pad('median ms', 11) + pad('best ms', 9) + pad('MB/s', 7));
const bigT = run(big);
for (const [name, xs] of bigT)
  console.log(
    pad(name, 34) + pad(median(xs).toFixed(0), 11) + pad(Math.min(...xs).toFixed(0), 9) + pad((mb / (median(xs) / 1000)).toFixed(0), 7),
  );
const ours = median(bigT.get(big[0].name)!);
const go = bigT.get('gostackparse + grouping (Go)');
if (go) console.log(`leaklab / gostackparse (median): ${(ours / median(go)).toFixed(2)}×`);
else console.log('(set LEAKLAB_GSP to a gostackparse comparison binary to add it)');
console.log('');
console.log(pad('start-up', 34) + pad('median ms', 11) + pad('best ms', 9));
const smallT = run(small);
for (const [name, xs] of smallT) console.log(pad(name, 34) + pad(median(xs).toFixed(0), 11) + pad(Math.min(...xs).toFixed(0), 9));
// Node's own start-up is the floor no JS CLI can go under: what leaklab adds is the figure to watch.
const ourStart = smallT.get(small[0].name)!;
const nodeStart = smallT.get(small[1].name)!;
console.log(
  `start-up over \`node -e 0\`: ${(median(ourStart) - median(nodeStart)).toFixed(0)} ms median, ${(Math.min(...ourStart) - Math.min(...nodeStart)).toFixed(0)} ms best`,
);

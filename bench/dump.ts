/**
 * `node bench/dump.ts`: parse + group throughput on synthetic debug=2 dumps of several sizes, beside
 * a plain `split('\n')` of the same text for scale. Prints figures; asserts nothing.
 * The ~100 MB case is streamed through createDumpParser in 1 MB chunks, as the viewer's Worker does.
 */
import { createDumpParser, parseDump, groupGoroutines } from '../src/lib/dump/index.ts';
import { syntheticDump, syntheticDumpChunks } from '../src/lib/dump/synthetic.ts';

function best(runs: number, f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

function row(cols: (string | number)[]): string {
  return cols.map((c, i) => String(c).padStart(i === 0 ? 10 : 14)).join('');
}

console.log(row(['goroutines', 'MB', 'parse+group ms', 'MB/s', 'goroutines/s', 'split ms', 'groups']));
for (const n of [1_000, 10_000, 80_000]) {
  const text = syntheticDump(n);
  const mb = text.length / 1e6;
  let groups = 0;
  const runs = n >= 80_000 ? 3 : 5;
  const ms = best(runs, () => {
    groups = groupGoroutines(parseDump(text)).length;
  });
  const split = best(runs, () => {
    text.split('\n');
  });
  console.log(row([n, mb.toFixed(1), ms.toFixed(0), (mb / (ms / 1000)).toFixed(0), Math.round(n / (ms / 1000)), split.toFixed(0), groups]));
}

// ~100 MB, streamed: never one string of the whole dump.
{
  const n = 420_000;
  let bytes = 0;
  let splitMs = 0;
  const t = performance.now();
  const p = createDumpParser();
  let buf = '';
  for (const c of syntheticDumpChunks(n, 7)) {
    buf += c;
    if (buf.length >= 1 << 20) {
      bytes += buf.length;
      const s = performance.now();
      buf.split('\n');
      splitMs += performance.now() - s;
      p.push(buf);
      buf = '';
    }
  }
  bytes += buf.length;
  p.push(buf);
  const d = p.finish();
  const groups = groupGoroutines(d).length;
  const ms = performance.now() - t - splitMs;
  const mb = bytes / 1e6;
  console.log(row([n, mb.toFixed(1), ms.toFixed(0) + '*', (mb / (ms / 1000)).toFixed(0), Math.round(n / (ms / 1000)), splitMs.toFixed(0), groups]));
  console.log('* streamed in 1 MB chunks; includes generating the text. heap used:', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'MB');
}

/**
 * `node bench/dump.ts`: parse + group throughput of the dump library (readDump on the UTF-8 bytes,
 * as the CLI and the viewer's worker call it) on synthetic pprof debug=2 dumps
 * (bench/synthetic.ts) of several sizes, beside a plain `split('\n')` of the same text for
 * scale. Prints figures and asserts nothing. Wall time is the best of a few runs; CPU time is
 * this process's user+system time (it includes V8's GC threads, and is steadier than wall time on
 * a shared machine). The ~100 MB case is pushed to createDumpParser in 1 MB string chunks and
 * never exists as one string.
 */
import { createDumpParser, readDump, groupGoroutines, type ParseOptions } from '../src/lib/dump/index.ts';
import { syntheticDump, syntheticDumpChunks } from './synthetic.ts';

interface Timing {
  wall: number;
  cpu: number;
}

function measure(runs: number, f: () => void): Timing {
  let best: Timing = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1000 };
  }
  return best;
}

const COLS = ['goroutines', 'details', 'MB', 'wall ms', 'cpu ms', 'MB/s', 'goroutines/s', 'split ms', 'groups'];
const row = (cols: (string | number)[]) => console.log(cols.map((c, i) => String(c).padStart(i === 0 ? 10 : 13)).join(''));
row(COLS);

for (const n of [1_000, 10_000, 80_000]) {
  const text = syntheticDump(n);
  // What the CLI and the viewer's worker parse: the bytes of a file, not a string.
  const bytes = new TextEncoder().encode(text);
  const mb = bytes.length / 1e6;
  const runs = n >= 80_000 ? 3 : 5;
  const split = measure(runs, () => void text.split('\n'));
  for (const details of [true, false]) {
    const opts: ParseOptions = { details };
    let groups = 0;
    const t = measure(runs, () => {
      groups = groupGoroutines(readDump(bytes, opts).dump).length;
    });
    row([
      n,
      String(details),
      mb.toFixed(1),
      t.wall.toFixed(0),
      t.cpu.toFixed(0),
      (mb / (t.wall / 1000)).toFixed(0),
      Math.round(n / (t.wall / 1000)),
      split.wall.toFixed(1),
      groups,
    ]);
  }
}

{
  // ~100 MB streamed; only push/finish/group are timed, not generating the text.
  const n = 430_000;
  let bytes = 0;
  let splitMs = 0;
  let parseMs = 0;
  const c0 = process.cpuUsage();
  const p = createDumpParser({ details: false });
  let buf = '';
  for (const c of syntheticDumpChunks(n, 7)) {
    buf += c;
    if (buf.length >= 1 << 20) {
      bytes += buf.length;
      let t = performance.now();
      buf.split('\n');
      splitMs += performance.now() - t;
      t = performance.now();
      p.push(buf);
      parseMs += performance.now() - t;
      buf = '';
    }
  }
  bytes += buf.length;
  const t = performance.now();
  p.push(buf);
  const d = p.finish();
  const groups = groupGoroutines(d).length;
  parseMs += performance.now() - t;
  const c = process.cpuUsage(c0);
  const mb = bytes / 1e6;
  row([
    n,
    'false',
    mb.toFixed(1),
    parseMs.toFixed(0),
    '(' + ((c.user + c.system) / 1000).toFixed(0) + ')',
    (mb / (parseMs / 1000)).toFixed(0),
    Math.round(d.total / (parseMs / 1000)),
    splitMs.toFixed(0),
    groups,
  ]);
  console.log(
    `last row: streamed in 1 MB chunks; cpu in parentheses includes generating the text; heap after: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  );
}

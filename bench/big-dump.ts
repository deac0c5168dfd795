/**
 * `node bench/big-dump.ts [OUT] [GOROUTINES]`: writes a synthetic pprof debug=2 dump
 * (bench/synthetic.ts) to OUT (default: the OS temp dir), 82,002 goroutines ≈ 20 MB by
 * default, the size issue 11 measures. The output is a benchmark input, never committed.
 */
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticDumpChunks } from './synthetic.ts';

export const BIG_DUMP = join(tmpdir(), 'leaklab-big-dump.txt');

export async function writeBigDump(out = BIG_DUMP, goroutines = 82_002): Promise<number> {
  const w = createWriteStream(out);
  let bytes = 0;
  for (const c of syntheticDumpChunks(goroutines, 7)) {
    bytes += c.length;
    if (!w.write(c)) await new Promise<void>((r) => w.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => w.end((e?: Error | null) => (e ? j(e) : r())));
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? BIG_DUMP;
  const n = Number(process.argv[3] ?? 82_002);
  const bytes = await writeBigDump(out, n);
  console.log(`${out}: ${n} goroutines, ${(bytes / 1e6).toFixed(1)} MB`);
}

// createDumpReader (what `leaklab dump` streams a file through) must give exactly readDump's result,
// whatever the piece size, even when the caller reuses one buffer for every piece, as the CLI does.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { createDumpReader, createTextDumpParser, readDump, type ParseOptions } from '../../src/lib/dump/index.ts';
import { FIXTURES, fixtureBytes } from './helpers.ts';

const NAMES = readdirSync(FIXTURES).filter((f) => !f.endsWith('.md'));

function streamed(bytes: Uint8Array, piece: number, opts: ParseOptions, asBuffer: boolean): unknown {
  const r = createDumpReader(opts);
  // One buffer, overwritten for every piece: anything the reader keeps must be a copy.
  const buf = asBuffer ? Buffer.alloc(piece) : new Uint8Array(piece);
  for (let o = 0; o < bytes.length; o += piece) {
    const n = Math.min(piece, bytes.length - o);
    buf.set(bytes.subarray(o, o + n));
    r.push(buf.subarray(0, n));
    buf.fill(0x41);
  }
  return r.finish();
}

describe('createDumpReader', () => {
  it('gives readDump’s result for every fixture, in pieces of any size, through one reused buffer', () => {
    expect(NAMES.length).toBeGreaterThan(20);
    for (const name of NAMES) {
      const bytes = fixtureBytes(name);
      for (const details of [true, false]) {
        const want = readDump(bytes, { details });
        for (const piece of [1, 7, 300, 4096, 1 << 18]) {
          expect(streamed(bytes, piece, { details }, piece === 7), `${name} in ${piece}-byte pieces`).toEqual(want);
        }
      }
    }
  });

  it('keeps a no-break space split between two pieces a space, and says what an empty input is', () => {
    const text = new TextEncoder().encode('goroutine 1 [running]:\nmain.main()\n\u00a0\u00a0/a/b.go:3 +0x1\n');
    const want = readDump(text);
    expect(want.dump.goroutines[0].frames[0].file).toBe('/a/b.go');
    const split = text.indexOf(0xa0);
    const r = createDumpReader();
    r.push(text.subarray(0, split));
    r.push(text.subarray(split));
    expect(r.finish()).toEqual(want);
    expect(createDumpReader().finish().problem).toBe('empty');
  });
});

describe('the raw text parser', () => {
  it('takes a `created by ` line cut right after its space (the trimmed end falls before the name)', () => {
    // Found by the property test: the name's range ended before it started, and copying it threw.
    const p = createTextDumpParser();
    p.push('goroutine 1 [running]:\r\nmain.main()\r\n\t/a.go:1 +0x1\r\ncreated by \r');
    const d = p.finish();
    expect(d.goroutines).toHaveLength(1);
    expect(d.goroutines[0].frames[0].func).toBe('main.main');
  });
});

describe('readDump and nested gzip', () => {
  it('reads a gzip’d .pb.gz under the same cap, and refuses a third layer', () => {
    const pb = fixtureBytes('parked.pb.gz');
    const once = readDump(pb).dump;
    expect(once.goroutines.length).toBeGreaterThan(0);
    const twice = readDump(gzipSync(pb));
    expect(twice.problem).toBeNull();
    expect(twice.dump.goroutines.length).toBe(once.goroutines.length);
    expect(readDump(gzipSync(gzipSync(pb))).problem).toBe('gzip');
  });
});

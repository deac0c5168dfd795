// Property tests: whatever is done to a real dump, the parser returns a well-formed Dump and never
// throws; formatting noise does not change the result; work grows linearly with the input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDump, createTextDumpParser, parseTextBytes, parseProto, groupGoroutines, type Dump } from '../../src/lib/dump/index.ts';
import { fixtureText, summary } from './helpers.ts';

const SOURCES = [
  'parked-debug2.txt',
  'parked-panic-system.txt',
  'parked-debug1.txt',
  'handwritten-cgo.txt',
  'handwritten-go120.txt',
  'parked-ancestors.txt',
].map(fixtureText);

function wellFormed(d: Dump): void {
  expect(Array.isArray(d.goroutines)).toBe(true);
  expect(Array.isArray(d.warnings)).toBe(true);
  // parseDump's wrapper reports a caught exception as this warning: it must never be needed.
  expect(d.warnings.filter((w) => w.message.startsWith('parser error'))).toEqual([]);
  expect(d.leaked === null || (Number.isInteger(d.leaked) && d.leaked >= 0 && d.leaked <= d.total)).toBe(true);
  let total = 0;
  for (const g of d.goroutines) {
    total += g.count;
    expect(Number.isInteger(g.id) && g.id >= 0).toBe(true);
    expect(typeof g.state).toBe('string');
    for (const f of [...g.frames, ...(g.createdBy ? [g.createdBy] : [])]) {
      expect(typeof f.func).toBe('string');
      expect(typeof f.file).toBe('string');
      expect(Number.isInteger(f.line) && f.line >= 0).toBe(true);
    }
  }
  expect(d.total).toBe(total);
  // Grouping must accept whatever the parser returned.
  expect(groupGoroutines(d).reduce((n, g) => n + g.count, 0)).toBe(total);
}

const junk = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    'goroutine',
    'goroutine 9 [',
    'goroutine x [running]:',
    'created by',
    '...',
    '\t:12',
    '# labels: {',
    '3 @ 0x1',
    '[originating from goroutine ',
    'non-Go function',
    '()',
    '\t??:0 pc=',
    'goroutine profile: total 2',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

type Mutation = (lines: string[]) => string[];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (ls: string[]) => ls.slice(0, n % (ls.length + 1))),
  fc.tuple(fc.nat(), junk).map(([n, j]) => (ls: string[]) => [...ls.slice(0, n % (ls.length + 1)), j, ...ls.slice(n % (ls.length + 1))]),
  fc.constant((ls: string[]) => ls.map((l) => l + '\r')),
  fc.constantFrom('  ', '\t', '    ', '> ').map((ind) => (ls: string[]) => ls.map((l) => ind + l.replace(/\t/g, '  '))),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (ls: string[]) => {
    const i = a % (ls.length + 1);
    const j = i + (b % 40);
    return [...ls.slice(0, j), ...ls.slice(i, j), ...ls.slice(j)];
  }),
  fc.nat().map((n) => (ls: string[]) => ls.filter((_, i) => i % 7 !== n % 7)),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (ls: string[]) => {
    // Cut inside a line.
    const i = a % (ls.length + 1);
    const l = ls[i] ?? '';
    return [...ls.slice(0, i), l.slice(0, b % (l.length + 1))];
  }),
);

/**
 * The text parser itself, without parseDump's catch-all (which turns an exception into a valid,
 * empty dump and so could hide one): here an exception fails the property.
 */
function rawParse(s: string): Dump {
  const p = createTextDumpParser();
  p.push(s);
  return p.finish();
}

/** Every bytes path, raw: the protobuf decoder and the chunked text decoder. */
function rawBytes(b: Uint8Array): void {
  const proto = parseProto(b);
  if (proto !== null) wellFormed(proto);
  wellFormed(parseTextBytes(b));
  wellFormed(parseDump(b));
}

describe('parser properties', () => {
  it('never throws and returns a well-formed dump under random mutations', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.array(mutation, { minLength: 1, maxLength: 5 }), (src, ms) => {
        let ls = src.split('\n');
        for (const m of ms) ls = m(ls);
        wellFormed(rawParse(ls.join('\n')));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text or bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (s) => wellFormed(rawParse(s))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => rawBytes(b)),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => rawBytes(new Uint8Array([0x1f, 0x8b, ...b]))),
      { numRuns: 100 },
    );
  });

  it('CRLF, reindenting and chunking do not change the result', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOURCES.slice(0, 2)),
        fc.boolean(),
        fc.constantFrom('', '  ', '\t', '        '),
        fc.integer({ min: 1, max: 5000 }),
        (src, crlf, indent, chunk) => {
          const want = summary(rawParse(src));
          let t = src
            .split('\n')
            .map((l) => indent + l)
            .join(crlf ? '\r\n' : '\n');
          const p = createTextDumpParser();
          for (let i = 0; i < t.length; i += chunk) p.push(t.slice(i, i + chunk));
          t = '';
          expect(summary(p.finish())).toEqual(want);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('linear work', () => {
  it('a dump concatenated k times costs k times the lines and frames and groups into the same groups', () => {
    const src = fixtureText('parked-debug2.txt');
    const one = parseDump(src);
    const g1 = groupGoroutines(one);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), (k) => {
        const d = parseDump((src + '\n').repeat(k));
        expect(d.goroutines.length).toBe(k * one.goroutines.length);
        expect(d.stats!.frames).toBe(k * one.stats!.frames);
        expect(d.stats!.lines).toBeLessThanOrEqual(k * (one.stats!.lines + 1) + 1);
        const gk = groupGoroutines(d);
        expect(gk.map((g) => [g.key, g.count])).toEqual(g1.map((g) => [g.key, k * g.count]));
      }),
      { numRuns: 15 },
    );
  });

  it('searches stay within a line: 200k junk lines, unclosed headers and colon-less lines finish', () => {
    // Quadratic scanning (each line searching on into the rest of the input) would take minutes
    // here and hit the test timeout; linear work takes well under a second.
    const dump = fixtureText('parked-debug2.txt');
    const junkFirst = 'INFO request served\n'.repeat(200_000) + dump;
    expect(parseDump(junkFirst).total).toBe(24);
    const unclosed = 'goroutine 1 gp=0x1 m=nil x\n'.repeat(100_000) + dump;
    expect(parseDump(unclosed).total).toBe(24);
    const noColon = 'goroutine 1 [running]:\nmain.f()\n' + '\t/no/colon/here\n'.repeat(200_000);
    wellFormed(parseDump(noColon));
  });

  it('pathological lines (megabytes without a newline or a closing bracket) finish', () => {
    for (const s of [
      'main.f('.repeat(300_000),
      'goroutine 1 [' + 'x'.repeat(2_000_000),
      ' '.repeat(2_000_000) + 'goroutine 1 [running]:',
      'a:1 '.repeat(500_000),
    ]) {
      const d = parseDump('goroutine 1 [running]:\n' + s + '\n\t/a.go:1\n');
      wellFormed(d);
    }
  });
});

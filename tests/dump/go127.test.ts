// What Go 1.26/1.27 print, from the real fixtures (tests/fixtures/dump-programs/regenerate.sh):
// goroutineleak profiles at every debug level, pprof labels in every format, a synctest bubble in
// `go test -v` output. Each is checked through the one bytes reader and the JSON the CLI prints.
import { describe, expect, it } from 'vitest';
import { classify, groupGoroutines, readDump, toJsonSummary, type Dump } from '../../src/lib/dump/index.ts';
import { fixtureBytes, summary } from './helpers.ts';

function read(name: string): Dump {
  const r = readDump(fixtureBytes(name));
  expect(r.problem).toBeNull();
  return r.dump;
}

/** count, label set and leaked flag per group, in group order. */
function shape(d: Dump): [number, Record<string, string>, boolean][] {
  return groupGoroutines(d).map((g) => [g.count, g.labels, g.leaked]);
}

describe('goroutineleak profile', () => {
  for (const v of ['go127', 'go126']) {
    it(`${v} debug=1: the header is read and every record is a proven leak`, () => {
      const d = read(`${v}-goroutineleak-debug1.txt`);
      expect(d.format).toBe('pprof-debug1');
      expect(d.warnings).toEqual([]);
      expect(d.total).toBe(5);
      expect(d.leaked).toBe(5);
      expect(shape(d)).toEqual([
        [3, {}, true],
        [2, {}, true],
      ]);
      for (const g of groupGoroutines(d)) expect(classify(g).class).toBe('never-wakes');
    });
    it(`${v} debug=2: (leaked) marks are kept as leaked, out of the state`, () => {
      const d = read(`${v}-goroutineleak-debug2.txt`);
      expect(d.format).toBe('traceback');
      expect(d.warnings).toEqual([]);
      expect(d.total).toBe(6);
      expect(d.leaked).toBe(5);
      expect(summary(d)).toEqual({
        'main.send': [3, 'chan send', 'never-wakes'],
        'main.recv': [2, 'chan receive', 'never-wakes'],
        'main.main': [1, 'running', 'running'],
      });
      const j = toJsonSummary(d);
      expect(j.leaked).toBe(5);
      expect(j.groups.map((g) => g.leaked)).toEqual([true, true, false]);
    });
  }
  it('debug=0 (proto): sample type goroutineleak is a leak profile, not a warning', () => {
    const d = read('go127-goroutineleak.pb.gz');
    expect(d.format).toBe('pprof-proto');
    expect(d.warnings).toEqual([]);
    expect(d.total).toBe(5);
    expect(d.leaked).toBe(5);
    expect(summary(d)).toEqual({
      'main.send': [3, 'chan send', 'never-wakes'],
      'main.recv': [2, 'chan receive', 'never-wakes'],
    });
  });
  it('a dump that is no leak profile says nothing about proven leaks', () => {
    expect(read('parked-stack.txt').leaked).toBeNull();
    expect(read('parked.pb.gz').leaked).toBeNull();
  });
});

describe('pprof labels', () => {
  const expected: [number, Record<string, string>, boolean][] = [
    [3, { handler: '/api/users' }, false],
    [2, { handler: '/api/orders' }, false],
    [1, {}, false],
    [1, {}, false],
  ];
  for (const name of ['go127-labels-debug1.txt', 'go127-labels.pb.gz', 'go127-labels-debug2.txt', 'go127-labels-panic.txt']) {
    it(`${name}: one stack under two label sets stays two groups`, () => {
      const d = read(name);
      expect(d.warnings).toEqual([]);
      expect(d.total).toBe(7);
      expect(d.leaked).toBeNull();
      expect(shape(d)).toEqual(expected);
      const j = toJsonSummary(d);
      expect(j.groups[0].labels).toEqual({ handler: '/api/users' });
    });
  }
  it('reads Go 1.27 header labels: `goroutine 7 [chan receive] {handler: /api/users}:`', () => {
    const d = read('go127-labels-panic.txt');
    expect(d.reason).toBe('panic: labels fixture');
    const g = d.goroutines.find((x) => x.labels?.handler === '/api/orders')!;
    expect(g.state).toBe('chan receive');
    expect(g.frames[0].func).toBe('main.wait');
  });
});

describe('synctest bubble inside go test -v output', () => {
  it('parses the dump between the test lines and FAIL lines with no warning', () => {
    const d = read('go127-synctest-gotest.txt');
    expect(d.format).toBe('traceback');
    expect(d.warnings).toEqual([]);
    expect(d.reason).toMatch(/^panic: deadlock: all goroutines in bubble are blocked/);
    expect(d.total).toBe(5);
    const inBubble = groupGoroutines(d).filter((g) => g.bubble === 1);
    expect(inBubble.reduce((n, g) => n + g.count, 0)).toBe(4);
    expect(inBubble.every((g) => g.state === 'chan receive')).toBe(true);
    expect(d.goroutines.filter((g) => g.durable).length).toBe(4);
    expect(toJsonSummary(d).groups.filter((g) => g.bubble === 1).length).toBe(inBubble.length);
  });
});

describe('one reader for every encoding', () => {
  it('reads a UTF-16 dump with a byte-order mark (PowerShell `>`) like its UTF-8 original', () => {
    const text = new TextDecoder().decode(fixtureBytes('go127-labels-panic.txt'));
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const r = readDump(le);
    expect(r.problem).toBeNull();
    expect(shape(r.dump)).toEqual(shape(read('go127-labels-panic.txt')));
  });
  it('names the problem: empty input, a gzip stream that does not unpack', () => {
    expect(readDump(new Uint8Array(0)).problem).toBe('empty');
    expect(readDump(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0])).problem).toBe('gzip');
    // A PNG header: binary, no profile, no goroutines.
    expect(readDump(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])).problem).toBe('proto');
  });
});

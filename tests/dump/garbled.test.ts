/**
 * A line a state does not expect is a warning, never a frame. The call lines are gostackparse's
 * garbled ones (its errorhandling fixture and property test): gostackparse reports each.
 */
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../src/lib/dump/index.ts';

const dump = (call: string) =>
  [
    'goroutine 1 [running]:',
    call,
    '\t/tmp/x/main.go:7 +0x1d',
    'main.worker(0xc000010000)',
    '\t/tmp/x/main.go:12 +0x25',
    'created by main.start in goroutine 0',
    '\t/tmp/x/main.go:3 +0x9',
    '',
  ].join('\n');

describe('garbled call lines', () => {
  for (const call of ['main.main)(', 'foo.bar(', 'net/http.(*persistConn).writeLoop(0xc0', 'net/http.*persist)(', 'net/http.((*persist)']) {
    it(`reports "${call}" and keeps only the real frames`, () => {
      for (const details of [true, false]) {
        const d = parseDump(dump(call), { details });
        expect(d.total).toBe(1);
        const g = d.goroutines[0];
        expect(g.frames.map((f) => [f.func, f.line])).toEqual([['main.worker', 12]]);
        expect(g.createdBy?.func).toBe('main.start');
        expect(g.truncated).toBeFalsy();
        expect(d.warnings).toEqual([{ line: 2, message: `not a function call line: ${call}` }]);
      }
    });
  }

  it('a well-formed line with parentheses in the name is a frame', () => {
    const d = parseDump(dump('net/http.(*persistConn).writeLoop(0xc0001a5c20)'));
    expect(d.goroutines[0].frames.map((f) => f.func)).toEqual(['net/http.(*persistConn).writeLoop', 'main.worker']);
    expect(d.warnings).toEqual([]);
  });

  it('an argument list cut off by the end of the input is a truncated dump, not a garbled line', () => {
    const d = parseDump('goroutine 1 [running]:\nmain.main(0x1, 0x');
    expect(d.goroutines[0].truncated).toBe(true);
    expect(d.warnings.map((w) => w.message)).toEqual(['dump truncated inside goroutine 1']);
  });
});

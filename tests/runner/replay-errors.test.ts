import { describe, expect, it } from 'vitest';
import { formatGoDuration, replaySchedule } from '../../src/lib/runner/replay.ts';
import { byteColumnToUtf16, parseGoErrors } from '../../src/lib/runner/errors.ts';

describe('formatGoDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [7.2e12, '2h0m0s'],
    [1.5e9, '1.5s'],
    [90e9, '1m30s'],
    [250e6, '250ms'],
    [1500, '1.5µs'],
    [999, '999ns'],
    [3_723_000_000_000, '1h2m3s'],
  ])('%d ns → %s', (ns, text) => expect(formatGoDuration(ns)).toBe(text));
});

describe('replaySchedule', () => {
  const ev = (Delay: number, Message = 'x\n') => ({ Message, Kind: 'stdout' as const, Delay });

  it('marks fake-time gaps of a second or more and never waits long', () => {
    const steps = replaySchedule([ev(0, 'start\n'), ev(7.2e12, 'later\n'), ev(5e6, 'soon\n')]);
    expect(steps.map((s) => s.marker)).toEqual([null, '[+2h0m0s]', null]);
    expect(steps.map((s) => s.message)).toEqual(['start\n', 'later\n', 'soon\n']);
    expect(steps[1].waitMs).toBeLessThanOrEqual(250);
    expect(steps[2].waitMs).toBe(5);
  });

  it('scales the whole replay down to the total budget', () => {
    const steps = replaySchedule(Array.from({ length: 100 }, () => ev(1e9)));
    const total = steps.reduce((n, s) => n + s.waitMs, 0);
    expect(total).toBeLessThanOrEqual(1000 + 100);
    expect(total).toBeGreaterThan(500);
    expect(steps.every((s) => s.marker === '[+1s]')).toBe(true);
  });

  it('handles no events', () => {
    expect(replaySchedule(null)).toEqual([]);
  });
});

describe('parseGoErrors', () => {
  it('reads build and vet diagnostics with and without columns', () => {
    const text = [
      './prog.go:12:5: undefined: x',
      'prog.go:3: something without a column',
      'vet: ./helper.go:4:2: unreachable code',
      './prog.go:7:2: declared and not used: y',
      '\tsome detail on the next line',
      'note: unrelated',
    ].join('\n');
    expect(parseGoErrors(text)).toEqual([
      { file: 'prog.go', line: 12, col: 5, message: 'undefined: x' },
      { file: 'prog.go', line: 3, col: 0, message: 'something without a column' },
      { file: 'helper.go', line: 4, col: 2, message: 'unreachable code' },
      { file: 'prog.go', line: 7, col: 2, message: 'declared and not used: y\nsome detail on the next line' },
    ]);
  });

  it('converts Go byte columns to editor columns', () => {
    expect(byteColumnToUtf16('\tx := 1', 2)).toBe(2);
    // "é" is two bytes in UTF-8 but one UTF-16 unit.
    expect(byteColumnToUtf16('s := "é"; y', 12)).toBe(11);
  });
});

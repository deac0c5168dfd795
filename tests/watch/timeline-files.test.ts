// How the viewer's timeline orders chosen files: by the time leaklab watch --save put in each name,
// pairing each goroutineleak profile with its dump; by modification time otherwise.
import { expect, it } from 'vitest';
import { orderSamples, timeFromName } from '../../src/components/viewer/timeline-files.ts';

const f = (name: string, lastModified = 0) => ({ name, lastModified });

it('reads the time from a saved name', () => {
  expect(timeFromName('goroutine-2026-12-08T00-24-19.970Z.txt')).toBe(Date.parse('2026-12-08T00:24:19.970Z'));
  expect(timeFromName('a.txt')).toBeNull();
});

it('orders a saved series by the names and pairs the goroutineleak profiles', () => {
  const files = [
    f('goroutineleak-2026-12-08T00-24-21.000Z.txt'),
    f('goroutine-2026-12-08T00-24-21.000Z.txt', 5),
    f('goroutine-2026-12-08T00-24-19.000Z.txt', 9),
  ];
  const out = orderSamples(files);
  expect(out.map((s) => s.file.name)).toEqual(['goroutine-2026-12-08T00-24-19.000Z.txt', 'goroutine-2026-12-08T00-24-21.000Z.txt']);
  expect(out.map((s) => s.leak?.name ?? null)).toEqual([null, 'goroutineleak-2026-12-08T00-24-21.000Z.txt']);
});

it('falls back to modification times, then to the order given', () => {
  expect(orderSamples([f('b.txt', 30), f('a.txt', 10), f('c.txt', 10)]).map((s) => s.file.name)).toEqual(['a.txt', 'c.txt', 'b.txt']);
});

// The suspect rule of src/lib/dump/series.ts on synthetic series: debug=2 text written as Go
// writes it, parsed by the one reader, so the rule sees what it sees in a real watch.
import { describe, expect, it } from 'vitest';
import { createSeries, judgeAll, parseDump, sparkline, groupChange, MIN_SAMPLES } from '../../src/lib/dump/index.ts';

interface Kind {
  func: string;
  line: number;
  state: string;
  /** Library frames above the user's (the wait itself), innermost first. */
  top?: string[];
}

const LEAK: Kind = { func: 'main.recordAudit', line: 39, state: 'chan send' };
const POOL: Kind = { func: 'main.worker', line: 33, state: 'chan receive' };
const BURST: Kind = { func: 'main.main.func2.1', line: 71, state: 'chan receive' };
const SERVER: Kind = { func: 'main.main', line: 90, state: 'IO wait', top: ['internal/poll.runtime_pollWait'] };

/** One debug=2 dump with `n` goroutines of each kind; ids go up so the same goroutine keeps its id. */
function dump(parts: [Kind, number][], leakedKinds: Kind[] = []): string {
  let id = 1;
  let out = '';
  for (const [k, n] of parts) {
    for (let i = 0; i < n; i++) {
      const leaked = leakedKinds.includes(k) ? ' (leaked)' : '';
      out += `goroutine ${id++} [${k.state}${leaked}]:\n`;
      for (const t of k.top ?? []) out += `${t}(0x1)\n\t/usr/lib/go/src/internal/poll/fd_poll_runtime.go:84 +0x27\n`;
      out += `${k.func}(0x${i.toString(16)})\n\t/app/main.go:${k.line} +0x2a\ncreated by main.main in goroutine 1\n\t/app/main.go:50 +0x55\n\n`;
    }
  }
  return out;
}

function run(samples: [Kind, number][][], leaked: Kind[] = []) {
  const s = createSeries();
  samples.forEach((parts, i) => s.add({ time: i * 10_000, dump: parseDump(dump(parts, leaked)) }));
  const judged = judgeAll(s);
  const by = (k: Kind) => judged.find((j) => j.series.function === k.func)!;
  return { judged, by, suspects: judged.filter((j) => j.verdict.suspect).map((j) => j.series.function) };
}

const steps = (counts: number[], k: Kind, others: [Kind, number][] = []) => counts.map((n) => [[k, n], ...others] as [Kind, number][]);

describe('suspect rule', () => {
  it('a group that grows at every sample, blocked in our code, is a suspect', () => {
    const r = run(steps([2, 5, 9, 14, 18, 22, 27, 31], LEAK, [[POOL, 8]]));
    expect(r.suspects).toEqual(['main.recordAudit']);
    const v = r.by(LEAK).verdict;
    expect(v.suspect && !v.proven && v.rises).toBe(6);
    expect(v.perMinute).toBeCloseTo((29 * 60) / 70, 5);
    expect(r.judged[0].series.function).toBe('main.recordAudit');
  });

  it('a leak that started large and grows slowly is still a suspect (no relative threshold)', () => {
    expect(run(steps([3000, 3002, 3004, 3005, 3007, 3009], LEAK)).suspects).toEqual(['main.recordAudit']);
  });

  it('a pool that filled and plateaued is not a suspect', () => {
    expect(run(steps([0, 4, 8, 8, 8, 8, 8, 8], POOL)).suspects).toEqual([]);
  });

  it('a pool still filling at the end of the watch IS flagged: the rule cannot see a bound it has not reached', () => {
    expect(run(steps([0, 2, 4, 6, 8, 10], POOL)).suspects).toEqual(['main.worker']);
  });

  it('a burst that drained, fully or partly, is not a suspect', () => {
    expect(run(steps([0, 10, 20, 30, 40, 0], BURST)).suspects).toEqual([]);
    expect(run(steps([0, 10, 20, 30, 40, 38], BURST)).suspects).toEqual([]);
    expect(run(steps([0, 10, 20, 40, 20, 25, 30, 35], BURST)).suspects).toEqual([]);
  });

  it('a busy group that comes and goes is not a suspect, even when higher at the end', () => {
    expect(run(steps([5, 9, 4, 10, 6, 12, 7, 13], BURST)).suspects).toEqual([]);
  });

  it('growth in IO wait or other states outside the leak classes is not a suspect', () => {
    expect(run(steps([1, 5, 9, 14, 18, 22], SERVER)).suspects).toEqual([]);
  });

  it('needs MIN_SAMPLES samples and MIN_GROWTH goroutines of growth', () => {
    expect(MIN_SAMPLES).toBe(4);
    expect(run(steps([1, 10, 20], LEAK)).suspects).toEqual([]);
    expect(run(steps([1, 2, 3, 4, 5], LEAK)).suspects).toEqual([]);
    expect(run(steps([1, 2, 3, 4, 5, 6], LEAK)).suspects).toEqual(['main.recordAudit']);
  });

  it('a proven leak (goroutineleak marks) is a suspect at once, from one sample, without growth', () => {
    const r = run([[[LEAK, 3]]], [LEAK]);
    expect(r.suspects).toEqual(['main.recordAudit']);
    expect(r.by(LEAK).verdict.proven).toBe(true);
  });

  it('a proven mark in the separate goroutineleak profile marks the group in the goroutine profile', () => {
    const s = createSeries();
    s.add({
      time: 0,
      dump: parseDump(
        dump([
          [LEAK, 2],
          [POOL, 8],
        ]),
      ),
      leakDump: parseDump(
        dump(
          [
            [LEAK, 2],
            [POOL, 8],
          ],
          [LEAK],
        ),
      ),
    });
    const j = judgeAll(s);
    expect(j.filter((x) => x.verdict.proven).map((x) => x.series.function)).toEqual(['main.recordAudit']);
  });

  it('absent samples count 0, and a group that appears late is judged from 0', () => {
    const r = run([
      [[POOL, 8]],
      [[POOL, 8]],
      [
        [POOL, 8],
        [LEAK, 3],
      ],
      [
        [POOL, 8],
        [LEAK, 6],
      ],
      [
        [POOL, 8],
        [LEAK, 9],
      ],
    ]);
    expect(r.by(LEAK).series.counts).toEqual([0, 0, 3, 6, 9]);
    expect(r.suspects).toEqual(['main.recordAudit']);
  });

  it('groupChange keeps the ids parked since the first sample apart from new ones; sparkline scales to the maximum', () => {
    const r = run(steps([2, 4], LEAK));
    expect(groupChange(r.by(LEAK).series)).toEqual({ before: 2, after: 4, persistent: [1, 2], added: [3, 4] });
    expect(sparkline([0, 4, 8])).toBe('▁▅█');
  });
});

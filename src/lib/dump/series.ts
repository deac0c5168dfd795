/**
 * A series of dumps of one process over time (`leaklab watch`, the viewer's timeline): every group
 * tracked by the same key as `leaklab dump --diff`, and the suspect rule both of them apply.
 *
 * This is the one place the series code uses the grouping and classification APIs, so a change to
 * them is adapted here only.
 *
 * The rule (documented for users in src/lib/dump/README.md and chapter 11): a group is a suspect
 * when the runtime's goroutineleak profile proved any of its goroutines leaked, or when, at the
 * latest sample, all of these hold:
 *  1. blocked in our code: it classifies as a leak suspect (chan send/receive, select, a lock, a
 *     WaitGroup or Cond wait, a nil channel) with a frame in the service's own code, and sat in
 *     that same state in every sample of the window where it was present;
 *  2. there are at least MIN_SAMPLES samples (one dump cannot tell growth from a busy moment);
 *  3. it grew in most steps of the window (more than half of the last WINDOW steps), so a pool that
 *     filled and plateaued is not one;
 *  4. it never shrank within the window and is at its highest count now: leaked goroutines never
 *     leave, so a burst that drained (even partly) or a busy group that comes and goes is not one;
 *  5. it is well above its first count: at least MIN_GROWTH more goroutines than in the first
 *     sample, so a group that crept up by one or two is not one. (Not relative to the first count:
 *     a service that has leaked for days starts the watch with thousands and grows slowly.)
 * LeakProf (Uber) flags a source location where many goroutines are blocked on one channel
 * operation in one profile; watching one service over time replaces its fixed fleet-wide threshold
 * with growth, which also catches a leak while it is still small.
 */
import type { Dump } from './model.ts';
import { groupGoroutines, type Group } from './group.ts';
import { classify, isLeakSuspect } from './classify.ts';
import { isRuntimeFrame, isStdlibFrame, userFrame } from './frames.ts';

/** Samples needed before growth can be judged. */
export const MIN_SAMPLES = 4;
/** How many of the latest steps (sample to sample) growth is judged on. */
export const WINDOW = 6;
/** The least growth, in goroutines, from the first count to now. */
export const MIN_GROWTH = 5;

export interface SeriesSample {
  /** Milliseconds since the epoch. */
  time: number;
  /** The goroutine profile (debug=2, debug=1, proto or a traceback). */
  dump: Dump;
  /** The goroutineleak profile taken with it, when the service has one. */
  leakDump?: Dump | null;
}

export interface GroupSeries {
  /** The group key, as in `leaklab dump --diff`. */
  key: string;
  /** The top frame in the service's own code (else the first library call), as the viewer names a group. */
  function: string;
  /** file:line of that frame. */
  location: string;
  /** Dominant state at the latest sample it was present in. */
  state: string;
  /** One count per sample, 0 where the group was absent. */
  counts: number[];
  /** Dominant state per sample, null where absent. */
  states: (string | null)[];
  /** The runtime proved some of its goroutines leaked, in some sample. */
  proven: boolean;
  /** The group in the first and in the latest sample it was present in. */
  first: Group;
  last: Group;
  firstSample: number;
  lastSample: number;
}

export type Verdict =
  | { suspect: false; proven: false; perMinute: number }
  | { suspect: true; proven: true; perMinute: number }
  | { suspect: true; proven: false; perMinute: number; rises: number; steps: number; from: number; to: number };

export interface Series {
  add(sample: SeriesSample): void;
  readonly times: readonly number[];
  /** Every group seen, in first-seen order. */
  groups(): GroupSeries[];
}

/** The frame a one-line label names: the service's own, else the first library call, else the top. */
function headline(g: Group): { function: string; location: string } {
  const f = userFrame(g.frames) ?? g.frames.find((x) => isStdlibFrame(x) && !isRuntimeFrame(x)) ?? g.frames[0];
  return f ? { function: f.func, location: `${f.file || '?'}:${f.line}` } : { function: '?', location: '?' };
}

export function createSeries(): Series {
  const times: number[] = [];
  const byKey = new Map<string, GroupSeries>();
  return {
    times,
    add(sample) {
      const i = times.length;
      times.push(sample.time);
      const proven = new Set<string>();
      if (sample.leakDump) for (const g of groupGoroutines(sample.leakDump)) if (g.leaked) proven.add(g.key);
      for (const g of groupGoroutines(sample.dump)) {
        let s = byKey.get(g.key);
        if (s === undefined) {
          s = {
            key: g.key,
            ...headline(g),
            state: g.state,
            counts: new Array<number>(i).fill(0),
            states: new Array<string | null>(i).fill(null),
            proven: false,
            first: g,
            last: g,
            firstSample: i,
            lastSample: i,
          };
          byKey.set(g.key, s);
        }
        s.counts.push(g.count);
        s.states.push(g.state);
        s.state = g.state;
        s.last = g;
        s.lastSample = i;
        if (g.leaked || proven.has(g.key)) s.proven = true;
      }
      for (const s of byKey.values())
        if (s.counts.length <= i) {
          s.counts.push(0);
          s.states.push(null);
        }
    },
    groups: () => [...byKey.values()],
  };
}

/** Goroutines per minute from the first sample to the latest (0 with fewer than two samples). */
export function growthPerMinute(counts: readonly number[], times: readonly number[]): number {
  const n = counts.length;
  if (n < 2) return 0;
  const ms = times[n - 1] - times[0];
  return ms > 0 ? ((counts[n - 1] - counts[0]) * 60_000) / ms : 0;
}

/** The suspect rule (see the top of this file) at the latest sample. */
export function judge(s: GroupSeries, times: readonly number[]): Verdict {
  const perMinute = growthPerMinute(s.counts, times);
  if (s.proven) return { suspect: true, proven: true, perMinute };
  const no = { suspect: false, proven: false, perMinute } as const;
  const c = s.counts;
  const n = c.length;
  if (n < MIN_SAMPLES) return no;
  const cl = classify(s.last);
  if (!isLeakSuspect(cl.class) || cl.blockingFrame === null) return no;
  const steps = Math.min(WINDOW, n - 1);
  let rises = 0;
  for (let i = n - steps; i < n; i++) {
    if (c[i] > c[i - 1]) rises++;
    else if (c[i] < c[i - 1]) return no;
    if (s.states[i] !== null && s.states[i] !== s.state) return no;
  }
  if (rises * 2 <= steps) return no;
  const now = c[n - 1];
  for (const x of c) if (x > now) return no;
  const from = c[0];
  if (now - from < MIN_GROWTH) return no;
  return { suspect: true, proven: false, perMinute, rises, steps, from, to: now };
}

/** One English sentence for a verdict (the CLI's JSON `reason`); the viewer words it through i18n. */
export function reasonText(s: GroupSeries, v: Verdict): string {
  if (!v.suspect) return '';
  if (v.proven) return 'proven leaked by the runtime (goroutineleak profile)';
  const rate = Math.round(v.perMinute * 10) / 10;
  return `grew in ${v.rises} of the last ${v.steps} samples, ${v.from} → ${v.to} (${rate >= 0 ? '+' : ''}${rate}/min), blocked in ${s.state}`;
}

export interface JudgedSeries {
  series: GroupSeries;
  verdict: Verdict;
}

/** Every group judged, suspects first (proven before growing), then fastest growing, then largest now. */
export function judgeAll(series: Series): JudgedSeries[] {
  const out = series.groups().map((g) => ({ series: g, verdict: judge(g, series.times) }));
  const rank = (j: JudgedSeries) => (j.verdict.proven ? 0 : j.verdict.suspect ? 1 : 2);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.verdict.perMinute - a.verdict.perMinute ||
      b.series.counts[b.series.counts.length - 1] - a.series.counts[a.series.counts.length - 1],
  );
}

/** What changed in one group between its first and latest sample: ids still parked there and new ones. */
export function groupChange(s: GroupSeries): { before: number; after: number; persistent: number[]; added: number[] } {
  const firstIds = new Set(s.first.ids);
  const persistent: number[] = [];
  const added: number[] = [];
  for (const id of s.last.ids) (firstIds.has(id) ? persistent : added).push(id);
  return { before: s.first.count, after: s.last.count, persistent, added };
}

/** A sparkline of counts (▁…█), scaled from 0 to the series' maximum. */
export function sparkline(counts: readonly number[], width = counts.length): string {
  const bars = '▁▂▃▄▅▆▇█';
  const xs = counts.slice(-width);
  const max = Math.max(1, ...xs);
  return xs.map((x) => bars[Math.min(7, Math.round((x / max) * 7))]).join('');
}

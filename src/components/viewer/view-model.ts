/**
 * Pure view logic of the dump viewer: frame kinds, filters, sorting, compact ID lists and the
 * arithmetic of the virtualised list. No DOM here, so it is unit-tested in Node.
 */
import type { ViewFrame, ViewGroup } from './types.ts';
// The library's class order: classes.ts is small, the classifier stays out of the main bundle.
import { classRank, isLeakSuspect, isProven } from '../../lib/dump/classes.ts';

export type SortKey = 'suspects' | 'count' | 'wait';

export interface Filters {
  state: string;
  search: string;
  hideStdFrames: boolean;
  hideRuntime: boolean;
  onlySuspects: boolean;
  /** Only proven leaks (isProven: the runtime proved it, or the wait can never end). */
  onlyProven: boolean;
  /** `key=value`: only groups carrying that pprof label; '' for any. */
  label: string;
  sort: SortKey;
}

export const defaultFilters: Filters = {
  state: '',
  search: '',
  hideStdFrames: false,
  hideRuntime: true,
  onlySuspects: false,
  onlyProven: false,
  label: '',
  sort: 'suspects',
};

const haystacks = new WeakMap<ViewGroup, string>();

function haystack(g: ViewGroup): string {
  let h = haystacks.get(g);
  if (h === undefined) {
    const parts: string[] = [g.state];
    for (const f of g.frames) parts.push(f.func, f.file);
    if (g.createdBy) parts.push(g.createdBy.func, g.createdBy.file);
    parts.push(...g.labels);
    h = parts.join('\n').toLowerCase();
    haystacks.set(g, h);
  }
  return h;
}

/** Search terms separated by spaces must all match (function, package, file, state or label). */
export function matchesSearch(g: ViewGroup, search: string): boolean {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const h = haystack(g);
  return terms.every((t) => h.includes(t));
}

/** Goroutines in proven-leak groups: the summary's counter, and whether the "only proven" filter is offered. */
export function provenCount(groups: readonly ViewGroup[]): number {
  return groups.reduce((n, g) => n + (isProven(g.cls) ? g.count : 0), 0);
}

export function filterGroups(groups: readonly ViewGroup[], f: Filters): ViewGroup[] {
  const out = groups.filter(
    (g) =>
      (!f.state || g.state === f.state) &&
      (!f.hideRuntime || g.cls !== 'runtime-internal') &&
      (!f.onlySuspects || isLeakSuspect(g.cls)) &&
      (!f.onlyProven || isProven(g.cls)) &&
      (!f.label || g.labels.includes(f.label)) &&
      matchesSearch(g, f.search),
  );
  return sortGroups(out, f.sort);
}

export function sortGroups(groups: ViewGroup[], sort: SortKey): ViewGroup[] {
  const byCount = (a: ViewGroup, b: ViewGroup) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  if (sort === 'count') return groups.sort(byCount);
  if (sort === 'wait') return groups.sort((a, b) => (b.waitMax ?? -1) - (a.waitMax ?? -1) || byCount(a, b));
  return groups.sort((a, b) => classRank(a.cls) - classRank(b.cls) || byCount(a, b));
}

/** Every `key=value` label in the groups with its goroutine count, most goroutines first. */
export function labelCounts(groups: readonly ViewGroup[]): { label: string; count: number }[] {
  const m = new Map<string, number>();
  for (const g of groups) for (const l of g.labels) m.set(l, (m.get(l) ?? 0) + g.count);
  return [...m].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** Goroutines per state, most common first. */
export function stateCounts(groups: readonly ViewGroup[]): { state: string; count: number }[] {
  const m = new Map<string, number>();
  for (const g of groups) for (const [s, n] of Object.entries(g.states)) m.set(s, (m.get(s) ?? 0) + n);
  return [...m].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count || a.state.localeCompare(b.state));
}

export interface FrameView {
  frames: ViewFrame[];
  hidden: number;
}

/**
 * Frames to show. Hiding runtime and standard-library frames keeps the frame where the user's code
 * called into them (the top non-user frame is often the blocking call itself, so it stays too).
 */
export function visibleFrames(frames: readonly ViewFrame[], hideStd: boolean): FrameView {
  if (!hideStd || !frames.some((f) => f.kind === 'user')) return { frames: [...frames], hidden: 0 };
  const first = frames.findIndex((f) => f.kind === 'user');
  const shown = frames.filter((f, i) => f.kind === 'user' || i === first - 1);
  return { frames: shown, hidden: frames.length - shown.length };
}

/** One group as Go prints a goroutine, to paste into an issue or a chat. */
export function stackText(g: ViewGroup): string {
  const wait = g.waitMax === null ? '' : g.waitMin === g.waitMax ? `, ${g.waitMax} minutes` : `, ${g.waitMin}-${g.waitMax} minutes`;
  const lines = [`${g.count} goroutines [${g.state}${wait}]:`];
  for (const f of g.frames) lines.push(`${f.func}${f.inlined ? '(...)' : '()'}`, `\t${f.file}:${f.line}`);
  if (g.createdBy) lines.push(`created by ${g.createdBy.func}`, `\t${g.createdBy.file}:${g.createdBy.line}`);
  return lines.join('\n') + '\n';
}

/** `5-44, 47, 50-52` for a sorted or unsorted ID list, cut after `limit` ranges. */
export function idRanges(ids: readonly number[], limit = 12): { text: string; rest: number } {
  const sorted = [...ids].sort((a, b) => a - b);
  const ranges: string[] = [];
  let i = 0;
  let covered = 0;
  while (i < sorted.length && ranges.length < limit) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    ranges.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    covered = j + 1;
    i = j + 1;
  }
  return { text: ranges.join(', '), rest: sorted.length - covered };
}

/** Decimal units, as file managers and `ls -h --si` show them. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** Prefix sums of row heights: `offsets[i]` is the top of row i, `offsets[n]` the total height. */
export function rowOffsets(heights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i] + heights[i];
  return out;
}

/** Index of the row containing `y` (clamped to the rows that exist). */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rows to render for a viewport, with `overscan` extra rows on both sides: [start, end). */
export function visibleRange(offsets: Float64Array, scrollTop: number, viewport: number, overscan: number): { start: number; end: number } {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const first = rowAt(offsets, Math.max(0, scrollTop));
  const last = rowAt(offsets, Math.max(0, scrollTop + viewport - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(n, last + 1 + overscan) };
}

/** The scrollTop that brings row i fully into view, or null when it already is. */
export function scrollToReveal(offsets: Float64Array, i: number, scrollTop: number, viewport: number): number | null {
  const top = offsets[i];
  const bottom = offsets[i + 1];
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, Math.min(top, bottom - viewport));
  return null;
}

/**
 * The classes a goroutine group can fall in, apart from the rules that choose them (classify.ts),
 * so the viewer's main bundle can sort and filter by class without loading the classifier.
 */
export type LeakClass = 'never-wakes' | 'likely-leak' | 'needs-context' | 'runtime-internal' | 'running' | 'other';

/** Most alarming first: the order the summary, the viewer and the CLI list classes in. */
export const CLASS_ORDER: readonly LeakClass[] = ['never-wakes', 'likely-leak', 'needs-context', 'other', 'running', 'runtime-internal'];

const RANK = new Map(CLASS_ORDER.map((c, i) => [c, i]));

/** Position in CLASS_ORDER, for sorting. */
export function classRank(c: LeakClass): number {
  return RANK.get(c) ?? CLASS_ORDER.length;
}

/**
 * A proven leak: the runtime's goroutineleak profile proved it, or its wait can never end (nil
 * channel, select with no cases); classify puts both in never-wakes. Everything else is blocked.
 */
export function isProven(c: LeakClass): boolean {
  return c === 'never-wakes';
}

export function isLeakSuspect(c: LeakClass): boolean {
  return c === 'never-wakes' || c === 'likely-leak';
}

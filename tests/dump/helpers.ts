import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { groupGoroutines, classify, userFrame, type Dump, type Group } from '../../src/lib/dump/index.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/dumps/', import.meta.url));
export const PROGRAMS = fileURLToPath(new URL('../fixtures/dump-programs/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

/** 1-based line of the first line containing `snippet` in a fixture program, so tests survive edits to it. */
export function lineOf(program: string, snippet: string): number {
  const lines = readFileSync(PROGRAMS + program, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(snippet));
  if (i < 0) throw new Error(`${snippet} not in ${program}`);
  return i + 1;
}

export const SENDER_LINE = lineOf('parked/main.go', 'func sender(');

/** The group whose first user frame is `func` (what a reader of the dump would look for). */
export function groupAt(groups: Group[], func: string): Group {
  const g = groups.find((x) => userFrame(x.frames)?.func === func);
  if (!g) throw new Error(`no group with user frame ${func}; have ${groups.map((x) => userFrame(x.frames)?.func).join(', ')}`);
  return g;
}

/** user function → [count, state, class], for compact assertions. */
export function summary(d: Dump): Record<string, [number, string, string]> {
  const out: Record<string, [number, string, string]> = {};
  for (const g of groupGoroutines(d)) {
    const k = userFrame(g.frames)?.func ?? g.frames[0]?.func ?? '(none)';
    out[k] = [g.count, g.state, classify(g).class];
  }
  return out;
}

/** What the parked program parks, by user function: [count, state (Go 1.27 traceback), class]. */
export const PARKED: Record<string, [number, string, string]> = {
  'main.sender': [3, 'chan send', 'likely-leak'],
  'main.receiver': [2, 'chan receive', 'likely-leak'],
  'main.nilReceiver': [1, 'chan receive (nil chan)', 'never-wakes'],
  'main.forever': [1, 'select (no cases)', 'never-wakes'],
  'main.locker': [2, 'sync.Mutex.Lock', 'likely-leak'],
  'main.reader': [1, 'sync.RWMutex.RLock', 'likely-leak'],
  'main.waiter': [1, 'sync.WaitGroup.Wait', 'likely-leak'],
  'main.condWaiter': [1, 'sync.Cond.Wait', 'likely-leak'],
  'main.sleeper': [1, 'sleep', 'needs-context'],
  'main.recvOne': [1, 'chan receive', 'likely-leak'],
  'main.(*Queue[...]).Pop': [2, 'chan receive', 'likely-leak'],
  'main.deep': [1, 'chan receive', 'likely-leak'],
  'main.lockedThread': [1, 'chan receive', 'likely-leak'],
  'main.spawner': [1, 'chan receive', 'likely-leak'],
  'main.child': [2, 'chan receive', 'likely-leak'],
  'main.labelled.func1': [2, 'chan receive', 'likely-leak'],
  'main.main': [1, 'running', 'running'],
};

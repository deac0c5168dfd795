/**
 * Classification: what a group of parked goroutines most likely means, and which chapter teaches
 * the fix. The verdict comes from the wait reason plus where the stack enters user code: a channel
 * wait inside net/http is the library's business, the same wait in main.worker is a leak to fix.
 * This module decides only: it returns message keys and chapter slugs, and the callers put them
 * into words (src/i18n/strings/classify.ts) and links (lessonPath in src/i18n) for their locale.
 */
import type { Frame } from './model.ts';
import { isRuntimeFrame, userFrame } from './frames.ts';
import type { CHAPTERS } from '../content/chapters.ts';
import type { ExplanationKey } from '../../i18n/strings/classify.ts';
import type { ClassKey } from '../../i18n/strings/leaks.ts';
import type { LeakClass } from './classes.ts';

export { isRuntimeFrame, isStdlibFrame, isUserFrame, userFrame } from './frames.ts';

/** A chapter of the course's one list (src/lib/content/chapters.ts): a slug not in it is a type error. */
export type ChapterSlug = (typeof CHAPTERS)[number];

export { CLASS_ORDER, classRank, isLeakSuspect, type LeakClass } from './classes.ts';

// Every class has its label in src/i18n and every label a class: a missing one is a type error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const labelsMatchClasses: Same<LeakClass, ClassKey> = true;
void labelsMatchClasses;

/** An explanation as a message: its key in src/i18n/strings/classify.ts and the values it names. */
export interface Explanation {
  key: ExplanationKey;
  /** `{state}` in the message: the goroutine's wait state without its `(durable)`-style marks. */
  params: { state: string };
}

export interface Classification {
  class: LeakClass;
  explanation: Explanation;
  /** Slug of the chapter that teaches the fix (`02-channels`); null when no chapter is about it. */
  chapter: ChapterSlug | null;
  /** The first frame in user code (where to look), or null when the stack has none. */
  blockingFrame: Frame | null;
}

interface Rule {
  class: LeakClass;
  chapter: ChapterSlug | null;
  /** The explanation's key in src/i18n/strings/classify.ts; `{state}` in it is the wait state. */
  key: ExplanationKey;
}

const NEVER: Record<string, Rule> = {
  'chan send (nil chan)': {
    class: 'never-wakes',
    chapter: '02-channels',
    key: 'nil-send',
  },
  'chan receive (nil chan)': {
    class: 'never-wakes',
    chapter: '02-channels',
    key: 'nil-receive',
  },
  'select (no cases)': {
    class: 'never-wakes',
    chapter: '02-channels',
    key: 'empty-select',
  },
};

const SUSPECT: Record<string, Rule> = {
  'chan send': {
    class: 'likely-leak',
    chapter: '03-abandoned-work',
    key: 'chan-send',
  },
  'chan receive': {
    class: 'likely-leak',
    chapter: '02-channels',
    key: 'chan-receive',
  },
  select: {
    class: 'likely-leak',
    chapter: '04-context',
    key: 'select',
  },
  'sync.Mutex.Lock': {
    class: 'likely-leak',
    chapter: '06-sync',
    key: 'mutex',
  },
  'sync.RWMutex.Lock': {
    class: 'likely-leak',
    chapter: '06-sync',
    key: 'rwmutex-lock',
  },
  'sync.RWMutex.RLock': {
    class: 'likely-leak',
    chapter: '06-sync',
    key: 'rwmutex-rlock',
  },
  'sync.WaitGroup.Wait': {
    class: 'likely-leak',
    chapter: '06-sync',
    key: 'waitgroup',
  },
  semacquire: {
    class: 'likely-leak',
    chapter: '06-sync',
    key: 'semacquire',
  },
  'sync.Cond.Wait': {
    class: 'likely-leak',
    chapter: '06-sync',
    key: 'cond',
  },
};

const CONTEXT: Record<string, Rule> = {
  'IO wait': {
    class: 'needs-context',
    chapter: '07-defer-and-lifetimes',
    key: 'io-wait',
  },
  sleep: {
    class: 'needs-context',
    chapter: '05-timers',
    key: 'sleep',
  },
  syscall: {
    class: 'needs-context',
    chapter: '09-finding-leaks',
    key: 'syscall',
  },
};

const RUNTIME_STATES = new Set([
  'GC worker (idle)',
  'GC worker (active)',
  'GC sweep wait',
  'GC scavenge wait',
  'GC assist wait',
  'GC assist marking',
  'GC weak to strong wait',
  'GC mark termination',
  'finalizer wait',
  'force gc (idle)',
  'trace reader (blocked)',
  'wait for GC cycle',
  'garbage collection',
  'garbage collection scan',
  'dumping heap',
  'stopping the world',
  'flushing proc caches',
  'trace goroutine status',
  'trace proc status',
  'page trace flush',
  'cleanup wait',
]);

const RUNTIME_RULE: Rule = {
  class: 'runtime-internal',
  chapter: null,
  key: 'runtime',
};

const RUNNING_RULE: Rule = {
  class: 'running',
  chapter: null,
  key: 'running',
};

const HTTP_CONN_RULE: Rule = {
  class: 'needs-context',
  chapter: '07-defer-and-lifetimes',
  key: 'http-conn',
};

function baseState(state: string): string {
  // Go 1.24 marked synctest waits `(synctest)`, 1.25 `(durable)`; the parser strips them, but a
  // hand-built Goroutine may not have been through the parser.
  return state.replace(/ \((durable|synctest|scan|leaked)\)/g, '');
}

/** Classifies a group (or a single goroutine) from its state and frames. */
export function classify(g: {
  state: string;
  frames: readonly Frame[];
  createdBy?: Frame | null;
  leaked?: boolean | number;
}): Classification {
  const state = baseState(g.state);
  const user = userFrame(g.frames);
  let rule: Rule;
  if (NEVER[state]) rule = NEVER[state];
  else if (g.leaked || g.state.endsWith(' (leaked)')) {
    // The runtime's own verdict (Go 1.26+ goroutineleak profile): no guessing needed.
    rule = {
      class: 'never-wakes',
      chapter: (SUSPECT[state] ?? CONTEXT[state])?.chapter ?? '09-finding-leaks',
      key: 'proven-leak',
    };
  } else if (RUNTIME_STATES.has(state) || (user === null && isRuntimeOnly(g.frames, g.createdBy ?? null))) rule = RUNTIME_RULE;
  else if (state === 'running' || state === 'runnable' || state === 'running (scan)') rule = RUNNING_RULE;
  else if (g.frames.some((f) => f.func === 'net/http.(*persistConn).readLoop' || f.func === 'net/http.(*persistConn).writeLoop'))
    rule = HTTP_CONN_RULE;
  else if (SUSPECT[state]) {
    rule =
      user !== null
        ? SUSPECT[state]
        : {
            class: 'needs-context',
            chapter: '09-finding-leaks',
            key: 'stdlib-blocked',
          };
  } else if (CONTEXT[state]) rule = CONTEXT[state];
  else if (state === 'unknown') {
    rule = {
      class: 'needs-context',
      chapter: '09-finding-leaks',
      key: 'unknown-state',
    };
  } else {
    rule = {
      class: 'other',
      chapter: '09-finding-leaks',
      key: 'other-state',
    };
  }
  return {
    class: rule.class,
    explanation: { key: rule.key, params: { state } },
    chapter: rule.chapter,
    blockingFrame: user,
  };
}

/** No user frame and either only runtime frames or a runtime creator: the runtime's own goroutine. */
function isRuntimeOnly(frames: readonly Frame[], createdBy: Frame | null): boolean {
  if (frames.length === 0) return false;
  if (createdBy !== null && isRuntimeFrame(createdBy)) return true;
  for (const f of frames) if (!isRuntimeFrame(f)) return false;
  return true;
}

export type Classified<G> = G & { classification: Classification };

/** Classifies every group, keeping the input order. */
export function classifyGroups<G extends { state: string; frames: readonly Frame[]; createdBy?: Frame | null }>(
  groups: readonly G[],
): Classified<G>[] {
  return groups.map((g) => ({ ...g, classification: classify(g) }));
}

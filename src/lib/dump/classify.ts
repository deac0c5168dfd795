/**
 * Classification: what a group of parked goroutines most likely means, in one line per language,
 * with the chapter that teaches the fix. The verdict comes from the wait reason plus where the
 * stack enters user code: a channel wait inside net/http is the library's business, the same wait
 * in main.worker is a leak to fix.
 */
import type { Frame } from './model.ts';
import { isRuntimeFrame, userFrame } from './frames.ts';
import { CHAPTERS as CHAPTER_SLUGS } from '../content/chapters.ts';
import { format, localePrefix, type Locale } from '../../i18n/index.ts';
import { classifyStrings, type ExplanationKey } from '../../i18n/strings/classify.ts';

export { isRuntimeFrame, isStdlibFrame, isUserFrame, userFrame } from './frames.ts';

export type LeakClass = 'never-wakes' | 'likely-leak' | 'needs-context' | 'runtime-internal' | 'running' | 'other';

/** Most alarming first: the order the summary and the viewer list classes in. */
export const CLASS_ORDER: readonly LeakClass[] = ['never-wakes', 'likely-leak', 'needs-context', 'other', 'running', 'runtime-internal'];

export type { Locale };

export interface Text {
  en: string;
  'zh-cn': string;
}

/** Each class's short label in both locales (the wording lives in src/i18n/strings/classify.ts). */
export const CLASS_LABELS = Object.fromEntries(
  CLASS_ORDER.map((c) => [c, { en: classifyStrings.en[`class-${c}`], 'zh-cn': classifyStrings['zh-cn'][`class-${c}`] }]),
) as Record<LeakClass, Text>;

export interface Classification {
  class: LeakClass;
  explanation: Text;
  /** Chapter path without locale, e.g. `/learn/02-channels/`; null when no chapter is about it. */
  chapter: string | null;
  /** The first frame in user code (where to look), or null when the stack has none. */
  blockingFrame: Frame | null;
}

/** A chapter's path from the course's one slug list; a slug that is not in it is a type error. */
function chapterPath<S extends (typeof CHAPTER_SLUGS)[number]>(slug: S): `/learn/${S}/` {
  if (!CHAPTER_SLUGS.includes(slug)) throw new Error(`unknown chapter ${slug}`);
  return `/learn/${slug}/`;
}

export const CHAPTERS = {
  channels: chapterPath('02-channels'),
  abandoned: chapterPath('03-abandoned-work'),
  context: chapterPath('04-context'),
  timers: chapterPath('05-timers'),
  sync: chapterPath('06-sync'),
  lifetimes: chapterPath('07-defer-and-lifetimes'),
  pipelines: chapterPath('08-pipelines-and-pools'),
  finding: chapterPath('09-finding-leaks'),
} as const;

/** `/learn/02-channels/` → `/zh-cn/learn/02-channels/` for the Chinese site; `base` is the site's base path. */
export function chapterHref(chapter: string, locale: Locale, base = '/'): string {
  const b = base.endsWith('/') ? base.slice(0, -1) : base;
  return b + localePrefix(locale) + chapter;
}

export function isLeakSuspect(c: LeakClass): boolean {
  return c === 'never-wakes' || c === 'likely-leak';
}

interface Rule {
  class: LeakClass;
  chapter: string | null;
  /** The explanation's key in src/i18n/strings/classify.ts; `{state}` in it is the wait state. */
  key: ExplanationKey;
}

const NEVER: Record<string, Rule> = {
  'chan send (nil chan)': {
    class: 'never-wakes',
    chapter: CHAPTERS.channels,
    key: 'nil-send',
  },
  'chan receive (nil chan)': {
    class: 'never-wakes',
    chapter: CHAPTERS.channels,
    key: 'nil-receive',
  },
  'select (no cases)': {
    class: 'never-wakes',
    chapter: CHAPTERS.channels,
    key: 'empty-select',
  },
};

const SUSPECT: Record<string, Rule> = {
  'chan send': {
    class: 'likely-leak',
    chapter: CHAPTERS.abandoned,
    key: 'chan-send',
  },
  'chan receive': {
    class: 'likely-leak',
    chapter: CHAPTERS.channels,
    key: 'chan-receive',
  },
  select: {
    class: 'likely-leak',
    chapter: CHAPTERS.context,
    key: 'select',
  },
  'sync.Mutex.Lock': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    key: 'mutex',
  },
  'sync.RWMutex.Lock': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    key: 'rwmutex-lock',
  },
  'sync.RWMutex.RLock': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    key: 'rwmutex-rlock',
  },
  'sync.WaitGroup.Wait': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    key: 'waitgroup',
  },
  semacquire: {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    key: 'semacquire',
  },
  'sync.Cond.Wait': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    key: 'cond',
  },
};

const CONTEXT: Record<string, Rule> = {
  'IO wait': {
    class: 'needs-context',
    chapter: CHAPTERS.lifetimes,
    key: 'io-wait',
  },
  sleep: {
    class: 'needs-context',
    chapter: CHAPTERS.timers,
    key: 'sleep',
  },
  syscall: {
    class: 'needs-context',
    chapter: CHAPTERS.finding,
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
  chapter: CHAPTERS.lifetimes,
  key: 'http-conn',
};

function explain(key: ExplanationKey, locale: Locale, state: string): string {
  return format(classifyStrings[locale][key], { state });
}

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
      chapter: (SUSPECT[state] ?? CONTEXT[state])?.chapter ?? CHAPTERS.finding,
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
            chapter: CHAPTERS.finding,
            key: 'stdlib-blocked',
          };
  } else if (CONTEXT[state]) rule = CONTEXT[state];
  else if (state === 'unknown') {
    rule = {
      class: 'needs-context',
      chapter: CHAPTERS.finding,
      key: 'unknown-state',
    };
  } else {
    rule = {
      class: 'other',
      chapter: CHAPTERS.finding,
      key: 'other-state',
    };
  }
  return {
    class: rule.class,
    explanation: { en: explain(rule.key, 'en', state), 'zh-cn': explain(rule.key, 'zh-cn', state) },
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

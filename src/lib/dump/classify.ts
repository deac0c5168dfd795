/**
 * Classification: what a group of parked goroutines most likely means, in one line per language,
 * with the chapter that teaches the fix. The verdict comes from the wait reason plus where the
 * stack enters user code: a channel wait inside net/http is the library's business, the same wait
 * in main.worker is a leak to fix.
 */
import type { Frame } from './model.ts';
import { isRuntimeFrame, userFrame } from './frames.ts';
import { CHAPTERS as CHAPTER_SLUGS } from '../content/chapters.ts';
import { localePrefix, type Locale } from '../../i18n/index.ts';

export { isRuntimeFrame, isStdlibFrame, isUserFrame, userFrame } from './frames.ts';

export type LeakClass = 'never-wakes' | 'likely-leak' | 'needs-context' | 'runtime-internal' | 'running' | 'other';

/** Most alarming first: the order the summary and the viewer list classes in. */
export const CLASS_ORDER: readonly LeakClass[] = ['never-wakes', 'likely-leak', 'needs-context', 'other', 'running', 'runtime-internal'];

export type { Locale };

export interface Text {
  en: string;
  'zh-cn': string;
}

export const CLASS_LABELS: Record<LeakClass, Text> = {
  'never-wakes': { en: 'Never wakes', 'zh-cn': '永远不会唤醒' },
  'likely-leak': { en: 'Likely leaked', 'zh-cn': '疑似泄漏' },
  'needs-context': { en: 'Needs context', 'zh-cn': '需结合上下文' },
  'runtime-internal': { en: 'Runtime internal', 'zh-cn': '运行时内部' },
  running: { en: 'Running', 'zh-cn': '运行中' },
  other: { en: 'Other', 'zh-cn': '其他' },
};

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
  en: string;
  zh: string;
}

const NEVER: Record<string, Rule> = {
  'chan send (nil chan)': {
    class: 'never-wakes',
    chapter: CHAPTERS.channels,
    en: 'Sending on a nil channel blocks forever: this goroutine can never wake. Initialise the channel before use.',
    zh: '向 nil 通道发送会永久阻塞，这个协程永远不会被唤醒。使用前请先 make 初始化通道。',
  },
  'chan receive (nil chan)': {
    class: 'never-wakes',
    chapter: CHAPTERS.channels,
    en: 'Receiving from a nil channel blocks forever: this goroutine can never wake. Initialise the channel, or never reach this receive with a nil one.',
    zh: '从 nil 通道接收会永久阻塞，这个协程永远不会被唤醒。请初始化通道，或保证这里拿到的不是 nil 通道。',
  },
  'select (no cases)': {
    class: 'never-wakes',
    chapter: CHAPTERS.channels,
    en: 'An empty `select {}` blocks forever: this goroutine can never exit.',
    zh: '空的 `select {}` 会永久阻塞，这个协程永远无法退出。',
  },
};

const SUSPECT: Record<string, Rule> = {
  'chan send': {
    class: 'likely-leak',
    chapter: CHAPTERS.abandoned,
    en: 'Blocked sending on a channel nobody receives from any more: the receiver gave up or returned early. Buffer the channel, or let the sender give up with select on ctx.Done().',
    zh: '阻塞在通道发送上，但接收方已经放弃或提前返回，再也没人接收。可以给通道加缓冲，或用 select 监听 ctx.Done() 让发送方能够退出。',
  },
  'chan receive': {
    class: 'likely-leak',
    chapter: CHAPTERS.channels,
    en: 'Blocked receiving from a channel that nobody sends on or closes. Close the channel when the producer is done, or select on ctx.Done().',
    zh: '阻塞在通道接收上，但没有人再发送，也没人关闭通道。生产者结束时关闭通道，或在 select 里监听 ctx.Done()。',
  },
  select: {
    class: 'likely-leak',
    chapter: CHAPTERS.context,
    en: 'Waiting in a select where no case will ever be ready, usually because no case listens for cancellation. Add a `case <-ctx.Done():`.',
    zh: '卡在 select 里，没有任何分支会就绪，通常是缺少取消信号。加上 `case <-ctx.Done():` 分支。',
  },
  'sync.Mutex.Lock': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    en: 'Waiting for a mutex that is never unlocked: some path returns without Unlock. Use `defer mu.Unlock()` right after Lock.',
    zh: '在等一把永远不会释放的互斥锁：某条返回路径漏掉了 Unlock。Lock 之后紧跟 `defer mu.Unlock()`。',
  },
  'sync.RWMutex.Lock': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    en: 'Waiting to write-lock an RWMutex that a reader or writer never releases. Pair every Lock/RLock with a deferred Unlock/RUnlock.',
    zh: '在等待 RWMutex 的写锁，但某个读者或写者一直没有释放。每个 Lock/RLock 都要配一个 defer 的 Unlock/RUnlock。',
  },
  'sync.RWMutex.RLock': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    en: 'Waiting to read-lock an RWMutex held by a writer that never unlocks. Pair every Lock with a deferred Unlock.',
    zh: '在等待 RWMutex 的读锁，但持有写锁的一方一直没有解锁。每个 Lock 都要配一个 defer 的 Unlock。',
  },
  'sync.WaitGroup.Wait': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    en: 'Waiting on a WaitGroup whose counter never reaches zero: an Add without its Done. Call `defer wg.Done()` first thing in each goroutine.',
    zh: '在等待一个计数永远归不了零的 WaitGroup：有 Add 却没有对应的 Done。每个协程的第一行写上 `defer wg.Done()`。',
  },
  semacquire: {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    en: 'Waiting on a semaphore (before Go 1.25, also how WaitGroup.Wait shows up) that is never released: look for a missing Done or release.',
    zh: '在等待一个永远不会释放的信号量（Go 1.25 之前 WaitGroup.Wait 也显示为这个状态）：检查是否漏了 Done 或释放操作。',
  },
  'sync.Cond.Wait': {
    class: 'likely-leak',
    chapter: CHAPTERS.sync,
    en: 'Waiting on a sync.Cond that is never signalled. Signal or Broadcast on every state change, or use a channel instead.',
    zh: '在等待一个永远收不到通知的 sync.Cond。每次状态变化都要 Signal 或 Broadcast，或者干脆改用通道。',
  },
};

const CONTEXT: Record<string, Rule> = {
  'IO wait': {
    class: 'needs-context',
    chapter: CHAPTERS.lifetimes,
    en: 'Waiting for network or file I/O. Normal for a live connection; a leak when a connection or response body is never closed (missing `resp.Body.Close()` or `conn.Close()`).',
    zh: '在等待网络或文件 I/O。连接还在用时很正常；但如果连接或响应体从没关闭（漏了 `resp.Body.Close()` 或 `conn.Close()`），就是泄漏。',
  },
  sleep: {
    class: 'needs-context',
    chapter: CHAPTERS.timers,
    en: 'Sleeping. Harmless if short; a goroutine that sleeps in a loop with no way to stop is a leak. Use a time.Ticker and select on ctx.Done().',
    zh: '正在休眠。短暂休眠没问题；但在循环里休眠又没有退出条件就是泄漏。改用 time.Ticker，并在 select 里监听 ctx.Done()。',
  },
  syscall: {
    class: 'needs-context',
    chapter: CHAPTERS.finding,
    en: 'Inside a system call (a blocking read, a signal wait, cgo). Needs context: find who owns the file descriptor and when it gets closed.',
    zh: '正在执行系统调用（阻塞读、等待信号、cgo 等）。需要结合上下文判断：弄清楚文件描述符归谁、什么时候关闭。',
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
  en: 'A goroutine the Go runtime runs for itself (garbage collector, finalizers, tracing). Not a leak; hidden by default.',
  zh: 'Go 运行时自己的协程（垃圾回收、finalizer、trace 等），不是泄漏，默认隐藏。',
};

const RUNNING_RULE: Rule = {
  class: 'running',
  chapter: null,
  en: 'Running or ready to run when the dump was taken, such as the goroutine that printed it.',
  zh: '抓取转储时正在运行或等待调度，比如打印这份转储的协程本身。',
};

const HTTP_CONN_RULE: Rule = {
  class: 'needs-context',
  chapter: CHAPTERS.lifetimes,
  en: "An HTTP client connection's read or write loop. Many of them usually mean response bodies that were never closed: `defer resp.Body.Close()`.",
  zh: 'HTTP 客户端连接的读/写循环。数量很多通常说明响应体没有关闭：记得 `defer resp.Body.Close()`。',
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
      chapter: (SUSPECT[state] ?? CONTEXT[state])?.chapter ?? CHAPTERS.finding,
      en: 'The Go runtime proved this goroutine can never wake ({state}): nothing that could unblock it is reachable any more. Fix the code that abandoned it.',
      zh: 'Go 运行时已经证明这个协程永远不会被唤醒（{state}）：能解除它阻塞的对象都已不可达。请修复把它丢下不管的那段代码。',
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
            en: 'Blocked ({state}) inside the standard library with no frame from your code: usually a goroutine a library owns. It leaks only if its owner (a Server, a response body, a Ticker) is never closed.',
            zh: '阻塞在标准库内部（{state}），调用栈里没有你的代码：通常是某个库自己管理的协程。只有当它的所有者（Server、响应体、Ticker 等）一直没关闭时才算泄漏。',
          };
  } else if (CONTEXT[state]) rule = CONTEXT[state];
  else if (state === 'unknown') {
    rule = {
      class: 'needs-context',
      chapter: CHAPTERS.finding,
      en: 'This profile does not record why the goroutine is parked (pprof debug=1 hides the runtime frames). Take a debug=2 dump to see its state.',
      zh: '这种 profile 不记录协程为什么挂起（pprof debug=1 隐藏了运行时栈帧）。请用 debug=2 重新抓取，才能看到它的状态。',
    };
  } else {
    rule = {
      class: 'other',
      chapter: CHAPTERS.finding,
      en: 'State "{state}" is not a leak pattern by itself. Read the stack and its creator to judge.',
      zh: '状态“{state}”本身不代表泄漏，请结合调用栈和创建者判断。',
    };
  }
  return {
    class: rule.class,
    explanation: { en: rule.en.replace('{state}', state), 'zh-cn': rule.zh.replace('{state}', state) },
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

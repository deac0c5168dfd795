/**
 * What the dump classifier's verdicts say: each class's label and each explanation, keyed by the
 * rule that chose it (src/lib/dump/classify.ts returns the keys). `{state}` is the goroutine's wait
 * state. Also the words of the Markdown export (src/lib/dump/export.ts).
 */
import { defineStrings, format, type Locale } from '../index.ts';

export const classifyStrings = defineStrings({
  en: {
    'nil-send': 'Sending on a nil channel blocks forever: this goroutine can never wake. Initialise the channel before use.',
    'nil-receive':
      'Receiving from a nil channel blocks forever: this goroutine can never wake. Initialise the channel, or never reach this receive with a nil one.',
    'empty-select': 'An empty `select {}` blocks forever: this goroutine can never exit.',
    'chan-send':
      'Blocked sending on a channel nobody receives from any more: the receiver gave up or returned early. Buffer the channel, or let the sender give up with select on ctx.Done().',
    'chan-receive':
      'Blocked receiving from a channel that nobody sends on or closes. Close the channel when the producer is done, or select on ctx.Done().',
    select:
      'Waiting in a select where no case will ever be ready, usually because no case listens for cancellation. Add a `case <-ctx.Done():`.',
    mutex: 'Waiting for a mutex that is never unlocked: some path returns without Unlock. Use `defer mu.Unlock()` right after Lock.',
    'rwmutex-lock':
      'Waiting to write-lock an RWMutex that a reader or writer never releases. Pair every Lock/RLock with a deferred Unlock/RUnlock.',
    'rwmutex-rlock': 'Waiting to read-lock an RWMutex held by a writer that never unlocks. Pair every Lock with a deferred Unlock.',
    waitgroup:
      'Waiting on a WaitGroup whose counter never reaches zero: an Add without its Done. Call `defer wg.Done()` first thing in each goroutine.',
    semacquire:
      'Waiting on a semaphore (before Go 1.25, also how WaitGroup.Wait shows up) that is never released: look for a missing Done or release.',
    cond: 'Waiting on a sync.Cond that is never signalled. Signal or Broadcast on every state change, or use a channel instead.',
    'io-wait':
      'Waiting for network or file I/O. Normal for a live connection; a leak when a connection or response body is never closed (missing `resp.Body.Close()` or `conn.Close()`).',
    sleep:
      'Sleeping. Harmless if short; a goroutine that sleeps in a loop with no way to stop is a leak. Use a time.Ticker and select on ctx.Done().',
    syscall:
      'Inside a system call (a blocking read, a signal wait, cgo). Needs context: find who owns the file descriptor and when it gets closed.',
    runtime: 'A goroutine the Go runtime runs for itself (garbage collector, finalizers, tracing). Not a leak; hidden by default.',
    running: 'Running or ready to run when the dump was taken, such as the goroutine that printed it.',
    'http-conn':
      "An HTTP client connection's read or write loop. Many of them usually mean response bodies that were never closed: `defer resp.Body.Close()`.",
    'proven-leak':
      'The Go runtime proved this goroutine can never wake ({state}): nothing that could unblock it is reachable any more. Fix the code that abandoned it.',
    'stdlib-blocked':
      'Blocked ({state}) inside the standard library with no frame from your code: usually a goroutine a library owns. It leaks only if its owner (a Server, a response body, a Ticker) is never closed.',
    'unknown-state':
      'This profile does not record why the goroutine is parked (pprof debug=1 hides the runtime frames). Take a debug=2 dump to see its state.',
    'other-state': 'State "{state}" is not a leak pattern by itself. Read the stack and its creator to judge.',
  },
  'zh-cn': {
    'nil-send': '向 nil 通道发送会永久阻塞，这个协程永远不会被唤醒。使用前请先 make 初始化通道。',
    'nil-receive': '从 nil 通道接收会永久阻塞，这个协程永远不会被唤醒。请初始化通道，或保证这里拿到的不是 nil 通道。',
    'empty-select': '空的 `select {}` 会永久阻塞，这个协程永远无法退出。',
    'chan-send':
      '阻塞在通道发送上，但接收方已经放弃或提前返回，再也没人接收。可以给通道加缓冲，或用 select 监听 ctx.Done() 让发送方能够退出。',
    'chan-receive': '阻塞在通道接收上，但没有人再发送，也没人关闭通道。生产者结束时关闭通道，或在 select 里监听 ctx.Done()。',
    select: '卡在 select 里，没有任何分支会就绪，通常是缺少取消信号。加上 `case <-ctx.Done():` 分支。',
    mutex: '在等一把永远不会释放的互斥锁：某条返回路径漏掉了 Unlock。Lock 之后紧跟 `defer mu.Unlock()`。',
    'rwmutex-lock': '在等待 RWMutex 的写锁，但某个读者或写者一直没有释放。每个 Lock/RLock 都要配一个 defer 的 Unlock/RUnlock。',
    'rwmutex-rlock': '在等待 RWMutex 的读锁，但持有写锁的一方一直没有解锁。每个 Lock 都要配一个 defer 的 Unlock。',
    waitgroup: '在等待一个计数永远归不了零的 WaitGroup：有 Add 却没有对应的 Done。每个协程的第一行写上 `defer wg.Done()`。',
    semacquire: '在等待一个永远不会释放的信号量（Go 1.25 之前 WaitGroup.Wait 也显示为这个状态）：检查是否漏了 Done 或释放操作。',
    cond: '在等待一个永远收不到通知的 sync.Cond。每次状态变化都要 Signal 或 Broadcast，或者干脆改用通道。',
    'io-wait':
      '在等待网络或文件 I/O。连接还在用时很正常；但如果连接或响应体从没关闭（漏了 `resp.Body.Close()` 或 `conn.Close()`），就是泄漏。',
    sleep: '正在休眠。短暂休眠没问题；但在循环里休眠又没有退出条件就是泄漏。改用 time.Ticker，并在 select 里监听 ctx.Done()。',
    syscall: '正在执行系统调用（阻塞读、等待信号、cgo 等）。需要结合上下文判断：弄清楚文件描述符归谁、什么时候关闭。',
    runtime: 'Go 运行时自己的协程（垃圾回收、finalizer、trace 等），不是泄漏，默认隐藏。',
    running: '抓取转储时正在运行或等待调度，比如打印这份转储的协程本身。',
    'http-conn': 'HTTP 客户端连接的读/写循环。数量很多通常说明响应体没有关闭：记得 `defer resp.Body.Close()`。',
    'proven-leak': 'Go 运行时已经证明这个协程永远不会被唤醒（{state}）：能解除它阻塞的对象都已不可达。请修复把它丢下不管的那段代码。',
    'stdlib-blocked':
      '阻塞在标准库内部（{state}），调用栈里没有你的代码：通常是某个库自己管理的协程。只有当它的所有者（Server、响应体、Ticker 等）一直没关闭时才算泄漏。',
    'unknown-state': '这种 profile 不记录协程为什么挂起（pprof debug=1 隐藏了运行时栈帧）。请用 debug=2 重新抓取，才能看到它的状态。',
    'other-state': '状态“{state}”本身不代表泄漏，请结合调用栈和创建者判断。',
  },
});

/** Keys of the explanations (class labels are in leaks.ts). */
export type ExplanationKey = keyof typeof classifyStrings.en;

/** An explanation the classifier chose, in words. */
export function explanationText(e: { key: ExplanationKey; params: Record<string, string | number> }, locale: Locale): string {
  return format(classifyStrings[locale][e.key], e.params);
}

/** The Markdown summary's words (src/lib/dump/export.ts). */
export const dumpMarkdownStrings = defineStrings({
  en: {
    title: 'Goroutine dump summary',
    total: 'goroutines',
    groups: 'groups',
    suspects: 'proven or blocked',
    state: 'State',
    count: 'Count',
    createdBy: 'created by',
    wait: 'waiting',
    minutes: 'min',
    warnings: 'Warnings',
    hidden: 'runtime-internal group(s) not shown',
    proven: 'proven leaks',
    labels: 'labels',
    bubble: 'synctest bubble',
  },
  'zh-cn': {
    title: '协程转储摘要',
    total: '个协程',
    groups: '个分组',
    suspects: '个确认泄漏或阻塞',
    state: '状态',
    count: '数量',
    createdBy: '创建者',
    wait: '已等待',
    minutes: '分钟',
    warnings: '警告',
    hidden: '个运行时内部分组未显示',
    proven: '个确认泄漏',
    labels: '标签',
    bubble: 'synctest 气泡',
  },
});

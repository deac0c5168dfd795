/**
 * The words for leaks, shared by the run verdict, the dump inspector/viewer and the `leaklab` CLI,
 * so one class reads the same everywhere. Two ideas only: a *proven leak* (the runtime's
 * goroutineleak profile, or a wait that can never end such as a nil channel) and a goroutine
 * merely *blocked* (it may or may not be a leak). Read through `leakText`.
 */
import { defineStrings, format, type Locale } from '../index.ts';

export const leakStrings = defineStrings({
  en: {
    'class-never-wakes': 'proven leak',
    'class-likely-leak': 'blocked',
    'class-needs-context': 'needs context',
    'class-runtime-internal': 'runtime internal',
    'class-running': 'running',
    'class-other': 'other',
    proven: '{count} proven leaks',
    provenOne: '1 proven leak',
    blockedAtExit: '{count} blocked at exit',
    blockedAtExitOne: '1 blocked at exit',
    blocked: '{count} blocked',
    blockedOne: '1 blocked',
    noneLeft: 'No goroutines leaked',
    // The CLI's text (cli/dump.ts, cli/run.ts).
    summaryHead: '{name}: {format}, {total} goroutines in {groups} groups',
    states: 'States',
    sep: ', ',
    suspects: 'Proven leaks and blocked: {count} goroutines in {groups} groups',
    provenByRuntime: 'Proven leaked by the runtime: {count} goroutines (goroutineleak profile)',
    waiting: 'waiting {min}–{max} min',
    lockedToThread: 'locked to thread',
    bubble: 'synctest bubble {id}',
    labels: 'labels',
    moreFrames: '… {n} more frames',
    createdBy: 'created by',
    ids: 'ids',
    notListed: '({n} more group(s) not listed; --limit 0 lists all)',
    hiddenRuntime: '({n} runtime-internal group(s) hidden; --all shows them)',
    goroutines: 'goroutines',
    grew: 'Grew:',
    appeared: 'Appeared:',
    shrank: 'Shrank:',
    disappeared: 'Disappeared:',
    noChange: 'No group changed.',
    persistent: 'Persistent: {n} goroutine(s) parked at the same stack in both dumps (ids {ids}): the strongest leak signal.',
    noPersistent: 'No goroutine is parked at the same stack in both dumps.',
    cannotProve: 'this Go has no goroutineleak profile to prove them',
  },
  'zh-cn': {
    'class-never-wakes': '确认泄漏',
    'class-likely-leak': '阻塞',
    'class-needs-context': '需结合上下文',
    'class-runtime-internal': '运行时内部',
    'class-running': '运行中',
    'class-other': '其他',
    proven: '{count} 个确认泄漏',
    provenOne: '1 个确认泄漏',
    blockedAtExit: '退出时 {count} 个阻塞',
    blockedAtExitOne: '退出时 1 个阻塞',
    blocked: '{count} 个阻塞',
    blockedOne: '1 个阻塞',
    noneLeft: '没有泄漏的协程',
    summaryHead: '{name}: {format}，共 {total} 个协程，{groups} 个分组',
    states: '状态',
    sep: '，',
    suspects: '确认泄漏与阻塞: {count} 个协程，{groups} 个分组',
    provenByRuntime: '运行时确认泄漏: {count} 个协程（goroutineleak profile）',
    waiting: '已等待 {min}–{max} 分钟',
    lockedToThread: '锁定到线程',
    bubble: 'synctest 气泡 {id}',
    labels: '标签',
    moreFrames: '…另有 {n} 帧',
    createdBy: '创建者',
    ids: '协程 ID',
    notListed: '（另有 {n} 个分组未列出，--limit 0 列出全部）',
    hiddenRuntime: '（{n} 个运行时内部分组未显示，加 --all 查看）',
    goroutines: '个协程',
    grew: '增长:',
    appeared: '新出现:',
    shrank: '减少:',
    disappeared: '已消失:',
    noChange: '分组没有变化。',
    persistent: '持续存在: {n} 个协程在两次转储中停在同一调用栈（ID {ids}），这是最强的泄漏信号。',
    noPersistent: '没有协程在两次转储中停在同一调用栈。',
    cannotProve: '这个 Go 版本没有 goroutineleak profile，无法证明',
  },
});

export type LeakKey = keyof typeof leakStrings.en;

/** The classes that have a label: src/lib/dump/classify.ts checks its LeakClass against this. */
export type ClassKey = LeakKey extends infer K ? (K extends `class-${infer C}` ? C : never) : never;

/** A locale's table, or a strings table that includes it (the viewer's, sent to the browser as JSON). */
export type LeakWords = Record<LeakKey, string>;

/** The one way to put a leak word on screen or in a terminal. */
export function leakText(words: Locale | LeakWords, key: LeakKey, params: Record<string, string | number> = {}): string {
  return format((typeof words === 'string' ? leakStrings[words] : words)[key], params);
}

/** A class's short label (`leakText` of `class-<c>`), e.g. 'proven leak'. */
export function classLabel(c: ClassKey, locale: Locale): string {
  return leakText(locale, `class-${c}`);
}

/** `n` proven leaks / blocked goroutines, singular when one. */
export function countText(locale: Locale, kind: 'proven' | 'blocked' | 'blockedAtExit', count: number): string {
  return count === 1 ? leakText(locale, `${kind}One`) : leakText(locale, kind, { count });
}

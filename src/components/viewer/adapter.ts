/**
 * The one place where the viewer meets the dump library: turns a parsed Dump into the view types
 * the UI renders (groups with classes and explanations, the creator tree, the diff). Runs in the
 * parse worker only, so the library's code never weighs on the page's main bundle.
 */
import type { Dump, Frame, Goroutine } from '../../lib/dump/model.ts';
import type { Locale } from '../../i18n/index.ts';
import { localePrefix } from '../../i18n/index.ts';
import type { DiffResult, DiffRow, DumpResult, GroupClass, TreeNode, ViewFrame, ViewGroup } from './types.ts';
import { frameKind, headlineFrame } from './view-model.ts';

/** Groups with the goroutine IDs kept, for the tree and the diff. */
export interface Analysed {
  dump: Dump;
  groups: ViewGroup[];
  /** Goroutine ID → key of its group. */
  groupOf: Map<number, string>;
}

function viewFrame(f: Frame): ViewFrame {
  const v: ViewFrame = { func: f.func, file: f.file, line: f.line, kind: frameKind(f.func) };
  if (f.inlined) v.inlined = true;
  return v;
}

/** Stack identity: function, file and line of every frame; IDs, args, offsets and waits ignored. */
function signature(g: Goroutine): string {
  let s = '';
  for (const f of g.frames) s += f.func + '\t' + f.file + ':' + f.line + '\n';
  if (g.elided !== 0) s += '…\n';
  return s;
}

const NEVER_WAKES = new Set(['chan send (nil chan)', 'chan receive (nil chan)', 'select (no cases)']);
const BLOCKING = new Set([
  'chan send',
  'chan receive',
  'select',
  'semacquire',
  'sync.Mutex.Lock',
  'sync.RWMutex.Lock',
  'sync.RWMutex.RLock',
  'sync.WaitGroup.Wait',
  'sync.Cond.Wait',
]);

export function classify(state: string, frames: readonly ViewFrame[]): GroupClass {
  if (NEVER_WAKES.has(state)) return 'never-wakes';
  if (frames.length > 0 && frames.every((f) => f.kind === 'runtime')) return 'runtime';
  if (/^(GC |finalizer wait|force gc|trace reader|timer goroutine|wait for GC cycle)/.test(state)) return 'runtime';
  if (state === 'running' || state === 'runnable') return 'running';
  const user = frames.some((f) => f.kind === 'user');
  if (BLOCKING.has(state) && user) return 'likely-leak';
  return 'needs-context';
}

const EXPLAIN: Record<GroupClass, { en: string; 'zh-cn': string; chapter: string | null }> = {
  'never-wakes': {
    en: 'Blocked on a nil channel or an empty select: nothing can ever wake this goroutine.',
    'zh-cn': '阻塞在 nil 通道或空 select 上：没有任何操作能唤醒这个协程。',
    chapter: '/learn/02-channels/',
  },
  'likely-leak': {
    en: 'Parked on a channel, select or lock in your code: if nothing will ever send, receive or unlock, it has leaked.',
    'zh-cn': '在你的代码里阻塞于通道、select 或锁：如果再也没有人发送、接收或解锁，它就泄漏了。',
    chapter: '/learn/03-abandoned-work/',
  },
  'needs-context': {
    en: 'Waiting on I/O, a timer or a system call: normal for servers, a leak if nobody will ever stop it.',
    'zh-cn': '在等待 I/O、定时器或系统调用：服务器里很常见，但如果没有人会让它结束，就是泄漏。',
    chapter: '/learn/09-finding-leaks/',
  },
  running: {
    en: 'Running when the dump was taken, usually the goroutine that wrote the dump.',
    'zh-cn': '抓取堆栈时正在运行，通常就是写出这份堆栈的那个协程。',
    chapter: null,
  },
  runtime: {
    en: 'A goroutine of the Go runtime itself (GC, finalizers, timers): not yours, hidden by default.',
    'zh-cn': 'Go 运行时自己的协程（GC、finalizer、定时器）：不是你的代码，默认隐藏。',
    chapter: null,
  },
};

export function analyse(dump: Dump, locale: Locale): Analysed {
  interface Acc {
    key: string;
    rep: Goroutine;
    count: number;
    states: Map<string, number>;
    waitMin: number | null;
    waitMax: number | null;
    ids: number[];
    parentIds: Set<number>;
    labels: Set<string>;
  }
  const byKey = new Map<string, Acc>();
  const groupOf = new Map<number, string>();
  for (const g of dump.goroutines) {
    const key = signature(g);
    let a = byKey.get(key);
    if (a === undefined) {
      a = { key, rep: g, count: 0, states: new Map(), waitMin: null, waitMax: null, ids: [], parentIds: new Set(), labels: new Set() };
      byKey.set(key, a);
    }
    a.count += g.count;
    a.states.set(g.state, (a.states.get(g.state) ?? 0) + g.count);
    if (g.waitMinutes !== null) {
      a.waitMin = a.waitMin === null ? g.waitMinutes : Math.min(a.waitMin, g.waitMinutes);
      a.waitMax = a.waitMax === null ? g.waitMinutes : Math.max(a.waitMax, g.waitMinutes);
    }
    // debug=1 and proto records carry no goroutine IDs.
    if (dump.format === 'traceback') {
      a.ids.push(g.id);
      groupOf.set(g.id, key);
    }
    if (g.parentId !== null) a.parentIds.add(g.parentId);
    if (g.labels) for (const [k, v] of Object.entries(g.labels)) a.labels.add(`${k}=${v}`);
  }
  const prefix = localePrefix(locale);
  const groups: ViewGroup[] = [];
  for (const a of byKey.values()) {
    let state = '';
    let best = -1;
    for (const [s, n] of a.states) if (n > best) [state, best] = [s, n];
    const frames = a.rep.frames.map(viewFrame);
    const cls = classify(state, frames);
    const ex = EXPLAIN[cls];
    groups.push({
      key: a.key,
      count: a.count,
      state,
      states: Object.fromEntries(a.states),
      waitMin: a.waitMin,
      waitMax: a.waitMax,
      frames,
      createdBy: a.rep.createdBy ? viewFrame(a.rep.createdBy) : null,
      ids: a.ids,
      parentIds: [...a.parentIds].sort((x, y) => x - y),
      cls,
      explanation: ex[locale],
      chapter: ex.chapter === null ? null : prefix + ex.chapter,
      labels: [...a.labels],
      elided: a.rep.elided !== 0,
    });
  }
  groups.sort((x, y) => y.count - x.count);
  return { dump, groups, groupOf };
}

/**
 * Creator tree over groups: a group hangs under the group of the goroutine that created it
 * (`created by ... in goroutine N`). Creators that exited get one synthetic node per creating
 * function, so "who started these" still has an answer.
 */
export function creatorTree(a: Analysed): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const g of a.groups) {
    const top = headlineFrame(g.frames);
    nodes.set(g.key, {
      key: g.key,
      groupKey: g.key,
      func: top?.func ?? '?',
      file: top?.file ?? '',
      line: top?.line ?? 0,
      state: g.state,
      cls: g.cls,
      count: g.count,
      total: 0,
      children: [],
    });
  }
  const roots: TreeNode[] = [];
  const attached = new Set<TreeNode>();
  for (const g of a.groups) {
    const node = nodes.get(g.key)!;
    // A group's goroutines can have several creators; the first one present decides its place.
    let parent: TreeNode | undefined;
    for (const pid of g.parentIds) {
      const pk = a.groupOf.get(pid);
      if (pk !== undefined && pk !== g.key) {
        parent = nodes.get(pk);
        break;
      }
    }
    if (parent === undefined && g.createdBy && g.parentIds.length > 0) {
      const ck = `creator:${g.createdBy.func}`;
      let c = nodes.get(ck);
      if (c === undefined) {
        c = { key: ck, groupKey: null, func: g.createdBy.func, file: g.createdBy.file, line: g.createdBy.line, state: '', cls: null, count: 0, total: 0, children: [] };
        nodes.set(ck, c);
        roots.push(c);
      }
      parent = c;
    }
    if (parent) {
      parent.children.push(node);
      attached.add(node);
    }
  }
  for (const g of a.groups) {
    const node = nodes.get(g.key)!;
    if (!attached.has(node)) roots.push(node);
  }
  // Cycles are impossible in one dump (a parent's group differs), but guard the walk anyway.
  const seen = new Set<TreeNode>();
  const sum = (n: TreeNode): number => {
    if (seen.has(n)) return 0;
    seen.add(n);
    n.total = n.count + n.children.reduce((s, c) => s + sum(c), 0);
    n.children.sort((x, y) => y.total - x.total);
    return n.total;
  };
  roots.forEach(sum);
  return roots.filter((r) => seen.has(r)).sort((x, y) => y.total - x.total);
}

export function diffAnalysed(before: Analysed, after: Analysed): DiffResult {
  const b = new Map(before.groups.map((g) => [g.key, g]));
  const a = new Map(after.groups.map((g) => [g.key, g]));
  const rows: DiffRow[] = [];
  let persistentTotal = 0;
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const gb = b.get(key);
    const ga = a.get(key);
    const g = (ga ?? gb)!;
    const nb = gb?.count ?? 0;
    const na = ga?.count ?? 0;
    const beforeIds = new Set(gb?.ids ?? []);
    const persistentIds = (ga?.ids ?? []).filter((id) => beforeIds.has(id));
    persistentTotal += persistentIds.length;
    rows.push({
      key,
      change: nb === 0 ? 'appeared' : na === 0 ? 'disappeared' : na > nb ? 'grown' : na < nb ? 'shrunk' : 'unchanged',
      before: nb,
      after: na,
      state: g.state,
      cls: g.cls,
      top: headlineFrame(g.frames),
      frames: g.frames,
      persistentIds,
    });
  }
  const rank = { appeared: 1, grown: 2, disappeared: 3, shrunk: 4, unchanged: 5 };
  rows.sort(
    (x, y) =>
      Number(y.persistentIds.length > 0) - Number(x.persistentIds.length > 0) ||
      rank[x.change] - rank[y.change] ||
      Math.abs(y.after - y.before) - Math.abs(x.after - x.before) ||
      y.after - x.after,
  );
  return { beforeTotal: before.dump.total, afterTotal: after.dump.total, persistentTotal, rows };
}

export function toResult(a: Analysed, ms: number, bytes: number): DumpResult {
  return {
    format: a.dump.format,
    total: a.dump.total,
    warnings: a.dump.warnings.map((w) => (w.line ? `line ${w.line}: ${w.message}` : w.message)),
    groups: a.groups,
    tree: creatorTree(a),
    ms,
    bytes,
  };
}

function loc(f: ViewFrame): string {
  return f.file ? `${f.file}:${f.line}` : '?';
}

/** Grouped summary as Markdown, to paste into an issue. */
export function toMarkdown(a: Analysed): string {
  const lines = [`## Goroutine dump: ${a.dump.total} goroutines in ${a.groups.length} groups`, ''];
  for (const g of a.groups) {
    const wait = g.waitMax === null ? '' : g.waitMin === g.waitMax ? `, ${g.waitMin} minutes` : `, ${g.waitMin}–${g.waitMax} minutes`;
    lines.push(`### ${g.count} × ${g.state}${wait} (${g.cls})`, '', '```');
    for (const f of g.frames) lines.push(f.func, `\t${loc(f)}`);
    if (g.createdBy) lines.push(`created by ${g.createdBy.func}`, `\t${loc(g.createdBy)}`);
    lines.push('```', '');
  }
  return lines.join('\n');
}

export function toJson(a: Analysed): string {
  return JSON.stringify(
    {
      format: a.dump.format,
      total: a.dump.total,
      warnings: a.dump.warnings.map((w) => w.message),
      groups: a.groups.map((g) => ({
        count: g.count,
        state: g.state,
        waitMinutes: g.waitMax === null ? null : { min: g.waitMin, max: g.waitMax },
        frames: g.frames.map((f) => ({ func: f.func, file: f.file, line: f.line })),
        createdBy: g.createdBy ? { func: g.createdBy.func, file: g.createdBy.file, line: g.createdBy.line } : null,
        ids: g.ids,
        class: g.cls,
      })),
    },
    null,
    2,
  );
}

/**
 * The one place where the viewer meets the dump library: turns a parsed Dump into the view types
 * the UI renders (groups with classes and explanations, the creator tree, the diff). Runs in the
 * parse worker only, so the library's code never weighs on the page's main bundle.
 */
import type { Dump, Frame } from '../../lib/dump/model.ts';
import {
  classify,
  diffDumps,
  groupGoroutines,
  frameKind,
  headlineFrame,
  toJsonSummary,
  toMarkdown as libMarkdown,
  type Group,
} from '../../lib/dump/index.ts';
import { lessonPath, type Locale } from '../../i18n/index.ts';
import { explanationText } from '../../i18n/strings/classify.ts';
import type { DiffResult, DiffRow, DumpResult, TreeNode, ViewFrame, ViewGroup } from './types.ts';

/** The parsed dump with its library groups and their view form, kept in the worker. */
export interface Analysed {
  dump: Dump;
  lib: Group[];
  groups: ViewGroup[];
  /** Goroutine ID → key of its group. */
  groupOf: Map<number, string>;
  locale: Locale;
}

function viewFrame(f: Frame): ViewFrame {
  const v: ViewFrame = { func: f.func, file: f.file, line: f.line, kind: frameKind(f) };
  if (f.inlined) v.inlined = true;
  return v;
}

function viewGroup(g: Group, locale: Locale): ViewGroup {
  const c = classify(g);
  const parents = new Set<number>();
  for (const x of g.goroutines) if (x.parentId !== null) parents.add(x.parentId);
  const labels = Object.keys(g.labels)
    .sort()
    .map((k) => `${k}=${g.labels[k]}`);
  return {
    key: g.key,
    count: g.count,
    state: g.state,
    states: g.states,
    waitMin: g.waitMinutes?.min ?? null,
    waitMax: g.waitMinutes?.max ?? null,
    frames: g.frames.map(viewFrame),
    createdBy: g.createdBy ? viewFrame(g.createdBy) : null,
    ids: g.ids,
    parentIds: [...parents].sort((a, b) => a - b),
    cls: c.class,
    explanation: explanationText(c.explanation, locale),
    chapter: c.chapter === null ? null : lessonPath(c.chapter, locale),
    labels,
    leaked: g.leaked,
    bubble: g.bubble ?? null,
    elided: g.elided,
  };
}

export function analyse(dump: Dump, locale: Locale): Analysed {
  const lib = groupGoroutines(dump);
  const groupOf = new Map<number, string>();
  for (const g of lib) for (const id of g.ids) groupOf.set(id, g.key);
  const groups = lib.map((g) => viewGroup(g, locale));
  groups.sort((x, y) => y.count - x.count);
  return { dump, lib, groups, groupOf, locale };
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
        c = {
          key: ck,
          groupKey: null,
          func: g.createdBy.func,
          file: g.createdBy.file,
          line: g.createdBy.line,
          state: '',
          cls: null,
          count: 0,
          total: 0,
          children: [],
        };
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
  const d = diffDumps(before.dump, after.dump);
  const persistent = new Map<string, number[]>();
  for (const p of d.persistent) {
    const ids = persistent.get(p.key);
    if (ids) ids.push(p.id);
    else persistent.set(p.key, [p.id]);
  }
  const rows: DiffRow[] = [];
  const add = (change: DiffRow['change'], list: typeof d.appeared) => {
    for (const c of list) {
      const frames = c.frames.map(viewFrame);
      rows.push({
        key: c.key,
        change,
        before: c.before,
        after: c.after,
        state: c.state,
        cls: classify(c.group).class,
        top: headlineFrame(frames),
        frames,
        persistentIds: persistent.get(c.key) ?? [],
      });
    }
  };
  add('appeared', d.appeared);
  add('grown', d.grew);
  add('disappeared', d.disappeared);
  add('shrunk', d.shrank);
  add('unchanged', d.unchanged);
  // Stable sort: persistent goroutines first, the library's order (by change, then size) after.
  rows.sort((x, y) => Number(y.persistentIds.length > 0) - Number(x.persistentIds.length > 0));
  return { beforeTotal: d.totalBefore, afterTotal: d.totalAfter, persistentTotal: d.persistent.length, rows };
}

export function toResult(a: Analysed, ms: number, parseMs: number, bytes: number): DumpResult {
  return {
    format: a.dump.format,
    total: a.dump.total,
    leaked: a.dump.leaked ?? null,
    warnings: a.dump.warnings.map((w) => (w.line ? `line ${w.line}: ${w.message}` : w.message)),
    groups: a.groups,
    tree: creatorTree(a),
    ms,
    parseMs,
    bytes,
  };
}

/** Grouped summary as Markdown, to paste into an issue. */
export function toMarkdown(a: Analysed): string {
  return libMarkdown(a.dump, { locale: a.locale });
}

/** The same JSON `leaklab dump --json` prints. */
export function toJson(a: Analysed): string {
  return JSON.stringify(toJsonSummary(a.dump, a.lib), null, 2);
}

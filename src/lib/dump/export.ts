/**
 * Exports of the grouped summary: JSON in the exact shape `leaklab dump --json` prints (the viewer
 * offers the same download), and Markdown to paste into an issue.
 */
import type { Dump, Frame } from './model.ts';
import { groupGoroutines, type Group } from './group.ts';
import type { DumpDiff, GroupChange } from './diff.ts';
import { classify } from './classify.ts';
import { classRank, isLeakSuspect, type LeakClass } from './classes.ts';
import type { Locale } from '../../i18n/index.ts';
import { dumpMarkdownStrings, explanationText } from '../../i18n/strings/classify.ts';
import { classLabel } from '../../i18n/strings/leaks.ts';

export interface JsonFrame {
  func: string;
  file: string;
  line: number;
}

export interface JsonGroup {
  count: number;
  state: string;
  waitMinutes: { min: number; max: number } | null;
  frames: JsonFrame[];
  createdBy: JsonFrame | null;
  ids: number[];
  class: LeakClass;
  /** pprof labels; {} when none. */
  labels: Record<string, string>;
  /** The runtime's goroutineleak profile proved these goroutines leaked. */
  leaked: boolean;
  /** Go 1.25+ synctest bubble id, when in one. */
  bubble?: number;
}

export interface JsonSummary {
  format: Dump['format'];
  total: number;
  /** Goroutines the runtime proved leaked (goroutineleak profile), null when the dump cannot say. */
  leaked: number | null;
  warnings: string[];
  groups: JsonGroup[];
}

function jf(f: Frame): JsonFrame {
  return { func: f.func, file: f.file, line: f.line };
}

/** Groups sorted by count, descending, as `leaklab dump --json` prints them. */
export function toJsonSummary(dump: Dump, groups: Group[] = groupGoroutines(dump)): JsonSummary {
  return {
    format: dump.format,
    total: dump.total,
    leaked: dump.leaked ?? null,
    warnings: dump.warnings.map((w) => (w.line !== undefined ? `line ${w.line}: ${w.message}` : w.message)),
    groups: groups.map(jsonGroup),
  };
}

export interface JsonChange extends JsonGroup {
  before: number;
  after: number;
}

export interface JsonDiff {
  before: { format: Dump['format']; total: number };
  after: { format: Dump['format']; total: number };
  appeared: JsonChange[];
  disappeared: JsonChange[];
  grew: JsonChange[];
  shrank: JsonChange[];
  /** Goroutine ids parked at the same stack in both dumps. */
  persistent: { id: number; state: string; waitMinutes: number | null }[];
}

function jsonGroup(g: Group): JsonGroup {
  return {
    count: g.count,
    state: g.state,
    waitMinutes: g.waitMinutes === null ? null : { min: g.waitMinutes.min, max: g.waitMinutes.max },
    frames: g.frames.map(jf),
    createdBy: g.createdBy === null ? null : jf(g.createdBy),
    ids: g.ids.slice(),
    class: classify(g).class,
    labels: { ...g.labels },
    leaked: g.leaked,
    ...(g.bubble !== undefined ? { bubble: g.bubble } : {}),
  };
}

/** `leaklab dump BEFORE --diff AFTER --json`: the diff with each side's group in the summary shape. */
export function toJsonDiff(before: Dump, after: Dump, d: DumpDiff): JsonDiff {
  const ch = (c: GroupChange): JsonChange => ({ ...jsonGroup(c.group), before: c.before, after: c.after });
  return {
    before: { format: before.format, total: before.total },
    after: { format: after.format, total: after.total },
    appeared: d.appeared.map(ch),
    disappeared: d.disappeared.map(ch),
    grew: d.grew.map(ch),
    shrank: d.shrank.map(ch),
    persistent: d.persistent.map((p) => ({ id: p.id, state: p.state, waitMinutes: p.waitMinutes })),
  };
}

/** state → goroutine count, most common first. */
export function stateCounts(dump: Dump): [string, number][] {
  const m = new Map<string, number>();
  for (const g of dump.goroutines) m.set(g.state, (m.get(g.state) ?? 0) + g.count);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Groups ordered for reading: leak suspects first (by class), then by count. */
export function orderForReading(groups: readonly Group[]): { group: Group; class: LeakClass }[] {
  return groups
    .map((group) => ({ group, class: classify(group).class }))
    .sort((a, b) => classRank(a.class) - classRank(b.class) || b.group.count - a.group.count);
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** `k=v` pairs in one code span; label text is untrusted, so backticks and newlines cannot end it. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(', ');
}

function mdCode(s: string): string {
  return '`' + s.replace(/[`\r\n]/g, ' ') + '`';
}

/** A Markdown summary for an issue: counts per state, then each group with its stack in a code block. */
export function toMarkdown(
  dump: Dump,
  opts: { locale?: Locale; maxGroups?: number; maxFrames?: number; includeRuntime?: boolean } = {},
): string {
  const locale = opts.locale ?? 'en';
  const t = dumpMarkdownStrings[locale];
  const groups = groupGoroutines(dump);
  const ordered = orderForReading(groups);
  const shown = opts.includeRuntime ? ordered : ordered.filter((x) => x.class !== 'runtime-internal');
  const hidden = ordered.length - shown.length;
  const suspects = ordered.filter((x) => isLeakSuspect(x.class)).reduce((n, x) => n + x.group.count, 0);
  const out: string[] = [];
  out.push(`### ${t.title}`, '');
  let line = `${dump.total} ${t.total} · ${groups.length} ${t.groups} · ${suspects} ${t.suspects}`;
  if (dump.leaked !== null && dump.leaked !== undefined) line += ` · **${dump.leaked} ${t.proven}**`;
  out.push(`${line} · \`${dump.format}\``, '');
  out.push(`| ${t.state} | ${t.count} |`, '| --- | ---: |');
  for (const [s, n] of stateCounts(dump)) out.push(`| ${mdEscape(s)} | ${n} |`);
  out.push('');
  const maxGroups = opts.maxGroups ?? 50;
  const maxFrames = opts.maxFrames ?? 12;
  for (const { group: g, class: c } of shown.slice(0, maxGroups)) {
    const cl = classify(g);
    let head = `#### ${g.count} × ${g.state} — ${classLabel(c, locale)}`;
    if (g.waitMinutes !== null) head += ` (${t.wait} ${g.waitMinutes.min}–${g.waitMinutes.max} ${t.minutes})`;
    out.push(head, '');
    const facts: string[] = [];
    if (Object.keys(g.labels).length > 0) facts.push(`${t.labels}: ${mdCode(formatLabels(g.labels))}`);
    if (g.bubble !== undefined) facts.push(`${t.bubble} ${g.bubble}`);
    if (facts.length > 0) out.push(facts.join(' · '), '');
    out.push(explanationText(cl.explanation, locale), '', '```');
    for (const f of g.frames.slice(0, maxFrames)) out.push(`${f.func}${f.inlined ? '(...)' : '()'}`, `\t${f.file}:${f.line}`);
    if (g.frames.length > maxFrames) out.push(`...${g.frames.length - maxFrames} frames...`);
    if (g.createdBy) out.push(`${t.createdBy} ${g.createdBy.func}`, `\t${g.createdBy.file}:${g.createdBy.line}`);
    out.push('```', '');
  }
  if (shown.length > maxGroups) out.push(`… +${shown.length - maxGroups} ${t.groups}`, '');
  if (hidden > 0) out.push(`_${hidden} ${t.hidden}_`, '');
  if (dump.warnings.length > 0) {
    out.push(`**${t.warnings}**`, '');
    for (const w of dump.warnings) out.push(`- ${w.message}`);
    out.push('');
  }
  return out.join('\n');
}

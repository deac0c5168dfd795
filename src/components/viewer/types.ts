/**
 * What the parse worker sends to the viewer UI. Deliberately smaller than the parser's model: the
 * worker posts grouped results, never the full goroutine array, so a 100k-goroutine dump crosses
 * the thread boundary as a few thousand groups.
 */
import type { DumpFormat } from '../../lib/dump/model.ts';
import type { LeakClass } from '../../lib/dump/classify.ts';
import type { Locale } from '../../i18n/index.ts';

import type { FrameKind } from '../../lib/dump/frames.ts';
export type { FrameKind };

/** The library's leak classification. */
export type GroupClass = LeakClass;

export interface ViewFrame {
  func: string;
  file: string;
  line: number;
  kind: FrameKind;
  inlined?: boolean;
}

export interface ViewGroup {
  /** Stack signature; stable across dumps, so the diff and the tree can refer to it. */
  key: string;
  count: number;
  /** Most common state of the group's goroutines. */
  state: string;
  states: Record<string, number>;
  waitMin: number | null;
  waitMax: number | null;
  frames: ViewFrame[];
  createdBy: ViewFrame | null;
  /** Goroutine IDs (empty for debug=1 and proto profiles, which carry none). */
  ids: number[];
  /** Distinct parent goroutine IDs from `created by ... in goroutine N`. */
  parentIds: number[];
  cls: GroupClass;
  /** One-line explanation in the requested locale. */
  explanation: string;
  /** Site path of the chapter that teaches this kind of leak, locale-prefixed; null when none. */
  chapter: string | null;
  /** pprof labels as sorted `key=value` strings; goroutines with other labels are other groups. */
  labels: string[];
  /** The runtime's goroutineleak profile proved these goroutines leaked. */
  leaked: boolean;
  /** synctest bubble id, or null. */
  bubble: number | null;
  elided: boolean;
}

export interface TreeNode {
  /** Group key, or `creator:<func>` for goroutines whose creator is no longer in the dump. */
  key: string;
  groupKey: string | null;
  func: string;
  file: string;
  line: number;
  state: string;
  cls: GroupClass | null;
  /** Goroutines in this node itself. */
  count: number;
  /** Goroutines in this node and everything below it. */
  total: number;
  children: TreeNode[];
}

export type DiffChange = 'appeared' | 'disappeared' | 'grown' | 'shrunk' | 'unchanged';

export interface DiffRow {
  key: string;
  change: DiffChange;
  before: number;
  after: number;
  state: string;
  cls: GroupClass;
  /** Top user frame (or top frame) as a label. */
  top: ViewFrame | null;
  frames: ViewFrame[];
  /** Goroutine IDs of this group present in both dumps. */
  persistentIds: number[];
}

export interface DiffResult {
  beforeTotal: number;
  afterTotal: number;
  persistentTotal: number;
  /** Rows with persistent goroutines first, then by change and size. */
  rows: DiffRow[];
}

export interface DumpResult {
  format: DumpFormat;
  total: number;
  /** Goroutines the runtime proved leaked; null when the dump is no goroutineleak profile. */
  leaked: number | null;
  warnings: string[];
  groups: ViewGroup[];
  tree: TreeNode[];
  /** Milliseconds spent reading, parsing and grouping in the worker. */
  ms: number;
  /** Of which reading and parsing (the rest is grouping, classifying and the tree). */
  parseMs: number;
  bytes: number;
}

export type Slot = 'main' | 'before' | 'after';

export type Source =
  | { kind: 'text'; text: string; name: string }
  | { kind: 'file'; file: Blob; name: string }
  | { kind: 'url'; url: string; name: string }
  /** Large pasted text in slices, transferred, so no single copy of it blocks the page. */
  | { kind: 'stream'; stream: ReadableStream<string>; name: string };

export type ErrorCode = 'empty' | 'not-a-dump' | 'gzip' | 'too-large' | 'proto' | 'read' | 'fetch';

export type WorkerRequest =
  | { type: 'parse'; id: number; slot: Slot; source: Source; locale: Locale }
  | { type: 'diff'; id: number; locale: Locale }
  | { type: 'copy-slot'; id: number; from: Slot; to: Slot }
  | { type: 'export'; id: number; slot: Slot; format: 'markdown' | 'json'; locale: Locale };

export type WorkerResponse =
  | { type: 'result'; id: number; slot: Slot; result: DumpResult }
  | { type: 'diff'; id: number; diff: DiffResult | null }
  | { type: 'export'; id: number; text: string }
  | { type: 'ok'; id: number }
  | { type: 'error'; id: number; code: ErrorCode; detail: string };

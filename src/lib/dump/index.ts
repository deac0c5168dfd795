/** Public API of the goroutine dump library: parse → group → classify / tree / diff → export. */
export type { Dump, DumpFormat, Frame, Goroutine, ParseWarning } from './model.ts';
export { parseDump, createDumpParser, type DumpParser, type ParseOptions } from './parse.ts';
export {
  readDump,
  readDumpAsync,
  createDumpReader,
  parseTextBytes,
  MAX_DECOMPRESSED_MIB,
  type DumpReader,
  type Inflate,
  type ReadResult,
  type ReadProblem,
} from './read.ts';
export { createTextDumpParser } from './parse-text.ts';
export { parseProto, isGzip } from './parse-proto.ts';
export { concatBytes } from './bytes.ts';
export { groupGoroutines, stackSignature, hashString, labelKey, type Group } from './group.ts';
export {
  classify,
  classifyGroups,
  isLeakSuspect,
  CLASS_ORDER,
  type ChapterSlug,
  type Classification,
  type Classified,
  type Explanation,
  type LeakClass,
} from './classify.ts';
export {
  isRuntimeFrame,
  isStdlibFrame,
  isUserFrame,
  isForeignFrame,
  userFrame,
  headlineFrame,
  frameKind,
  packageOf,
  type FrameKind,
} from './frames.ts';
export { classRank } from './classes.ts';
export { programFile, pointAt, programGroups, type ProgramGroup } from './program.ts';
export { buildCreatorTree, type CreatorTree, type TreeNode } from './tree.ts';
export { diffDumps, type DumpDiff, type GroupChange, type PersistentGoroutine } from './diff.ts';
export {
  toJsonSummary,
  toJsonDiff,
  toMarkdown,
  formatLabels,
  stateCounts,
  orderForReading,
  type JsonSummary,
  type JsonGroup,
  type JsonFrame,
  type JsonDiff,
  type JsonChange,
} from './export.ts';
export { inferState } from './infer-state.ts';
export {
  createSeries,
  judge,
  judgeAll,
  reasonText,
  groupChange,
  growthPerMinute,
  sparkline,
  MIN_SAMPLES,
  WINDOW,
  MIN_GROWTH,
  type Series,
  type SeriesSample,
  type GroupSeries,
  type Verdict,
  type JudgedSeries,
} from './series.ts';

/**
 * The goroutine dump model: what every parser (text traceback, pprof debug=1, pprof proto)
 * produces, and what grouping, diffing, classification and the viewer consume.
 */

export type DumpFormat = 'traceback' | 'pprof-debug1' | 'pprof-proto';

export interface Frame {
  /** Fully qualified function, e.g. `main.worker` or `net/http.(*Server).Serve`; generics kept as `[...]`. */
  func: string;
  /** Source file as printed (slashes preserved, Windows drive letters kept). Empty when unknown (`??`). */
  file: string;
  line: number;
  /** Raw argument text, without parentheses; '' when none. Not part of stack identity. */
  args?: string;
  /** True for inlined frames (`(...)`) */
  inlined?: boolean;
  /** PC offset like `0x1d`, not part of stack identity. */
  offset?: string;
}

export interface Goroutine {
  /** Goroutine id; 0 when the format does not carry ids (pprof debug=1 and proto records). */
  id: number;
  /** Wait reason or status as printed: `chan receive`, `select`, `running`, `IO wait`... */
  state: string;
  /** `N minutes` in the header, else null. */
  waitMinutes: number | null;
  lockedToThread: boolean;
  /** Go 1.25+ `synctest bubble N`. */
  bubble?: number;
  /** `(durable)` etc. suffixes on the wait reason. */
  durable?: boolean;
  /**
   * Go 1.26+ goroutineleak profile: `[chan send (leaked)]` means the garbage collector proved that
   * nothing reachable can ever wake this goroutine. Stripped from `state`.
   */
  leaked?: boolean;
  frames: Frame[];
  /** Frames elided by the runtime (`...N frames elided...`), 0 when none; -1 when count unknown. */
  elided: number;
  createdBy: Frame | null;
  /** Go 1.21+: `created by ... in goroutine N`. */
  parentId: number | null;
  /** GODEBUG=tracebackancestors blocks: ancestor goroutine ids with their stacks. */
  ancestors: { id: number; frames: Frame[] }[];
  /** pprof labels (debug=1 `# labels:` or proto labels). */
  labels?: Record<string, string>;
  /** debug=1 and proto records aggregate: how many goroutines this record stands for (1 for tracebacks). */
  count: number;
  /** True when the input ended inside this goroutine's stack (cut-off paste, full runtime.Stack buffer). */
  truncated?: boolean;
  /**
   * True when `state` was not printed but inferred from the frames (debug=1 and proto profiles carry
   * no wait reason; `runtime.chansend1` on the stack means `chan send`).
   */
  stateInferred?: boolean;
}

export interface ParseWarning {
  /** 1-based line in the input, when known. */
  line?: number;
  message: string;
}

export interface Dump {
  format: DumpFormat;
  /** Sum of goroutine counts. */
  total: number;
  goroutines: Goroutine[];
  warnings: ParseWarning[];
  /** The `panic: ...` or `fatal error: ...` line that introduced a traceback, when there was one. */
  reason?: string;
  /**
   * Goroutines the runtime proved leaked (Go 1.26+ goroutineleak profile: `(leaked)` marks, or a whole
   * `goroutineleak` debug=1/proto profile); null when the dump is not such a profile and can't say.
   */
  leaked: number | null;
  /** Work done, for linearity checks and the benchmark: input lines seen and frames parsed. */
  stats?: { lines: number; frames: number };
}

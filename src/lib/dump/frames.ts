/**
 * Which frames are the runtime's, the standard library's, or the learner's. Leak verdicts hinge on
 * the first user frame: a goroutine parked in our code is ours to fix.
 */
import type { Frame } from './model.ts';

/** Package path of a qualified function name: `net/http.(*Server).Serve` → `net/http`. */
export function packageOf(func: string): string {
  const slash = func.lastIndexOf('/');
  const dot = func.indexOf('.', slash + 1);
  return dot < 0 ? func : func.slice(0, dot);
}

/** runtime.*, runtime/internal/*, internal/*, and the builtins the runtime prints without a package (`panic`). */
export function isRuntimeFrame(f: Frame): boolean {
  const fn = f.func;
  if (fn.startsWith('runtime.') || fn.startsWith('internal/') || fn.startsWith('runtime/internal/')) return true;
  if (fn === 'non-Go function' || fn === '??') return false;
  return fn.indexOf('.') < 0 && fn.indexOf('/') < 0;
}

/**
 * Top-level packages of the standard library. A rule of "no dot in the first path element" would
 * call local modules like `app/internal/relay` standard library, so we check the element itself.
 */
const STD_ROOTS = new Set(
  (
    'archive bufio builtin bytes cmp compress container context crypto database debug embed encoding errors ' +
    'expvar flag fmt go hash html image index internal io iter log maps math mime net os path plugin reflect ' +
    'regexp runtime slices sort strconv strings structs sync syscall testing text time unicode unique unsafe weak vendor'
  ).split(' '),
);

/** cgo frames: code we cannot attribute to any Go package. */
export function isForeignFrame(f: Frame): boolean {
  return f.func === 'non-Go function' || f.func === '??' || f.func.startsWith('_cgo_');
}

/**
 * Standard library: the first path element is one of Go's own (`net/http`, `sync`,
 * `runtime/pprof`). `main` and module paths (`github.com/...`, `app/...`) are user code, and so is
 * a playground program (package main in /tmp/sandboxNNN/prog.go).
 */
export function isStdlibFrame(f: Frame): boolean {
  if (isRuntimeFrame(f)) return true;
  if (isForeignFrame(f)) return false;
  const pkg = packageOf(f.func);
  const slash = pkg.indexOf('/');
  const first = slash < 0 ? pkg : pkg.slice(0, slash);
  return STD_ROOTS.has(first);
}

export function isUserFrame(f: Frame): boolean {
  return !isStdlibFrame(f) && !isForeignFrame(f);
}

/** The first (innermost) frame in user code: where the goroutine blocked, from the learner's point of view. */
export function userFrame<F extends Frame>(frames: readonly F[]): F | null {
  for (const f of frames) if (isUserFrame(f)) return f;
  return null;
}

/**
 * user: the program's own code (and its modules), as isUserFrame says; std: the standard library
 * and foreign (cgo: `??`, `non-Go function`) frames, which are not the program's Go either;
 * runtime: the scheduler and its helpers.
 */
export type FrameKind = 'user' | 'std' | 'runtime';

export function frameKind(f: Frame): FrameKind {
  return isRuntimeFrame(f) ? 'runtime' : isUserFrame(f) ? 'user' : 'std';
}

/**
 * The frame a one-line label should name: the first user frame, else the first library call
 * (`time.Sleep` says more than the `runtime.gopark` a proto profile puts on top), else the top.
 */
export function headlineFrame<F extends Frame>(frames: readonly F[]): F | null {
  return userFrame(frames) ?? frames.find((f) => !isRuntimeFrame(f)) ?? frames[0] ?? null;
}

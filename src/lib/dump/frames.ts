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
 * Standard library: the first path element has no dot (`net/http`, `sync`, `runtime/pprof`), except
 * `main`, which is the program. Module paths have a dot in their first element (`github.com/...`).
 */
export function isStdlibFrame(f: Frame): boolean {
  if (isRuntimeFrame(f)) return true;
  const fn = f.func;
  if (fn === 'non-Go function' || fn === '??') return false;
  const pkg = packageOf(fn);
  if (pkg === 'main' || pkg.startsWith('main.')) return false;
  const slash = pkg.indexOf('/');
  const first = slash < 0 ? pkg : pkg.slice(0, slash);
  if (first.indexOf('.') >= 0) return false;
  // A playground program is package main in /tmp/sandboxNNN/prog.go; other files in GOROOT are std.
  if (f.file && /\/tmp\/sandbox\d*\//.test(f.file)) return false;
  return true;
}

export function isUserFrame(f: Frame): boolean {
  return !isStdlibFrame(f);
}

/** The first (innermost) frame in user code: where the goroutine blocked, from the learner's point of view. */
export function userFrame(frames: readonly Frame[]): Frame | null {
  for (const f of frames) if (isUserFrame(f)) return f;
  return null;
}

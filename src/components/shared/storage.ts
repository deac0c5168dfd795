/**
 * The page's localStorage for the stores in src/lib, which take their storage as a parameter so
 * they run under Node too; null where touching it throws (sandboxed iframes, some privacy modes).
 */
import type { StorageLike } from '../../lib/progress/store.ts';

export function browserStorage(): StorageLike | null {
  try {
    return localStorage ?? null;
  } catch {
    return null;
  }
}

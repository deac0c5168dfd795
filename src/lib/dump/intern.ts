/**
 * String interning straight from a range of a larger string. Names seen before cost no allocation:
 * an 80k-goroutine dump repeats the same few hundred function and file names. Each canonical string
 * also gets a small integer id, so callers can key caches by numbers instead of strings.
 *
 * Two independent 32-bit FNV-style hashes are computed in one pass; the table is keyed by the first
 * and an entry matches when the second hash and the length agree too. Comparing the characters
 * instead was the top cost in profiles of 25 MB inputs; a false match needs a 64-bit collision
 * among the few thousand distinct names of a dump (odds around 1e-12).
 */
export interface Interner {
  /** The canonical copy of s.slice(start, end). */
  range(s: string, start: number, end: number): string;
  /** The id of the canonical copy of s.slice(start, end); `lastString` is set to the string. */
  rangeId(s: string, start: number, end: number): number;
  /**
   * rangeId for a caller that already hashed the characters while scanning them (one pass instead
   * of two): h1 and h2 must come from H1_SEED/H2_SEED and hashStep1/hashStep2 over s[start, end).
   */
  hashedId(s: string, start: number, end: number, h1: number, h2: number): number;
  lastString: string;
  size(): number;
}

interface Entry {
  str: string;
  id: number;
  h2: number;
}

/**
 * A fresh flat string: not a slice of the (huge) input, so the input can be collected once parsed,
 * and not a sliced string, whose every character access goes through an indirection.
 */
function flatCopy(s: string, start: number, end: number): string {
  return s.slice(start, end).split('').join('');
}

export const H1_SEED = 0x811c9dc5;
export const H2_SEED = 0x01000193;
// Callers inline these two lines in their scanning loops:
//   h1 = Math.imul(h1 ^ c, 16777619);
//   h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);

export function createInterner(): Interner {
  const table = new Map<number, Entry | Entry[]>();
  let count = 0;
  const self: Interner = {
    lastString: '',
    range(s, start, end) {
      self.rangeId(s, start, end);
      return self.lastString;
    },
    rangeId(s, start, end) {
      let h1 = H1_SEED;
      let h2 = H2_SEED;
      for (let k = start; k < end; k++) {
        const c = s.charCodeAt(k);
        h1 = Math.imul(h1 ^ c, 16777619);
        h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
      }
      return self.hashedId(s, start, end, h1, h2);
    },
    hashedId(s, start, end, h1, h2) {
      const len = end - start;
      h1 = Math.imul(h1 ^ len, 16777619);
      h2 = Math.imul(h2 + len, 0x5bd1e995) ^ (h2 >>> 15);
      const hit = table.get(h1);
      if (hit !== undefined) {
        if (!Array.isArray(hit)) {
          if (hit.h2 === h2 && hit.str.length === len) {
            self.lastString = hit.str;
            return hit.id;
          }
        } else {
          for (const e of hit) {
            if (e.h2 === h2 && e.str.length === len) {
              self.lastString = e.str;
              return e.id;
            }
          }
        }
      }
      const e: Entry = { str: flatCopy(s, start, end), id: count++, h2 };
      if (hit === undefined) table.set(h1, e);
      else if (!Array.isArray(hit)) table.set(h1, [hit, e]);
      else hit.push(e);
      self.lastString = e.str;
      return e.id;
    },
    size: () => count,
  };
  return self;
}

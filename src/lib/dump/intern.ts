/**
 * String interning straight from a range of UTF-8 bytes. Names seen before cost no allocation: an
 * 80k-goroutine dump repeats the same few hundred function and file names, so only those few
 * hundred are ever decoded. Each canonical string also gets a small integer id, so callers can key
 * caches by numbers instead of strings.
 *
 * Two independent 32-bit FNV-style hashes are computed in one pass; the table is keyed by the first
 * and an entry matches when the second hash and the length agree too. Comparing the bytes instead
 * was the top cost in profiles of 25 MB inputs; a false match needs a 64-bit collision among the
 * few thousand distinct names of a dump (odds around 1e-12).
 */
export interface Interner {
  /** The canonical string for the UTF-8 bytes b[start, end). */
  range(b: Uint8Array, start: number, end: number): string;
  /** The id of the canonical string for b[start, end); `lastString` is set to the string. */
  rangeId(b: Uint8Array, start: number, end: number): number;
  /**
   * rangeId for a caller that already hashed the bytes while scanning them (one pass instead of
   * two): h1 and h2 must come from H1_SEED/H2_SEED and the two steps below over b[start, end).
   */
  hashedId(b: Uint8Array, start: number, end: number, h1: number, h2: number): number;
  lastString: string;
  size(): number;
}

interface Entry {
  str: string;
  id: number;
  h1: number;
  h2: number;
  len: number;
}

// Made on first use: short ASCII never needs it, and loading it costs start-up.
let decoder: TextDecoder | null = null;
const decode = (b: Uint8Array): string => (decoder ??= new TextDecoder()).decode(b);

/**
 * The text of the UTF-8 bytes b[start, end) as a fresh flat string (invalid bytes become U+FFFD).
 * Short ASCII, the usual case, skips TextDecoder's per-call overhead.
 */
export function decodeRange(b: Uint8Array, start: number, end: number): string {
  if (end <= start) return '';
  if (end - start <= 64) {
    for (let k = start; k < end; k++) if (b[k] >= 0x80) return decode(b.subarray(start, end));
    return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  }
  return decode(b.subarray(start, end));
}

export const H1_SEED = 0x811c9dc5;
export const H2_SEED = 0x01000193;
// Callers inline these two lines in their scanning loops:
//   h1 = Math.imul(h1 ^ c, 16777619);
//   h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);

// Direct-mapped cache in front of the table: an array load instead of a Map lookup per name.
const CACHE_BITS = 12;

export function createInterner(): Interner {
  const table = new Map<number, Entry | Entry[]>();
  const cache = new Array<Entry | undefined>(1 << CACHE_BITS).fill(undefined);
  let count = 0;
  const self: Interner = {
    lastString: '',
    range(b, start, end) {
      self.rangeId(b, start, end);
      return self.lastString;
    },
    rangeId(b, start, end) {
      let h1 = H1_SEED;
      let h2 = H2_SEED;
      for (let k = start; k < end; k++) {
        const c = b[k];
        h1 = Math.imul(h1 ^ c, 16777619);
        h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 15);
      }
      return self.hashedId(b, start, end, h1, h2);
    },
    hashedId(b, start, end, h1, h2) {
      const len = end - start;
      h1 = Math.imul(h1 ^ len, 16777619);
      h2 = Math.imul(h2 + len, 0x5bd1e995) ^ (h2 >>> 15);
      // 30 bits: a small integer, which a Map looks up without allocating a heap number.
      h1 &= 0x3fffffff;
      const slot = h1 & ((1 << CACHE_BITS) - 1);
      const c = cache[slot];
      if (c !== undefined && c.h1 === h1 && c.h2 === h2 && c.len === len) {
        self.lastString = c.str;
        return c.id;
      }
      const hit = table.get(h1);
      if (hit !== undefined) {
        if (!Array.isArray(hit)) {
          if (hit.h2 === h2 && hit.len === len) {
            cache[slot] = hit;
            self.lastString = hit.str;
            return hit.id;
          }
        } else {
          for (const e of hit) {
            if (e.h2 === h2 && e.len === len) {
              cache[slot] = e;
              self.lastString = e.str;
              return e.id;
            }
          }
        }
      }
      const e: Entry = { str: decodeRange(b, start, end), id: count++, h1, h2, len };
      cache[slot] = e;
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

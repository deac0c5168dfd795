/**
 * String interning straight from a range of a larger string. Hashing the characters in place and
 * comparing with startsWith means a name seen before costs no allocation at all, which matters
 * when an 80k-goroutine dump repeats the same few hundred function and file names.
 */
export interface Interner {
  /** The canonical copy of s.slice(start, end). */
  range(s: string, start: number, end: number): string;
  size(): number;
}

export function createInterner(): Interner {
  const table = new Map<number, string | string[]>();
  let count = 0;
  function range(s: string, start: number, end: number): string {
    let h = 0x811c9dc5 ^ (end - start);
    for (let k = start; k < end; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
    const len = end - start;
    const hit = table.get(h);
    if (hit !== undefined) {
      if (typeof hit === 'string') {
        if (hit.length === len && s.startsWith(hit, start)) return hit;
      } else {
        for (const c of hit) if (c.length === len && s.startsWith(c, start)) return c;
      }
    }
    // Copy, so the table never keeps a whole input chunk alive through a sliced string.
    const own = (' ' + s.slice(start, end)).slice(1);
    count++;
    if (hit === undefined) table.set(h, own);
    else if (typeof hit === 'string') table.set(h, [hit, own]);
    else hit.push(own);
    return own;
  }
  return { range, size: () => count };
}

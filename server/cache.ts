/**
 * A bounded LRU for compile responses: identical requests get identical answers, like the
 * Playground. Bounded by entries and by bytes, since one response can carry 1 MiB of output.
 */
import { createHash } from 'node:crypto';

/**
 * Answers that say nothing reliable about the program (killed at a limit, a sandbox failure, a
 * build stopped by load): the backend marks them here and the cache never keeps them, so one
 * unlucky run is not replayed to everyone who sends the same source.
 */
export const NO_CACHE = new WeakSet<object>();

export class LruCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;
  readonly max: number;
  readonly maxBytes: number;
  private readonly sizeOf: (v: V) => number;

  constructor(max: number, maxBytes = 64 * 1024 * 1024, sizeOf: (v: V) => number = (v) => JSON.stringify(v).length) {
    this.max = Math.max(0, max);
    this.maxBytes = maxBytes;
    this.sizeOf = sizeOf;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (e !== undefined) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e?.value;
  }

  set(key: string, value: V): void {
    if (this.max === 0) return;
    if (typeof value === 'object' && value !== null && NO_CACHE.has(value)) return;
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes / 4) return; // one huge answer must not flush everything else
    this.delete(key);
    this.map.set(key, { value, bytes });
    this.bytes += bytes;
    while (this.map.size > this.max || this.bytes > this.maxBytes) this.delete(this.map.keys().next().value as string);
  }

  private delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.bytes -= e.bytes;
  }

  get size(): number {
    return this.map.size;
  }
  get totalBytes(): number {
    return this.bytes;
  }
}

export function cacheKey(kind: string, body: string, withVet: boolean): string {
  return createHash('sha256')
    .update(`${kind}\0${withVet ? 'vet' : 'novet'}\0`)
    .update(body)
    .digest('hex');
}

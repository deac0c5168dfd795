/** A bounded LRU for compile responses: identical requests get identical answers, like the Playground. */
import { createHash } from 'node:crypto';

export class LruCache<V> {
  private readonly map = new Map<string, V>();
  readonly max: number;
  constructor(max: number) {
    this.max = Math.max(0, max);
  }
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    if (this.max === 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
}

export function cacheKey(kind: string, body: string, withVet: boolean): string {
  return createHash('sha256').update(`${kind}\0${withVet ? 'vet' : 'novet'}\0`).update(body).digest('hex');
}

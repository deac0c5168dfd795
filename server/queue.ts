/**
 * Admission control: at most `concurrency` jobs run, at most `queue` wait; beyond that a request
 * is refused at once (503) rather than piling up behind a workshop's worth of runs.
 * Each running job gets a slot number (each run has its own user namespace, so limits never
 * depend on it).
 */
import { HttpError } from './http.ts';

export class JobQueue {
  readonly concurrency: number;
  readonly queueLimit: number;
  private readonly free: number[];
  private readonly waiting: { resolve: (slot: number) => void; reject: (e: Error) => void; signal?: AbortSignal; onAbort?: () => void }[] =
    [];

  constructor(concurrency: number, queueLimit: number) {
    this.concurrency = Math.max(1, concurrency);
    this.queueLimit = Math.max(0, queueLimit);
    this.free = Array.from({ length: this.concurrency }, (_, i) => this.concurrency - 1 - i);
  }

  get running(): number {
    return this.concurrency - this.free.length;
  }
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: (slot: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await fn(slot);
    } finally {
      this.release(slot);
    }
  }

  private acquire(signal?: AbortSignal): Promise<number> {
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    if (this.waiting.length >= this.queueLimit) {
      return Promise.reject(
        new HttpError(
          503,
          'busy',
          `the runner is busy (${this.running} running, ${this.waiting.length} waiting); try again in a few seconds`,
          {
            'Retry-After': '5',
          },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const entry: (typeof this.waiting)[number] = { resolve, reject, signal };
      if (signal) {
        entry.onAbort = () => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new HttpError(499, 'cancelled', 'the client went away'));
        };
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.waiting.push(entry);
    });
  }

  private release(slot: number): void {
    const next = this.waiting.shift();
    if (next) {
      if (next.signal && next.onAbort) next.signal.removeEventListener('abort', next.onAbort);
      next.resolve(slot);
    } else this.free.push(slot);
  }
}

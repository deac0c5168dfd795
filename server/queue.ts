/**
 * Admission control: at most `concurrency` jobs run, at most `queue` wait; beyond that a request
 * is refused at once (503) rather than piling up behind a workshop's worth of runs.
 *
 * Fair between clients: one client (an address) has at most `perClient` jobs running plus waiting
 * (429 beyond), and a free slot goes to the waiting client with the fewest jobs running (the
 * longest-waiting such client on a tie), not to whoever sent first: a learner queued behind a flood
 * of another client's programs waits for one slot at most.
 * Each running job gets a slot number (each run has its own user namespace, so limits never
 * depend on it).
 */
import { HttpError } from './http.ts';

interface Waiter {
  client: string;
  resolve: (slot: number) => void;
  reject: (e: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** Who a job belongs to when the caller does not say (in-process callers, tests). */
const ANONYMOUS = '';

export class JobQueue {
  readonly concurrency: number;
  readonly queueLimit: number;
  readonly perClient: number;
  private readonly free: number[];
  /** Waiting jobs per client; the Map's order is the turn order (a served client goes to the back). */
  private readonly waiting = new Map<string, Waiter[]>();
  private waitingCount = 0;
  /** Jobs running or waiting, per client. */
  private readonly held = new Map<string, number>();

  constructor(concurrency: number, queueLimit: number, perClient = Number.POSITIVE_INFINITY) {
    this.concurrency = Math.max(1, concurrency);
    this.queueLimit = Math.max(0, queueLimit);
    this.perClient = Math.max(1, perClient);
    this.free = Array.from({ length: this.concurrency }, (_, i) => this.concurrency - 1 - i);
  }

  get running(): number {
    return this.concurrency - this.free.length;
  }
  get queued(): number {
    return this.waitingCount;
  }

  async run<T>(fn: (slot: number) => Promise<T>, signal?: AbortSignal, client: string = ANONYMOUS): Promise<T> {
    const held = this.held.get(client) ?? 0;
    if (held >= this.perClient) {
      throw new HttpError(
        429,
        'too-many',
        `you already have ${held} programs running or waiting (limit ${this.perClient}); wait for them to finish`,
        { 'Retry-After': '5' },
      );
    }
    this.held.set(client, held + 1);
    try {
      const slot = await this.acquire(client, signal);
      try {
        return await fn(slot);
      } finally {
        this.release(slot);
      }
    } finally {
      const n = (this.held.get(client) ?? 1) - 1;
      if (n <= 0) this.held.delete(client);
      else this.held.set(client, n);
    }
  }

  private acquire(client: string, signal?: AbortSignal): Promise<number> {
    if (this.waitingCount === 0) {
      const slot = this.free.pop();
      if (slot !== undefined) return Promise.resolve(slot);
    }
    if (this.waitingCount >= this.queueLimit) {
      return Promise.reject(
        new HttpError(
          503,
          'busy',
          `the runner is busy (${this.running} running, ${this.waitingCount} waiting); try again in a few seconds`,
          { 'Retry-After': '5' },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const entry: Waiter = { client, resolve, reject, signal };
      if (signal) {
        entry.onAbort = () => {
          if (this.remove(entry)) reject(new HttpError(499, 'cancelled', 'the client went away'));
        };
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      const list = this.waiting.get(client);
      if (list) list.push(entry);
      else this.waiting.set(client, [entry]);
      this.waitingCount++;
    });
  }

  private remove(entry: Waiter): boolean {
    const list = this.waiting.get(entry.client);
    const i = list ? list.indexOf(entry) : -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    if (list.length === 0) this.waiting.delete(entry.client);
    this.waitingCount--;
    return true;
  }

  private runningOf(client: string, waiting: Waiter[]): number {
    return (this.held.get(client) ?? 0) - waiting.length;
  }

  private release(slot: number): void {
    // The client at the front of the turn order gets the slot and goes to the back of it.
    const first = this.waiting.entries().next();
    if (first.done) {
      this.free.push(slot);
      return;
    }
    let [client, list] = first.value;
    for (const [c, l] of this.waiting) {
      if (this.runningOf(c, l) < this.runningOf(client, list)) [client, list] = [c, l];
    }
    const next = list.shift()!;
    this.waiting.delete(client);
    if (list.length > 0) this.waiting.set(client, list);
    this.waitingCount--;
    if (next.signal && next.onAbort) next.signal.removeEventListener('abort', next.onAbort);
    next.resolve(slot);
  }
}

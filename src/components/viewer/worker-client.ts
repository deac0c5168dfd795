/**
 * Promise-based calls into the parse worker. One worker per viewer: it keeps the parsed dumps
 * (current, before, after) for diffs and exports, so they are never copied back to the page.
 */
import type { Locale } from '../../i18n/index.ts';
import type { DiffResult, DumpResult, ErrorCode, Slot, Source, WorkerRequest, WorkerResponse } from './types.ts';

export class ParseError extends Error {
  code: ErrorCode | 'worker';
  detail: string;
  constructor(code: ErrorCode | 'worker', detail: string) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: ParseError) => void };

// Distributive Omit, so each request variant keeps its own fields.
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface ParseClient {
  parse(slot: Slot, source: Source): Promise<DumpResult>;
  copySlot(from: Slot, to: Slot): Promise<void>;
  diff(): Promise<DiffResult | null>;
  exportAs(slot: Slot, format: 'markdown' | 'json'): Promise<string>;
  terminate(): void;
}

export function createParseClient(locale: Locale): ParseClient {
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Pending>();
  let next = 1;

  worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    if (ev.data.type === 'error') p.reject(new ParseError(ev.data.code, ev.data.detail));
    else p.resolve(ev.data);
  };
  worker.onerror = (ev) => {
    const err = new ParseError('worker', ev.message || 'worker failed to start');
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  function call(req: Body<WorkerRequest>, transfer: Transferable[] = []): Promise<WorkerResponse> {
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id } as WorkerRequest, transfer);
    });
  }

  return {
    async parse(slot, source) {
      const r = await call({ type: 'parse', slot, source, locale }, source.kind === 'stream' ? [source.stream] : []);
      if (r.type !== 'result') throw new ParseError('worker', r.type);
      return r.result;
    },
    async copySlot(from, to) {
      await call({ type: 'copy-slot', from, to });
    },
    async diff() {
      const r = await call({ type: 'diff', locale });
      return r.type === 'diff' ? r.diff : null;
    },
    async exportAs(slot, format) {
      const r = await call({ type: 'export', slot, format, locale });
      return r.type === 'export' ? r.text : '';
    },
    terminate() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new ParseError('worker', 'closed'));
      pending.clear();
    },
  };
}

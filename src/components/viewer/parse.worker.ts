/// <reference lib="webworker" />
/**
 * Parses dumps off the main thread with the library's one bytes reader (src/lib/dump/read.ts), which
 * decodes text in 1 MB slices so a 100 MB dump never exists as one string; only grouped results
 * go back to the page. The parsed dumps stay here for the diff and the exports.
 */
import { concatBytes, createDumpParser, readDump } from '../../lib/dump/index.ts';
import type { Dump } from '../../lib/dump/model.ts';
import type { ErrorCode, Slot, Source, WorkerRequest, WorkerResponse } from './types.ts';
import { analyse, diffAnalysed, toJson, toMarkdown, toResult, type Analysed } from './adapter.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Streams of plain ArrayBuffer-backed bytes, which is what fetch, File and DecompressionStream yield.
type Bytes = Uint8Array<ArrayBuffer>;
const slots = new Map<Slot, Analysed>();
const latest = new Map<Slot, number>();

class ViewerError extends Error {
  code: ErrorCode;
  constructor(code: ErrorCode, detail = '') {
    super(detail);
    this.code = code;
  }
}

function post(msg: WorkerResponse): void {
  scope.postMessage(msg);
}

async function collect(stream: ReadableStream<Bytes>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return concatBytes(parts);
}

/** The library's one bytes reader (gzip, proto, UTF-16, text), as `leaklab dump` uses it. */
function readBytes(bytes: Uint8Array): { dump: Dump; bytes: number } {
  // The viewer shows neither argument values nor PC offsets: without them equal frames and equal
  // stacks are shared, which parses an 80k-goroutine dump several times faster.
  // gzip unpacks to at most MAX_DECOMPRESSED_MIB, checked as it unpacks: a bomb stops there.
  const { dump, problem } = readDump(bytes, { details: false });
  if (problem === 'empty') throw new ViewerError('empty');
  if (problem === 'too-large') throw new ViewerError('too-large');
  if (problem === 'gzip') throw new ViewerError('gzip', dump.warnings[0]?.message ?? '');
  if (problem === 'proto') throw new ViewerError('proto', dump.warnings[0]?.message ?? '');
  return { dump, bytes: bytes.length };
}

async function read(source: Source): Promise<{ dump: Dump; bytes: number }> {
  if (source.kind === 'text') {
    if (source.text.trim() === '') throw new ViewerError('empty');
    const parser = createDumpParser({ details: false });
    parser.push(source.text);
    return { dump: parser.finish(), bytes: source.text.length };
  }
  if (source.kind === 'stream') {
    // Pasted text arrives in slices; encoded as they come, it meets the file's bytes reader.
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    const reader = source.stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(encoder.encode(value));
    }
    const bytes = concatBytes(parts);
    if (bytes.length === 0) throw new ViewerError('empty');
    return readBytes(bytes);
  }
  if (source.kind === 'file') {
    if (source.file.size === 0) throw new ViewerError('empty');
    return readBytes(new Uint8Array(await source.file.arrayBuffer()));
  }
  let res: Response;
  try {
    res = await fetch(source.url);
  } catch (e) {
    throw new ViewerError('fetch', String(e));
  }
  if (!res.ok || res.body === null) throw new ViewerError('fetch', `${res.status} ${res.statusText}`);
  let bytes: Uint8Array;
  try {
    bytes = await collect(res.body as ReadableStream<Bytes>);
  } catch (e) {
    throw new ViewerError('fetch', String(e));
  }
  return readBytes(bytes);
}

async function handle(req: WorkerRequest): Promise<void> {
  if (req.type === 'parse') {
    latest.set(req.slot, req.id);
    const t0 = performance.now();
    const { dump, bytes } = await read(req.source);
    if (dump.goroutines.length === 0) throw new ViewerError('not-a-dump');
    const t1 = performance.now();
    const a = analyse(dump, req.locale);
    // A newer dump for this slot may have finished first; exports must match what is shown.
    if (latest.get(req.slot) === req.id) slots.set(req.slot, a);
    const result = toResult(a, 0, t1 - t0, bytes);
    result.ms = performance.now() - t0;
    post({ type: 'result', id: req.id, slot: req.slot, result });
  } else if (req.type === 'copy-slot') {
    const a = slots.get(req.from);
    latest.set(req.to, req.id);
    if (a) slots.set(req.to, a);
    post({ type: 'ok', id: req.id });
  } else if (req.type === 'diff') {
    const b = slots.get('before');
    const a = slots.get('after');
    post({ type: 'diff', id: req.id, diff: b && a ? diffAnalysed(b, a) : null });
  } else {
    const a = slots.get(req.slot);
    const text = a === undefined ? '' : req.format === 'markdown' ? toMarkdown(a) : toJson(a);
    post({ type: 'export', id: req.id, text });
  }
}

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  handle(req).catch((e: unknown) => {
    if (e instanceof ViewerError) post({ type: 'error', id: req.id, code: e.code, detail: e.message });
    else post({ type: 'error', id: req.id, code: 'read', detail: e instanceof Error ? e.message : String(e) });
  });
};

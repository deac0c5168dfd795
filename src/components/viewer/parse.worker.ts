/// <reference lib="webworker" />
/**
 * Parses dumps off the main thread. Files and examples are streamed (gunzipped when needed) into
 * the library's push parser, so a 100 MB dump never exists as one string; only grouped results
 * go back to the page. The parsed dumps stay here for the diff and the exports.
 */
import { createDumpParser, parseProto } from '../../lib/dump/index.ts';
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

/** Puts back a chunk already read so the stream can be consumed from its start. */
function unshift(first: Bytes, rest: ReadableStreamDefaultReader<Bytes>): ReadableStream<Bytes> {
  let sent = false;
  return new ReadableStream<Bytes>({
    async pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(first);
        return;
      }
      const { done, value } = await rest.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return rest.cancel(reason);
    },
  });
}

async function peek(stream: ReadableStream<Bytes>): Promise<{ head: Bytes; stream: ReadableStream<Bytes> }> {
  const reader = stream.getReader();
  let r = await reader.read();
  while (!r.done && r.value.length === 0) r = await reader.read();
  if (r.done) return { head: new Uint8Array(0), stream: new ReadableStream({ start: (c) => c.close() }) };
  return { head: r.value, stream: unshift(r.value, reader) };
}

/** A text dump starts with printable text; a pprof protobuf starts with a field tag byte. */
function looksBinary(head: Bytes): boolean {
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) return true;
  }
  return false;
}

async function collect(stream: ReadableStream<Bytes>): Promise<Bytes> {
  const parts: Bytes[] = [];
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function decodeProto(bytes: Bytes): Dump {
  const d = parseProto(bytes);
  if (d === null || d.goroutines.length === 0) throw new ViewerError('proto', d?.warnings[0]?.message ?? '');
  return d;
}

async function parseStream(input: ReadableStream<Bytes>): Promise<{ dump: Dump; bytes: number }> {
  let bytes = 0;
  let { head, stream } = await peek(input);
  if (head.length === 0) throw new ViewerError('empty');
  if (head[0] === 0x1f && head[1] === 0x8b) {
    stream = stream.pipeThrough(new DecompressionStream('gzip')) as ReadableStream<Bytes>;
    try {
      ({ head, stream } = await peek(stream));
    } catch (e) {
      throw new ViewerError('gzip', String(e));
    }
  }
  // PowerShell's `>` writes UTF-16 with a byte-order mark: a text dump all the same.
  const encoding = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : 'utf-8';
  if (encoding === 'utf-8' && looksBinary(head)) {
    let raw: Bytes;
    try {
      raw = await collect(stream);
    } catch (e) {
      throw new ViewerError('gzip', String(e));
    }
    return { dump: decodeProto(raw), bytes: raw.length };
  }
  const counted = stream.pipeThrough(
    new TransformStream<Bytes, Bytes>({
      transform(chunk, c) {
        bytes += chunk.length;
        c.enqueue(chunk);
      },
    }),
  );
  const parser = createDumpParser();
  const reader = counted.pipeThrough(new TextDecoderStream(encoding)).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
    }
  } catch (e) {
    // A gzip stream cut short fails mid-way: keep what was understood, like a truncated paste.
    if (bytes === 0) throw new ViewerError('gzip', String(e));
  }
  return { dump: parser.finish(), bytes };
}

async function read(source: Source): Promise<{ dump: Dump; bytes: number }> {
  if (source.kind === 'text') {
    if (source.text.trim() === '') throw new ViewerError('empty');
    const parser = createDumpParser();
    parser.push(source.text);
    return { dump: parser.finish(), bytes: source.text.length };
  }
  if (source.kind === 'file') {
    if (source.file.size === 0) throw new ViewerError('empty');
    return parseStream(source.file.stream() as ReadableStream<Bytes>);
  }
  let res: Response;
  try {
    res = await fetch(source.url);
  } catch (e) {
    throw new ViewerError('fetch', String(e));
  }
  if (!res.ok || res.body === null) throw new ViewerError('fetch', `${res.status} ${res.statusText}`);
  return parseStream(res.body);
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

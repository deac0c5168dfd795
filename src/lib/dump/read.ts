/**
 * The one bytes → dump reader, used by `leaklab dump`, the viewer's worker and the tests: gzip
 * (a .pb.gz profile or a gzipped text dump), pprof protobuf, UTF-16 text with a byte-order mark
 * (PowerShell's `>`), and UTF-8 text. Never throws: what went wrong is a `problem` and warnings.
 */
import { Gunzip } from 'fflate';
import type { Dump } from './model.ts';
import { createTextDumpParser, type ParseOptions } from './parse-text.ts';
import { isGzip, parseProto } from './parse-proto.ts';
import { concatBytes } from './bytes.ts';
import { MAX_DECOMPRESSED_MIB } from './limits.ts';

/**
 * Why nothing could be read: empty input, a gzip stream that would not unpack, one that unpacks to
 * more than MAX_DECOMPRESSED_MIB, a broken profile.
 */
export type ReadProblem = 'empty' | 'gzip' | 'too-large' | 'proto';

export { MAX_DECOMPRESSED_MIB };
const MAX_DECOMPRESSED = MAX_DECOMPRESSED_MIB * 1024 * 1024;
/**
 * Compressed bytes fed to the inflater at a time. Deflate unpacks at most ~1032:1, so one step
 * makes at most ~4 MiB: fflate inflates a whole pushed chunk at once, so the chunk bounds memory
 * (and smaller steps unpacked a run of zeros faster than larger ones).
 */
const GZIP_STEP = 4 * 1024;

export interface ReadResult {
  dump: Dump;
  /** Set when the bytes could not be read at all (the dump is then empty). */
  problem: ReadProblem | null;
}

const CHUNK = 1 << 20;

function emptyDump(format: Dump['format'], message?: string): Dump {
  return { format, total: 0, goroutines: [], warnings: message === undefined ? [] : [{ message }], leaked: null };
}

/**
 * Unpacks gzip; a stream cut short keeps what came out before the cut (`cut` set); `null` when it
 * unpacks to more than MAX_DECOMPRESSED (what came out so far is dropped at once).
 */
function gunzip(bytes: Uint8Array): { out: Uint8Array; cut: string | null } | null {
  let parts: Uint8Array[] = [];
  let n = 0;
  const g = new Gunzip((chunk) => {
    n += chunk.length;
    if (n <= MAX_DECOMPRESSED) parts.push(chunk);
  });
  let cut: string | null = null;
  try {
    for (let i = 0; i < bytes.length; i += GZIP_STEP) {
      const end = Math.min(i + GZIP_STEP, bytes.length);
      g.push(bytes.subarray(i, end), end === bytes.length);
      if (n > MAX_DECOMPRESSED) {
        parts = [];
        return null;
      }
    }
  } catch (e) {
    cut = (e as Error).message;
  }
  return { out: concatBytes(parts), cut };
}

/**
 * Whether bytes may be a protobuf profile: text dumps have no control bytes besides tab, LF and CR
 * near the start. (The first field varies: Go writes period_type before sample_type.)
 */
function mayBeProto(b: Uint8Array): boolean {
  const n = Math.min(b.length, 256);
  for (let i = 0; i < n; i++) if (b[i] < 9 || (b[i] > 13 && b[i] < 32)) return true;
  return false;
}

function bomEncoding(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The text parser itself. UTF-8 bytes are parsed as they are, never decoded as a whole (only the
 * distinct names become strings); UTF-16 is decoded in 1 MB slices so a 100 MB file never becomes
 * one string. It may throw on a parser bug; callers that must not fail use `readDump`/`parseDump`.
 */
export function parseTextBytes(bytes: Uint8Array, opts: ParseOptions = {}, encoding = 'utf-8'): Dump {
  const p = createTextDumpParser(opts);
  if (encoding === 'utf-8') {
    p.pushBytes(bytes);
    return p.finish();
  }
  const dec = new TextDecoder(encoding);
  for (let i = 0; i < bytes.length; i += CHUNK) {
    p.push(dec.decode(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), { stream: true }));
  }
  p.push(dec.decode());
  return p.finish();
}

function safeText(bytes: Uint8Array, opts: ParseOptions, encoding = 'utf-8'): Dump {
  try {
    return parseTextBytes(bytes, opts, encoding);
  } catch (e) {
    // Written not to throw; this keeps a parser bug from taking the viewer or the CLI down.
    return emptyDump('traceback', `parser error: ${(e as Error).message}`);
  }
}

function safeProto(bytes: Uint8Array): Dump | null {
  try {
    return parseProto(bytes);
  } catch (e) {
    return emptyDump('pprof-proto', `could not decode the profile: ${(e as Error).message}`);
  }
}

export function readDump(input: Uint8Array, opts: ParseOptions = {}): ReadResult {
  let bytes = input;
  if (bytes.length === 0) return { dump: emptyDump('traceback'), problem: 'empty' };
  let cutWarning: string | null = null;
  if (isGzip(bytes)) {
    const unpacked = gunzip(bytes);
    if (unpacked === null) return tooLarge();
    const { out, cut } = unpacked;
    if (out.length === 0) {
      return { dump: emptyDump('pprof-proto', `could not decompress the gzip'd input: ${cut ?? 'empty'}`), problem: 'gzip' };
    }
    bytes = out;
    if (cut !== null) cutWarning = `the gzip'd input is cut short (${cut}); read what came before the cut`;
  }
  const withCut = (d: Dump): Dump => {
    if (cutWarning !== null) d.warnings.push({ message: cutWarning });
    return d;
  };
  const enc = bomEncoding(bytes);
  if (enc !== null) return { dump: withCut(safeText(bytes, opts, enc)), problem: null };
  if (!mayBeProto(bytes)) return { dump: withCut(safeText(bytes, opts)), problem: null };
  // Binary-looking input: a profile if it decodes to goroutines; otherwise give text a chance
  // (ANSI colour codes in a log also look binary) and keep whichever understood something.
  const proto = cutWarning === null ? safeProto(bytes) : null;
  if (proto !== null && proto.goroutines.length > 0) return { dump: proto, problem: null };
  const text = safeText(bytes, opts);
  if (text.goroutines.length > 0 || cutWarning !== null) return { dump: withCut(text), problem: null };
  // Binary, and neither a profile nor text with goroutines in it (an image, an archive...).
  return { dump: proto ?? emptyDump('pprof-proto', 'binary input that is not a pprof profile'), problem: 'proto' };
}

/**
 * A native gunzip with the same cap: the bytes, `null` past `max`, or 'failed' (a cut or damaged
 * stream, which the fflate path then reads for what came before the damage). fflate unpacks
 * long runs of zeros at ~50 MB/s, several seconds to reach the cap; native zlib takes a fraction.
 */
export type Inflate = (gz: Uint8Array, max: number) => Promise<Uint8Array | null | 'failed'>;

/**
 * readDump, with gzip unpacked by a native inflater when the caller has one (the CLI has zlib), so
 * a decompression bomb is refused in a fraction of a second. Without one, fflate. (Chromium's
 * DecompressionStream was tried: one task per 64 KB, 256 MiB took far longer than fflate.)
 */
export async function readDumpAsync(input: Uint8Array, opts: ParseOptions = {}, inflate?: Inflate): Promise<ReadResult> {
  if (!isGzip(input) || inflate === undefined) return readDump(input, opts);
  const out = await inflate(input, MAX_DECOMPRESSED);
  if (out === null) return tooLarge();
  // A damaged stream: the fflate path keeps what came before the damage, and says so.
  if (out === 'failed') return readDump(input, opts);
  if (out.length === 0) return readDump(input, opts);
  return readDump(out, opts);
}

function tooLarge(): ReadResult {
  return {
    dump: emptyDump('pprof-proto', `too large (more than ${MAX_DECOMPRESSED_MIB} MiB once decompressed)`),
    problem: 'too-large',
  };
}

// How much a reader looks at before it decides what the input is (mayBeProto reads 256 bytes).
const SNIFF = 256;

export interface DumpReader {
  /** The next bytes of the input. They are used or copied before push returns: the caller may reuse its buffer. */
  push(bytes: Uint8Array): void;
  /** The end of the input. */
  finish(): ReadResult;
  /** The end of the input, gzip unpacked by `inflate` (see readDumpAsync). */
  finishAsync(inflate?: Inflate): Promise<ReadResult>;
}

/**
 * readDump for input that arrives in pieces (`leaklab dump` reads a file into one reused buffer):
 * the same result. A UTF-8 text dump, the usual case, is parsed as it comes and never held whole
 * (on a 20 MB dump, first touching 20 MB of fresh memory costs more than the parse); gzip, UTF-16
 * and binary-looking input are collected and handed to readDump.
 */
export function createDumpReader(opts: ParseOptions = {}): DumpReader {
  let head: Uint8Array[] = [];
  let headLength = 0;
  // null until the first SNIFF bytes have decided: then a text parser, or 'whole'.
  let text: ReturnType<typeof createTextDumpParser> | null = null;
  let whole = false;
  let error: string | null = null;
  let result: ReadResult | null = null;

  const feed = (b: Uint8Array): void => {
    if (error !== null || text === null) return;
    try {
      text.pushBytes(b);
    } catch (e) {
      error = (e as Error).message;
    }
  };

  const decide = (): void => {
    const first = concatBytes(head);
    if (isGzip(first) || bomEncoding(first) !== null || mayBeProto(first)) {
      whole = true;
      head = [first];
      return;
    }
    text = createTextDumpParser(opts);
    head = [];
    feed(first);
  };

  const reader: DumpReader = {
    async finishAsync(inflate) {
      if (result !== null || headLength === 0) return reader.finish();
      if (text === null && !whole) decide();
      if (text === null) return (result = await readDumpAsync(concatBytes(head), opts, inflate));
      return reader.finish();
    },
    push(bytes) {
      if (result !== null || bytes.length === 0) return;
      if (text !== null) return feed(bytes);
      head.push(new Uint8Array(bytes)); // a copy (a Buffer's slice would be a view)
      headLength += bytes.length;
      if (!whole && headLength >= SNIFF) decide();
    },
    finish() {
      if (result !== null) return result;
      if (text === null && !whole) {
        if (headLength === 0) return (result = { dump: emptyDump('traceback'), problem: 'empty' });
        decide();
      }
      if (text === null) return (result = readDump(concatBytes(head), opts));
      let dump: Dump;
      try {
        dump = error === null ? text.finish() : emptyDump('traceback', `parser error: ${error}`);
      } catch (e) {
        // Written not to throw; this keeps a parser bug from taking the viewer or the CLI down.
        dump = emptyDump('traceback', `parser error: ${(e as Error).message}`);
      }
      return (result = { dump, problem: null });
    },
  };
  return reader;
}

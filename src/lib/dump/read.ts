/**
 * The one bytes → dump reader, used by `leaklab dump`, the viewer's worker and the tests: gzip
 * (a .pb.gz profile or a gzipped text dump), pprof protobuf, UTF-16 text with a byte-order mark
 * (PowerShell's `>`), and UTF-8 text. Never throws: what went wrong is a `problem` and warnings.
 */
import { Gunzip } from 'fflate';
import type { Dump } from './model.ts';
import { createTextDumpParser, type ParseOptions } from './parse-text.ts';
import { isGzip, parseProto } from './parse-proto.ts';

/** Why nothing could be read: empty input, a gzip stream that would not unpack, a broken profile. */
export type ReadProblem = 'empty' | 'gzip' | 'proto';

export interface ReadResult {
  dump: Dump;
  /** Set when the bytes could not be read at all (the dump is then empty). */
  problem: ReadProblem | null;
}

const CHUNK = 1 << 20;

function emptyDump(format: Dump['format'], message?: string): Dump {
  return { format, total: 0, goroutines: [], warnings: message === undefined ? [] : [{ message }], leaked: null };
}

/** Unpacks gzip; a stream cut short keeps what came out before the cut (`cut` set). */
function gunzip(bytes: Uint8Array): { out: Uint8Array; cut: string | null } {
  const parts: Uint8Array[] = [];
  let n = 0;
  const g = new Gunzip((chunk) => {
    parts.push(chunk);
    n += chunk.length;
  });
  let cut: string | null = null;
  try {
    g.push(bytes, true);
  } catch (e) {
    cut = (e as Error).message;
  }
  if (parts.length === 1) return { out: parts[0], cut };
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { out, cut };
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
 * The text parser itself, fed from bytes in 1 MB slices so a 100 MB file never becomes one string.
 * It may throw on a parser bug; callers that must not fail use `readDump`/`parseDump`.
 */
export function parseTextBytes(bytes: Uint8Array, opts: ParseOptions = {}, encoding = 'utf-8'): Dump {
  const p = createTextDumpParser(opts);
  const dec = new TextDecoder(encoding);
  if (encoding !== 'utf-8') {
    for (let i = 0; i < bytes.length; i += CHUNK) {
      p.push(dec.decode(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), { stream: true }));
    }
    p.push(dec.decode());
    return p.finish();
  }
  // UTF-8 slices end after a newline byte, which is never inside a multi-byte character, so each
  // decodes on its own: a streaming decode (`stream: true`) takes a much slower path in V8/ICU.
  let i = 0;
  while (i < bytes.length) {
    let end = Math.min(i + CHUNK, bytes.length);
    if (end < bytes.length) {
      const nl = bytes.lastIndexOf(10, end - 1);
      if (nl >= i) end = nl + 1;
    }
    p.push(dec.decode(bytes.subarray(i, end)));
    i = end;
  }
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
    const { out, cut } = gunzip(bytes);
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

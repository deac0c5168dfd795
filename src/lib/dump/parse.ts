/**
 * parseDump: one entry point for every goroutine dump format. Text is parsed line by line
 * (parse-text.ts); bytes are gunzipped when gzip'd (a .pb.gz profile or a gzipped text dump) and
 * tried as a protobuf profile when they look binary. Never throws.
 */
import type { Dump } from './model.ts';
import { createTextDumpParser, type DumpParser, type ParseOptions } from './parse-text.ts';
import { gunzipSync } from 'fflate';
import { isGzip, parseProto } from './parse-proto.ts';

export type { DumpParser, ParseOptions };

/** A streaming parser for text dumps: `push` chunks as they arrive, then `finish()`. */
export function createDumpParser(opts: ParseOptions = {}): DumpParser {
  const inner = createTextDumpParser(opts);
  return {
    push(chunk: string): void {
      try {
        inner.push(chunk);
      } catch {
        // The parser is written not to throw; this keeps a bug from taking the viewer down.
      }
    },
    finish(): Dump {
      try {
        return inner.finish();
      } catch (e) {
        return { format: 'traceback', total: 0, goroutines: [], warnings: [{ message: `parser error: ${(e as Error).message}` }] };
      }
    },
  };
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

const CHUNK = 1 << 20;

function parseTextBytes(bytes: Uint8Array, opts: ParseOptions): Dump {
  // Decode in slices so a 100 MB file never becomes one string.
  const p = createDumpParser(opts);
  const dec = new TextDecoder('utf-8');
  for (let i = 0; i < bytes.length; i += CHUNK) {
    p.push(dec.decode(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), { stream: true }));
  }
  p.push(dec.decode());
  return p.finish();
}

function protoOrNull(bytes: Uint8Array): Dump | null {
  try {
    return parseProto(bytes);
  } catch (e) {
    return {
      format: 'pprof-proto',
      total: 0,
      goroutines: [],
      warnings: [{ message: `could not decode the profile: ${(e as Error).message}` }],
    };
  }
}

export function parseDump(input: string | Uint8Array, opts: ParseOptions = {}): Dump {
  if (typeof input !== 'string') {
    let bytes = input;
    if (isGzip(bytes)) {
      // A .pb.gz profile, or a text dump someone gzipped (dump.txt.gz): decide after unpacking.
      try {
        bytes = gunzipSync(bytes);
      } catch (e) {
        return {
          format: 'pprof-proto',
          total: 0,
          goroutines: [],
          warnings: [{ message: `could not decompress the gzip'd input: ${(e as Error).message}` }],
        };
      }
    }
    if (!mayBeProto(bytes)) return parseTextBytes(bytes, opts);
    // Binary-looking input: a profile if it decodes to goroutines; otherwise give text a chance
    // (ANSI colour codes in a log also look binary) and keep whichever understood something.
    const proto = protoOrNull(bytes);
    if (proto !== null && proto.goroutines.length > 0) return proto;
    const text = parseTextBytes(bytes, opts);
    if (text.goroutines.length > 0 || proto === null) return text;
    return proto;
  }
  const p = createDumpParser(opts);
  p.push(input);
  return p.finish();
}

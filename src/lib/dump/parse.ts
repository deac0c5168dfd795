/**
 * parseDump: one entry point for every goroutine dump format. Text is parsed line by line
 * (parse-text.ts); bytes are checked for a gzip'd or raw protobuf profile first. Never throws.
 */
import type { Dump } from './model.ts';
import { createTextDumpParser, type DumpParser, type ParseOptions } from './parse-text.ts';
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

/** Whether bytes look like a protobuf profile rather than text: gzip magic, or a binary first field. */
function looksBinary(b: Uint8Array): boolean {
  if (isGzip(b)) return true;
  // An uncompressed Profile starts with field 1 (sample_type, length-delimited): tag 0x0a.
  if (b.length > 0 && b[0] === 0x0a) {
    const n = Math.min(b.length, 64);
    let ctl = 0;
    for (let i = 0; i < n; i++) if (b[i] < 9 || (b[i] > 13 && b[i] < 32)) ctl++;
    return ctl > 2;
  }
  return false;
}

const CHUNK = 1 << 20;

export function parseDump(input: string | Uint8Array, opts: ParseOptions = {}): Dump {
  if (typeof input !== 'string') {
    if (looksBinary(input)) {
      try {
        const d = parseProto(input);
        if (d !== null) return d;
      } catch (e) {
        return { format: 'pprof-proto', total: 0, goroutines: [], warnings: [{ message: `could not decode the profile: ${(e as Error).message}` }] };
      }
    }
    // Decode in slices so a 100 MB file never becomes one string.
    const p = createDumpParser(opts);
    const dec = new TextDecoder('utf-8');
    for (let i = 0; i < input.length; i += CHUNK) {
      p.push(dec.decode(input.subarray(i, Math.min(i + CHUNK, input.length)), { stream: true }));
    }
    p.push(dec.decode());
    return p.finish();
  }
  const p = createDumpParser(opts);
  p.push(input);
  return p.finish();
}

/**
 * parseDump: one entry point for every goroutine dump format. Text is parsed line by line
 * (parse-text.ts); bytes go through readDump (read.ts): gzip, protobuf, UTF-16, UTF-8. Never throws.
 */
import type { Dump } from './model.ts';
import { createTextDumpParser, type DumpParser, type ParseOptions } from './parse-text.ts';
import { readDump } from './read.ts';

export type { DumpParser, ParseOptions };

/** A streaming parser for text dumps: `push` chunks as they arrive, then `finish()`. Never throws. */
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
    pushBytes(chunk: Uint8Array): void {
      try {
        inner.pushBytes(chunk);
      } catch {
        // As push.
      }
    },
    finish(): Dump {
      try {
        return inner.finish();
      } catch (e) {
        return {
          format: 'traceback',
          total: 0,
          goroutines: [],
          warnings: [{ message: `parser error: ${(e as Error).message}` }],
          leaked: null,
        };
      }
    },
  };
}

export function parseDump(input: string | Uint8Array, opts: ParseOptions = {}): Dump {
  if (typeof input !== 'string') return readDump(input, opts).dump;
  const p = createDumpParser(opts);
  p.push(input);
  return p.finish();
}

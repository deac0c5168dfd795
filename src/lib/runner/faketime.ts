/**
 * Decodes the output of a program built with `-tags=faketime`: every write is framed as
 * "\0\0PB" + 8-byte big-endian fake Unix time (ns) + 4-byte big-endian length + payload.
 * Mirrors golang/playground's Recorder so our events match the Playground's: bytes outside a
 * frame belong to the time of the previous frame, same-time writes of one stream merge, the two
 * streams merge by time, and Delay is the fake time since the previous event.
 */
import { concatBytes } from '../dump/bytes.ts';
import type { EventKind, PlaygroundEvent } from './protocol.ts';

/** Fake time starts here (2009-11-10 23:00:00 UTC), in ns. */
export const FAKETIME_EPOCH_NS = 1257894000n * 1_000_000_000n;
const MAGIC = [0, 0, 0x50, 0x42];
const HEADER_LEN = 12;

interface TimedChunk {
  kind: EventKind;
  time: bigint;
  bytes: Uint8Array[];
}

function indexOfMagic(buf: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= buf.length; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 0x50 && buf[i + 3] === 0x42) return i;
  }
  return -1;
}

function hasMagic(buf: Uint8Array, at: number): boolean {
  return at + 4 <= buf.length && MAGIC.every((b, k) => buf[at + k] === b);
}

/** Decodes one stream into chunks with absolute fake times. Never throws: truncated frames keep what arrived. */
export function decodeStream(kind: EventKind, buf: Uint8Array): TimedChunk[] {
  const chunks: TimedChunk[] = [];
  let last = FAKETIME_EPOCH_NS;
  const add = (time: bigint, bytes: Uint8Array) => {
    if (bytes.length === 0 && chunks.length > 0) return;
    const prev = chunks[chunks.length - 1];
    if (prev && prev.time === time) prev.bytes.push(bytes);
    else chunks.push({ kind, time, bytes: [bytes] });
    last = time;
  };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let i = 0;
  while (i < buf.length) {
    if (!hasMagic(buf, i)) {
      const j = indexOfMagic(buf, i);
      if (j < 0) {
        add(last, buf.subarray(i));
        break;
      }
      add(last, buf.subarray(i, j));
      i = j;
    }
    i += 4;
    if (buf.length - i < HEADER_LEN) {
      // A header cut off by the output cap or a kill: nothing more to recover.
      break;
    }
    let t = view.getBigInt64(i, false);
    if (t < last) t = last;
    const n = view.getUint32(i + 8, false);
    i += HEADER_LEN;
    const end = Math.min(i + n, buf.length);
    add(t, buf.subarray(i, end));
    i += n;
  }
  return chunks.filter((c) => c.bytes.some((b) => b.length > 0));
}

/** Decodes stdout and stderr of a faketime program into Playground events (invalid UTF-8 becomes U+FFFD). */
export function decodeFaketime(stdout: Uint8Array, stderr: Uint8Array): PlaygroundEvent[] {
  const a = decodeStream('stdout', stdout);
  const b = decodeStream('stderr', stderr);
  const merged: TimedChunk[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(a[i].time < b[j].time ? a[i++] : b[j++]);
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);

  const decoder = new TextDecoder('utf-8', { fatal: false });
  const events: PlaygroundEvent[] = [];
  let now = FAKETIME_EPOCH_NS;
  for (const c of merged) {
    let delay = c.time - now;
    if (delay < 0n) delay = 0n;
    events.push({ Message: decoder.decode(concatBytes(c.bytes)), Kind: c.kind, Delay: Number(delay) });
    if (delay > 0n) now = c.time;
  }
  return events;
}

/** Builds one frame; used by tests and by the server when it adds its own messages to a stream. */
export function encodeFrame(timeNs: bigint, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + payload.length);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setBigInt64(4, timeNs, false);
  view.setUint32(12, payload.length, false);
  out.set(payload, 16);
  return out;
}

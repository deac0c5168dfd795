import { describe, expect, it } from 'vitest';
import { decodeFaketime, encodeFrame, FAKETIME_EPOCH_NS } from '../../src/lib/runner/faketime.ts';

const enc = new TextEncoder();
const frame = (offsetNs: bigint, text: string) => encodeFrame(FAKETIME_EPOCH_NS + offsetNs, enc.encode(text));
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('faketime framing', () => {
  it('turns frames into events with Delay relative to the previous event', () => {
    const stdout = cat(frame(0n, 'start\n'), frame(7_200_000_000_000n, 'later\n'));
    expect(decodeFaketime(stdout, new Uint8Array())).toEqual([
      { Message: 'start\n', Kind: 'stdout', Delay: 0 },
      { Message: 'later\n', Kind: 'stdout', Delay: 7.2e12 },
    ]);
  });

  it('merges same-time writes of a stream and interleaves streams by time', () => {
    const stdout = cat(frame(0n, 'a'), frame(0n, 'b\n'), frame(2_000_000_000n, 'd\n'));
    const stderr = frame(1_000_000_000n, 'c\n');
    expect(decodeFaketime(stdout, stderr)).toEqual([
      { Message: 'ab\n', Kind: 'stdout', Delay: 0 },
      { Message: 'c\n', Kind: 'stderr', Delay: 1e9 },
      { Message: 'd\n', Kind: 'stdout', Delay: 1e9 },
    ]);
  });

  it('keeps unframed bytes at the time of the previous frame', () => {
    const stdout = cat(enc.encode('raw before\n'), frame(5n, 'framed\n'), enc.encode('raw after\n'));
    expect(decodeFaketime(stdout, new Uint8Array())).toEqual([
      { Message: 'raw before\n', Kind: 'stdout', Delay: 0 },
      { Message: 'framed\nraw after\n', Kind: 'stdout', Delay: 5 },
    ]);
  });

  it('survives a frame cut short by the output cap', () => {
    const full = frame(0n, 'complete\n');
    const cut = frame(10n, 'this payload is cut').subarray(0, 20);
    const events = decodeFaketime(cat(full, cut), new Uint8Array());
    expect(events[0].Message).toBe('complete\n');
    expect(events.map((e) => e.Message).join('')).toBe('complete\nthis');
    expect(decodeFaketime(cat(full, cut.subarray(0, 10)), new Uint8Array())).toEqual([{ Message: 'complete\n', Kind: 'stdout', Delay: 0 }]);
  });

  it('replaces invalid UTF-8 rather than failing', () => {
    const events = decodeFaketime(encodeFrame(FAKETIME_EPOCH_NS, Uint8Array.of(0x61, 0xff, 0x62)), new Uint8Array());
    expect(events[0].Message).toBe('a\uFFFDb');
  });

  it('passes plain output (no framing at all) through as one event', () => {
    expect(decodeFaketime(enc.encode('hello\n'), new Uint8Array())).toEqual([{ Message: 'hello\n', Kind: 'stdout', Delay: 0 }]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import {
  decodeShare,
  encodeShare,
  fromBase64Url,
  hasSharedCode,
  isTooLongForSharing,
  MAX_SHARED_SOURCE_BYTES,
  SHARE_URL_SOFT_LIMIT,
  shareUrl,
  toBase64Url,
} from '../../src/lib/share/codec.ts';

const program = `package main

import "fmt"

func main() {
\tch := make(chan int)
\tgo func() { ch <- 1 }()
\tfmt.Println("bye")
}
`;

function roundTrip(code: string, from?: string) {
  const enc = encodeShare({ code, from });
  if (!enc.ok) throw new Error('encode failed');
  return decodeShare(enc.fragment);
}

describe('share codec', () => {
  it('round-trips a program and its source id through the fragment', () => {
    const enc = encodeShare({ code: program, from: '02-channels/send-no-receiver' });
    expect(enc.ok).toBe(true);
    if (!enc.ok) return;
    expect(enc.fragment).toMatch(/^#code=[A-Za-z0-9_-]+&from=02-channels%2Fsend-no-receiver$/);
    // Compressed: a real lesson program makes a link shorter than its source.
    const lesson = readFileSync('content/programs/02-channels/send-no-receiver.go', 'utf8');
    const lessonEnc = encodeShare({ code: lesson });
    expect(lessonEnc.ok && lessonEnc.length).toBeLessThan(lesson.length);
    expect(decodeShare(enc.fragment)).toEqual({ ok: true, program: { code: program, from: '02-channels/send-no-receiver' } });
    // Without the leading '#', as some callers pass location.hash.slice(1).
    expect(decodeShare(enc.fragment.slice(1))).toEqual({ ok: true, program: { code: program, from: '02-channels/send-no-receiver' } });
  });

  it('keeps unicode, CRLF, tabs, NUL and the empty program exactly', () => {
    for (const code of ['', 'fmt.Println("你好，世界 👋 ünïcödé")\r\n\t\0end', '\u{1F600}'.repeat(1000)]) {
      expect(roundTrip(code)).toEqual({ ok: true, program: { code } });
    }
  });

  it('round-trips arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (code) => {
        const r = roundTrip(code);
        return r.ok && r.program.code === code;
      }),
    );
  });

  it('drops a source id that is not a program or exercise id instead of trusting it', () => {
    expect(roundTrip(program, '../../etc/passwd')).toEqual({ ok: true, program: { code: program } });
    const enc = encodeShare({ code: 'x' });
    if (!enc.ok) throw new Error('encode failed');
    expect(decodeShare(`${enc.fragment}&from=<script>`)).toEqual({ ok: true, program: { code: 'x' } });
  });

  it('reports each kind of corrupt fragment with its own error', () => {
    expect(decodeShare('')).toEqual({ ok: false, error: 'missing' });
    expect(decodeShare('#from=02-channels/x')).toEqual({ ok: false, error: 'missing' });
    expect(decodeShare('#code=')).toEqual({ ok: false, error: 'missing' });
    expect(decodeShare('#code=abc$def')).toEqual({ ok: false, error: 'badBase64' });
    expect(decodeShare('#code=abcde')).toEqual({ ok: false, error: 'badBase64' });
    // Valid base64url, but not DEFLATE data.
    expect(decodeShare(`#code=${toBase64Url(new TextEncoder().encode('definitely not deflate data!!'))}`)).toEqual({
      ok: false,
      error: 'badData',
    });
    // A link cut off in transit.
    const enc = encodeShare({ code: program.repeat(20) });
    if (!enc.ok) throw new Error();
    const cut = enc.fragment.slice(0, Math.floor(enc.fragment.length / 2));
    expect(decodeShare(cut)).toMatchObject({ ok: false });
    // Deflated bytes that are not UTF-8.
    expect(decodeShare(`#code=${toBase64Url(deflateSync(new Uint8Array([0xff, 0xfe, 0xc3])))}`)).toEqual({ ok: false, error: 'badText' });
    expect(decodeShare(`#v=2&${enc.fragment.slice(1)}`)).toEqual({ ok: false, error: 'unsupportedVersion' });
    expect(decodeShare(`#v=1&${enc.fragment.slice(1)}`)).toMatchObject({ ok: true });
  });

  it('refuses sources over the runner limit, and decompression bombs', () => {
    const big = 'x'.repeat(MAX_SHARED_SOURCE_BYTES + 1);
    expect(encodeShare({ code: big })).toEqual({ ok: false, error: 'tooLarge', bytes: MAX_SHARED_SOURCE_BYTES + 1 });
    expect(roundTrip('x'.repeat(MAX_SHARED_SOURCE_BYTES))).toMatchObject({ ok: true });
    // 10 MB of zeros compresses to ~10 KB; decoding must stop at the limit.
    const bomb = toBase64Url(deflateSync(new Uint8Array(10_000_000), { level: 9 }));
    expect(decodeShare(`#code=${bomb}`)).toEqual({ ok: false, error: 'tooLarge' });
  });

  it('flags links over the soft length limit, which still decode', () => {
    const short = shareUrl('https://lab.example/play/', { code: program, from: 'play' });
    expect(short.ok && short.url).toMatch(/^https:\/\/lab\.example\/play\/#code=/);
    expect(isTooLongForSharing(short.url!)).toBe(false);
    // Random text barely compresses: ~9 KB of it makes a link past the limit.
    let seed = 1;
    const noisy = Array.from({ length: 9000 }, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90))).join('');
    const long = shareUrl('https://lab.example/play/#old', { code: noisy });
    expect(long.ok).toBe(true);
    expect(long.url!.length).toBeGreaterThan(SHARE_URL_SOFT_LIMIT);
    expect(long.url!.startsWith('https://lab.example/play/#code=')).toBe(true);
    expect(isTooLongForSharing(long.url!)).toBe(true);
    expect(decodeShare(new URL(long.url!).hash)).toEqual({ ok: true, program: { code: noisy } });
  });

  it('recognises share fragments and base64url edge cases', () => {
    expect(hasSharedCode('#code=abc')).toBe(true);
    expect(hasSharedCode('#overview')).toBe(false);
    expect(fromBase64Url('')).toEqual(new Uint8Array());
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(toBase64Url(bytes)).not.toMatch(/[+/=]/);
  });
});

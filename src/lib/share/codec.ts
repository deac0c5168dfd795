/**
 * Share links: the program's source (and where it came from) compressed with raw DEFLATE and
 * encoded as base64url in the URL fragment, `/play/#code=<data>&from=<id>`. Nothing is stored on
 * a server, and the fragment never reaches one. Pure and synchronous (fflate), so the browser,
 * Node and the tests share it.
 */
import { deflateSync, inflateSync } from 'fflate';

/** Longest source a link may carry: the runner's own limit (MAX_SOURCE_BYTES). */
export const MAX_SHARED_SOURCE_BYTES = 64 * 1024;
/**
 * Links longer than this get a warning: some chat tools, mail clients, proxies and older
 * browsers cut URLs at around 8 000 characters. Longer links still work where they arrive whole.
 */
export const SHARE_URL_SOFT_LIMIT = 8000;
export const SHARE_FORMAT_VERSION = 1;
/** Program paths (`02-channels/send-no-receiver`), exercise ids or `play`. */
const FROM_PATTERN = /^[a-z0-9][a-z0-9-]{0,80}(\/[a-z0-9][a-z0-9-]{0,80})?$/;

export interface SharedProgram {
  code: string;
  /** Program or exercise id the code started from, when known. */
  from?: string;
}

export type ShareDecodeError =
  | 'missing' // no `code=` in the fragment
  | 'badBase64' // characters outside base64url, or an impossible length
  | 'badData' // not valid DEFLATE data (cut off or altered)
  | 'badText' // decompressed bytes are not UTF-8
  | 'tooLarge' // more than MAX_SHARED_SOURCE_BYTES once decompressed
  | 'unsupportedVersion'; // made by a newer version of the lab

export type ShareDecodeResult = { ok: true; program: SharedProgram } | { ok: false; error: ShareDecodeError };

export type ShareEncodeResult = { ok: true; fragment: string; length: number } | { ok: false; error: 'tooLarge'; bytes: number };

export function encodeShare(program: SharedProgram): ShareEncodeResult {
  const bytes = new TextEncoder().encode(program.code);
  if (bytes.length > MAX_SHARED_SOURCE_BYTES) return { ok: false, error: 'tooLarge', bytes: bytes.length };
  const params = new URLSearchParams();
  params.set('code', toBase64Url(deflateSync(bytes, { level: 9 })));
  if (program.from !== undefined && FROM_PATTERN.test(program.from)) params.set('from', program.from);
  const fragment = `#${params.toString()}`;
  return { ok: true, fragment, length: fragment.length };
}

/** The full link for a page URL such as `https://lab.example/play/`. */
export function shareUrl(base: string, program: SharedProgram): ShareEncodeResult & { url?: string } {
  const encoded = encodeShare(program);
  if (!encoded.ok) return encoded;
  const url = base.replace(/#.*$/, '') + encoded.fragment;
  return { ...encoded, length: url.length, url };
}

export function isTooLongForSharing(url: string): boolean {
  return url.length > SHARE_URL_SOFT_LIMIT;
}

/** Decodes `location.hash` (with or without the leading `#`). */
export function decodeShare(hash: string): ShareDecodeResult {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const version = params.get('v');
  if (version !== null && version !== String(SHARE_FORMAT_VERSION)) return { ok: false, error: 'unsupportedVersion' };
  const data = params.get('code');
  if (data === null || data === '') return { ok: false, error: 'missing' };
  const compressed = fromBase64Url(data);
  if (compressed === null) return { ok: false, error: 'badBase64' };
  // One byte more than allowed tells "too large" from "exactly at the limit" without ever
  // holding more than the limit in memory (a zip bomb stops at the buffer's end).
  const out = new Uint8Array(MAX_SHARED_SOURCE_BYTES + 1);
  let raw: Uint8Array;
  try {
    raw = inflateSync(compressed, { out });
  } catch {
    return { ok: false, error: 'badData' };
  }
  if (raw.length > MAX_SHARED_SOURCE_BYTES) return { ok: false, error: 'tooLarge' };
  let code: string;
  try {
    code = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, error: 'badText' };
  }
  const from = params.get('from');
  return { ok: true, program: from !== null && FROM_PATTERN.test(from) ? { code, from } : { code } };
}

/** True when the fragment looks like a share link (so a page can ignore unrelated anchors). */
export function hasSharedCode(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).has('code');
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(b64);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

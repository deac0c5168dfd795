/** Small HTTP helpers shared by the API and static handlers (node:http, no framework). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request we refuse: becomes `{error, code}` with this status. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * CORS details for allowed origins. Access-Control-Allow-Origin itself is set per request by
 * index.ts, only for the server's own origin and those the operator allows: a wildcard would let any
 * page a learner visits run code on their machine.
 */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '86400',
  'Access-Control-Expose-Headers': 'X-Cache, Retry-After',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { error: err.message, code: err.code }, err.headers);
}

/** Reads the whole body, refusing (413) as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (err) => {
      if (!done) {
        done = true;
        reject(new HttpError(400, 'bad-request', `could not read the request body: ${err.message}`));
      }
    });
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'too-large', `request body too large (limit ${Math.floor(limit / 1024)} KiB)`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'not-utf8', `${what} is not valid UTF-8`);
  }
}

function percentDecode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b) out.push(0x20);
    else if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) out.push(c);
    else out.push(...Buffer.from(s[i], 'utf8'));
  }
  return Uint8Array.from(out);
}

/**
 * Parses application/x-www-form-urlencoded strictly: URLSearchParams would quietly turn invalid
 * UTF-8 into U+FFFD, and the learner deserves to hear that their upload was mangled instead.
 */
export function parseForm(raw: Buffer): Map<string, string> {
  const text = decodeUtf8(raw, 'the request body');
  const out = new Map<string, string>();
  if (text === '') return out;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeUtf8(percentDecode(eq < 0 ? pair : pair.slice(0, eq)), 'a form field name');
    const value = decodeUtf8(percentDecode(eq < 0 ? '' : pair.slice(eq + 1)), `form field "${key}"`);
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

export interface BodyFields {
  body: string | undefined;
  fields: Map<string, string | boolean>;
}

/** Accepts the Playground's form encoding or a JSON object, like golang/playground does. */
export function parseRequestFields(req: IncomingMessage, raw: Buffer): BodyFields {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const looksJson = type.includes('json') || (!type.includes('form') && raw.subarray(0, 64).toString('latin1').trimStart().startsWith('{'));
  if (looksJson) {
    const text = decodeUtf8(raw, 'the request body');
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (err) {
      throw new HttpError(400, 'bad-json', `request body is not valid JSON: ${(err as Error).message}`);
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new HttpError(400, 'bad-json', 'request body must be a JSON object');
    const fields = new Map<string, string | boolean>();
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      const key = k.toLowerCase();
      if (typeof v === 'string' || typeof v === 'boolean') fields.set(key, v);
      else if (typeof v === 'number') fields.set(key, String(v));
    }
    const body = fields.get('body');
    if (body !== undefined && typeof body !== 'string') throw new HttpError(400, 'bad-json', '"body" must be a string');
    if (typeof body === 'string' && !body.isWellFormed())
      throw new HttpError(400, 'not-utf8', 'the program is not valid UTF-8 (lone surrogate)');
    return { body: body as string | undefined, fields };
  }
  const form = parseForm(raw);
  // Field names are matched case-insensitively (withVet, withvet), as for JSON.
  const fields = new Map<string, string | boolean>([...form].map(([k, v]) => [k.toLowerCase(), v]));
  const body = fields.get('body');
  return { body: typeof body === 'string' ? body : undefined, fields };
}

export function flag(v: string | boolean | undefined): boolean {
  if (typeof v === 'boolean') return v;
  return v !== undefined && /^(1|t|true|yes|on)$/i.test(v);
}

/** The Playground-compatible API: /api/compile, /api/fmt, /api/version, /api/health. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CompileResponse, FmtResponse } from '../src/lib/runner/protocol.ts';
import { MAX_SOURCE_BYTES } from '../src/lib/runner/protocol.ts';
import { TxtarError, splitFiles } from '../src/lib/runner/txtar.ts';
import { LruCache, cacheKey } from './cache.ts';
import { HttpError, flag, parseForm, parseRequestFields, readBody, sendError, sendJson, CORS_HEADERS } from './http.ts';
import type { Backend } from './backend.ts';
import type { JobQueue } from './queue.ts';

export interface ApiContext {
  backend: Backend;
  queue: JobQueue;
  cache: LruCache<CompileResponse>;
  health: () => Record<string, unknown>;
  /** Who sent the request, for fair sharing: the peer's address, or the proxy's word for it when trusted. */
  client: (req: IncomingMessage) => string;
  /** Addresses learners on the LAN can use (empty when the server listens on loopback only). */
  addresses: () => { addresses: { address: string; interface: string }[]; port: number; bound: string };
}

// Form encoding can triple the size of the source; the decoded source is checked separately.
const MAX_REQUEST_BYTES = MAX_SOURCE_BYTES * 3 + 4096;

const ROUTES: Record<string, string[]> = {
  compile: ['POST'],
  fmt: ['POST'],
  version: ['GET', 'HEAD', 'POST'],
  health: ['GET', 'HEAD'],
  addresses: ['GET', 'HEAD'],
};

/** Results that depend on load or luck are not cached, so a retry gets a fresh answer. */
function cacheable(r: CompileResponse): boolean {
  const text =
    r.Errors +
    (r.Events ?? [])
      .filter((e) => e.Kind === 'stderr')
      .map((e) => e.Message)
      .join('');
  return !/timeout running go build|timeout running program|out of memory|cannot allocate memory|output truncated/.test(text);
}

/**
 * Reads the request's fields the way the Playground's Go handlers do with `r.FormValue`: the form
 * (or JSON) body first, then the query string. Third-party clients POST `version=2&body=...` in
 * the query string with an empty body, and go.dev's front end puts `backend=` there.
 */
async function readFields(req: IncomingMessage): Promise<Map<string, string | boolean>> {
  const raw = await readBody(req, MAX_REQUEST_BYTES);
  const { fields } = parseRequestFields(req, raw);
  const q = (req.url ?? '').indexOf('?');
  if (q >= 0) {
    if (Buffer.byteLength(req.url!) - q > MAX_REQUEST_BYTES) {
      throw new HttpError(413, 'too-large', `request too large (limit ${Math.floor(MAX_REQUEST_BYTES / 1024)} KiB)`);
    }
    for (const [k, v] of parseForm(Buffer.from(req.url!.slice(q + 1), 'latin1'))) {
      const key = k.toLowerCase();
      if (!fields.has(key)) fields.set(key, v);
    }
  }
  const body = fields.get('body');
  if (typeof body === 'string' && Buffer.byteLength(body) > MAX_SOURCE_BYTES) {
    throw new HttpError(413, 'too-large', `program too large (${Buffer.byteLength(body)} bytes, limit ${MAX_SOURCE_BYTES / 1024} KiB)`);
  }
  return fields;
}

/** What `go build` says about an empty prog.go: the Playground answers an empty program this way. */
const EMPTY_PROGRAM = "prog.go:1:1: expected 'package', found 'EOF'\n";

function compileError(errors: string): CompileResponse {
  return { Errors: errors, Events: null, Status: 0, IsTest: false, TestsFailed: 0 };
}

function backendField(fields: Map<string, string | boolean>): string {
  const v = fields.get('backend');
  return typeof v === 'string' ? v : '';
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, route: string, ctx: ApiContext): Promise<void> {
  const allowed = ROUTES[route];
  if (!allowed) throw new HttpError(404, 'not-found', `no such API endpoint: ${req.url?.split('?')[0]}`);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS_HEADERS, Allow: [...allowed, 'OPTIONS'].join(', ') });
    res.end();
    return;
  }
  if (!allowed.includes(req.method ?? '')) {
    throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed here; use ${allowed.join(' or ')}`, {
      Allow: [...allowed, 'OPTIONS'].join(', '),
    });
  }

  if (route === 'health') return sendJson(res, 200, ctx.health());
  if (route === 'addresses') return sendJson(res, 200, ctx.addresses());
  if (route === 'version') return sendJson(res, 200, await ctx.backend.version());

  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  const fields = await readFields(req);
  const rawBody = fields.get('body');
  const body = typeof rawBody === 'string' ? rawBody : '';
  const go = ctx.backend.pickGo(backendField(fields));
  if (typeof go === 'string') {
    return sendJson(res, 200, route === 'fmt' ? ({ Body: '', Error: go.trim() } satisfies FmtResponse) : compileError(go));
  }

  if (route === 'fmt') {
    if (body.trim() === '') return sendJson(res, 200, { Body: '', Error: EMPTY_PROGRAM.trim() } satisfies FmtResponse);
    const imports = flag(fields.get('imports'));
    const out = await ctx.queue.run(
      async () => {
        try {
          return await ctx.backend.fmt({ body, imports, go, signal: aborted.signal });
        } catch (err) {
          if (err instanceof TxtarError) return { Body: '', Error: err.message };
          throw err;
        }
      },
      aborted.signal,
      ctx.client(req),
    );
    return sendJson(res, 200, out);
  }

  // compile: an empty program or a broken archive is the learner's mistake on every backend; the
  // Playground answers both with 200 and the message in Errors, which every client shows.
  if (body.trim() === '') return sendJson(res, 200, compileError(EMPTY_PROGRAM));
  try {
    splitFiles(body);
  } catch (err) {
    if (err instanceof TxtarError) return sendJson(res, 200, compileError(err.message.endsWith('\n') ? err.message : err.message + '\n'));
    throw err;
  }
  const withVet = flag(fields.get('withvet'));
  // The release is part of the key: the same program can behave differently on 1.26 and 1.27.
  const key = cacheKey(`compile\0${go.cacheScope}`, body, withVet);
  const hit = ctx.cache.get(key);
  if (hit) return sendJson(res, 200, hit, { 'X-Cache': 'hit' });
  let out: CompileResponse;
  try {
    out = await ctx.queue.run(
      (slot) => ctx.backend.compile({ body, withVet, go, slot, signal: aborted.signal }),
      aborted.signal,
      ctx.client(req),
    );
  } catch (err) {
    if (err instanceof TxtarError) return sendJson(res, 200, compileError(err.message + '\n'));
    throw err;
  }
  if (cacheable(out)) ctx.cache.set(key, out);
  sendJson(res, 200, out, { 'X-Cache': 'miss' });
}

/**
 * An unexpected failure answers a fixed sentence and an id to quote: its message may carry the
 * server's paths (a temp directory, the toolchain), which are for the operator's log only.
 */
export function replyError(res: ServerResponse, err: unknown): void {
  if (err instanceof HttpError) return sendError(res, err);
  const id = randomBytes(4).toString('hex');
  console.error(`leaklab server: unexpected error ${id}:`, err);
  sendError(res, new HttpError(500, 'internal', `internal error (id ${id}); the server's log has the details`));
}

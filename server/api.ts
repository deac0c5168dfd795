/** The Playground-compatible API: /api/compile, /api/fmt, /api/version, /api/health. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CompileResponse, VersionResponse } from '../src/lib/runner/protocol.ts';
import { MAX_SOURCE_BYTES } from '../src/lib/runner/protocol.ts';
import { TxtarError, splitFiles } from '../src/lib/runner/txtar.ts';
import { LruCache, cacheKey } from './cache.ts';
import { HttpError, flag, parseRequestFields, readBody, sendError, sendJson, CORS_HEADERS } from './http.ts';
import type { LocalBackend } from './local.ts';
import type { ProxyBackend } from './proxy.ts';
import type { JobQueue } from './queue.ts';

export interface ApiContext {
  backend: { kind: 'local'; impl: LocalBackend } | { kind: 'proxy'; impl: ProxyBackend };
  queue: JobQueue;
  cache: LruCache<CompileResponse>;
  version: () => Promise<VersionResponse>;
  health: () => Record<string, unknown>;
}

// Form encoding can triple the size of the source; the decoded source is checked separately.
const MAX_REQUEST_BYTES = MAX_SOURCE_BYTES * 3 + 4096;

const ROUTES: Record<string, string[]> = {
  compile: ['POST'],
  fmt: ['POST'],
  version: ['GET', 'HEAD', 'POST'],
  health: ['GET', 'HEAD'],
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

async function readSource(req: IncomingMessage): Promise<{ body: string; fields: Map<string, string | boolean> }> {
  const raw = await readBody(req, MAX_REQUEST_BYTES);
  const { body, fields } = parseRequestFields(req, raw);
  if (body === undefined || body === '')
    throw new HttpError(400, 'missing-body', 'missing "body": send the Go program as the "body" form field or JSON property');
  if (Buffer.byteLength(body) > MAX_SOURCE_BYTES) {
    throw new HttpError(413, 'too-large', `program too large (${Buffer.byteLength(body)} bytes, limit ${MAX_SOURCE_BYTES / 1024} KiB)`);
  }
  return { body, fields };
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
  if (route === 'version') return sendJson(res, 200, await ctx.version());

  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  const { body, fields } = await readSource(req);

  if (route === 'fmt') {
    const imports = flag(fields.get('imports'));
    const be = ctx.backend;
    const out = await ctx.queue.run(async () => {
      try {
        return be.kind === 'local' ? await be.impl.fmt(body) : await be.impl.fmt(body, imports);
      } catch (err) {
        if (err instanceof TxtarError) return { Body: '', Error: err.message };
        throw err;
      }
    }, aborted.signal);
    return sendJson(res, 200, out);
  }

  // compile: a broken archive is the client's mistake on every backend, so say so before any work.
  try {
    splitFiles(body);
  } catch (err) {
    if (err instanceof TxtarError) throw new HttpError(400, 'bad-txtar', err.message);
    throw err;
  }
  const withVet = flag(fields.get('withvet'));
  const key = cacheKey('compile', body, withVet);
  const hit = ctx.cache.get(key);
  if (hit) return sendJson(res, 200, hit, { 'X-Cache': 'hit' });
  let out: CompileResponse;
  try {
    const be = ctx.backend;
    out = await ctx.queue.run(
      (slot) => (be.kind === 'local' ? be.impl.compile(body, withVet, slot, aborted.signal) : be.impl.compile(body, withVet)),
      aborted.signal,
    );
  } catch (err) {
    if (err instanceof TxtarError) throw new HttpError(400, 'bad-txtar', err.message);
    throw err;
  }
  if (cacheable(out)) ctx.cache.set(key, out);
  sendJson(res, 200, out, { 'X-Cache': 'miss' });
}

export function replyError(res: ServerResponse, err: unknown): void {
  if (err instanceof HttpError) return sendError(res, err);
  console.error('leaklab server: unexpected error:', err);
  sendError(res, new HttpError(500, 'internal', `internal error: ${(err as Error)?.message ?? String(err)}`));
}

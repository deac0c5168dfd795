/**
 * The HTTP side of `leaklab watch`: read-only GETs of a pprof endpoint, each with a timeout and a
 * size cap, redirects followed only within the same origin, and failures worded for a person who
 * typed the URL (refused, 404, a login page, a timeout), not as a stack of undici errors.
 */
import { concatBytes } from '../src/lib/dump/bytes.ts';

/** Profiles larger than this are refused: a dump of ~250k goroutines; anything bigger is not a service to watch this way. */
export const MAX_BYTES = 256 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export class FetchError extends Error {}

export interface Fetched {
  bytes: Uint8Array;
  contentType: string;
  url: string;
}

export interface FetchOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes?: number;
}

function why(e: unknown, url: string, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `${url} did not answer within ${timeoutMs / 1000} s`;
  const code = err.cause?.code;
  const host = new URL(url).host;
  if (code === 'ECONNREFUSED') return `connection refused by ${host}: is the service running and listening there?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve host ${new URL(url).hostname}`;
  if (code === 'ECONNRESET') return `${host} closed the connection`;
  return `${url}: ${err.cause?.message ?? err.message}`;
}

/** Reads a body up to a cap; over it, the request is abandoned. */
async function readCapped(res: Response, max: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) throw new FetchError(`${url} answered ${declared} bytes, more than the ${max >> 20} MiB limit`);
  if (!res.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let n = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) {
      await reader.cancel();
      throw new FetchError(`${url} answered more than the ${max >> 20} MiB limit`);
    }
    parts.push(value);
  }
  return concatBytes(parts);
}

/** One GET; throws FetchError with a sentence for a person. */
export async function getBounded(url: string, o: FetchOptions): Promise<Fetched> {
  const origin = new URL(url).origin;
  let at = url;
  const signal = AbortSignal.timeout(o.timeoutMs);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let res: Response;
    try {
      res = await fetch(at, { method: 'GET', headers: o.headers, redirect: 'manual', signal });
    } catch (e) {
      throw new FetchError(why(e, at, o.timeoutMs));
    }
    if (res.status >= 300 && res.status < 400) {
      const loc = res.headers.get('location');
      await res.body?.cancel();
      if (!loc) throw new FetchError(`${at} redirected (${res.status}) without a Location`);
      const next = new URL(loc, at);
      // Headers often carry a token: they are never sent to another host.
      if (next.origin !== origin) throw new FetchError(`${at} redirected to another host (${next.origin}); not followed`);
      at = next.href;
      continue;
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new FetchError(`${at}: 404 Not Found. Does the service import net/http/pprof, and is the path right (usually /debug/pprof/)?`);
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new FetchError(`${at}: ${res.status} ${res.statusText}. A protected endpoint needs --header 'Authorization: …'`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FetchError(`${at}: HTTP ${res.status} ${res.statusText}`);
    }
    try {
      const bytes = await readCapped(res, o.maxBytes ?? MAX_BYTES, at);
      return { bytes, contentType: res.headers.get('content-type') ?? '', url: at };
    } catch (e) {
      if (e instanceof FetchError) throw e;
      throw new FetchError(why(e, at, o.timeoutMs));
    }
  }
  throw new FetchError(`${url}: more than ${MAX_REDIRECTS} redirects`);
}

export interface Endpoints {
  /** The pprof index, whose listing tells whether goroutineleak exists. */
  index: string;
  goroutine: string;
  goroutineleak: string;
}

/** The index and profile URLs from what the user typed: an index or a goroutine(leak) profile URL. */
export function endpoints(input: string): Endpoints | { error: string } {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return { error: `"${input}" is not a URL; expected something like http://localhost:6060/debug/pprof/` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: `only http and https URLs can be watched, not ${u.protocol}` };
  const m = /\/(goroutine|goroutineleak)\/?$/.exec(u.pathname);
  let base = m ? u.pathname.slice(0, m.index + 1) : u.pathname;
  if (!base.endsWith('/')) base += '/';
  const at = (p: string) => `${u.origin}${base}${p}`;
  return { index: at(''), goroutine: at('goroutine?debug=2'), goroutineleak: at('goroutineleak?debug=2') };
}

/**
 * One client for both backends. The Playground and our server speak the same protocol; only the
 * URL prefix differs (`/compile` vs `/api/compile`). Requests are form-encoded because the
 * Playground's CORS answer has no Allow-Headers, so a JSON content type would fail the preflight.
 */
import {
  goReleaseUrl,
  PLAYGROUND_URL,
  withGoBackend,
  type CompileResponse,
  type FmtResponse,
  type GoBackend,
  type VersionResponse,
} from './protocol.ts';

/** Where a client sends a run: our server (`/api/compile`, same origin by default) or the public Go Playground. */
export const RUN_TARGETS = ['server', 'playground'] as const;
export type RunTarget = (typeof RUN_TARGETS)[number];

export function isRunTarget(v: unknown): v is RunTarget {
  return (RUN_TARGETS as readonly unknown[]).includes(v);
}

export interface ClientOptions {
  target: RunTarget;
  /** Defaults to https://play.golang.org for the playground and '' (same origin) for the server. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Aborts every request of this client (e.g. the Stop button). */
  signal?: AbortSignal;
}

export interface RunnerClient {
  target: RunTarget;
  baseUrl: string;
  /** `goBackend` (the form's `backend=` field): '' (default) = latest Go release, 'goprev' = the previous one, as on go.dev. */
  compile(src: string, opts?: { withVet?: boolean; signal?: AbortSignal; goBackend?: GoBackend }): Promise<CompileResponse>;
  fmt(src: string, imports?: boolean, opts?: { signal?: AbortSignal; goBackend?: GoBackend }): Promise<FmtResponse>;
  version(opts?: { signal?: AbortSignal; goBackend?: GoBackend }): Promise<VersionResponse>;
}

/** Network failure, HTTP error or a body that is not the expected JSON. */
export class RunnerError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(message: string, status: number, code: string) {
    super(message);
    this.name = 'RunnerError';
    this.status = status;
    this.code = code;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function createClient(opts: ClientOptions): RunnerClient {
  const target = opts.target;
  const baseUrl = trimSlash(opts.baseUrl ?? (target === 'playground' ? PLAYGROUND_URL : ''));
  const prefix = target === 'playground' ? baseUrl : `${baseUrl}/api`;
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const where = target === 'playground' ? 'the Go Playground' : 'the runner server';

  async function request<T>(path: string, init: RequestInit, signal?: AbortSignal, be?: GoBackend): Promise<T> {
    const url = pathFor(path, be);
    const signals = [signal, opts.signal].filter((s): s is AbortSignal => !!s);
    let res: Response;
    try {
      res = await doFetch(url, { ...init, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw new RunnerError('The request was cancelled.', 0, 'aborted');
      throw new RunnerError(`Could not reach ${where} at ${url}: ${(err as Error)?.message ?? err}`, 0, 'network');
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const apiErr = body as { error?: string; code?: string } | undefined;
      const detail = apiErr?.error ?? (text.trim().slice(0, 200) || res.statusText);
      throw new RunnerError(`${where} answered ${res.status}: ${detail}`, res.status, apiErr?.code ?? 'http');
    }
    if (body === undefined || body === null || typeof body !== 'object') {
      throw new RunnerError(`${where} sent a response that is not JSON: ${text.slice(0, 200)}`, res.status, 'bad-response');
    }
    return body as T;
  }

  // Our server's prefix is `${baseUrl}/api`; goReleaseUrl swaps the public Playground's host per release.
  const pathFor = (p: string, be: GoBackend | undefined) => goReleaseUrl(prefix, p, be);

  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    body: new URLSearchParams(fields).toString(),
  });

  return {
    target,
    baseUrl,
    async compile(src, o = {}) {
      const resp = await request<CompileResponse>(
        '/compile',
        form(withGoBackend({ version: '2', body: src, withVet: String(o.withVet ?? true) }, o.goBackend)),
        o.signal,
        o.goBackend,
      );
      // Proxies like go.dev's drop fields; normalise so callers can rely on the shape.
      return {
        Errors: resp.Errors ?? '',
        Events: resp.Events ?? null,
        Status: resp.Status ?? 0,
        IsTest: resp.IsTest ?? false,
        TestsFailed: resp.TestsFailed ?? 0,
        VetErrors: resp.VetErrors ?? '',
        VetOK: resp.VetOK ?? false,
        ...(typeof resp.LeakLabNonce === 'string' ? { LeakLabNonce: resp.LeakLabNonce } : {}),
      };
    },
    async fmt(src, imports = false, o = {}) {
      const resp = await request<FmtResponse>(
        '/fmt',
        form(withGoBackend({ body: src, imports: String(imports) }, o.goBackend)),
        o.signal,
        o.goBackend,
      );
      return { Body: resp.Body ?? '', Error: resp.Error ?? '' };
    },
    async version(o = {}) {
      return request<VersionResponse>('/version', { method: 'GET' }, o.signal, o.goBackend);
    },
  };
}

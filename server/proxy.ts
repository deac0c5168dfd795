/** The proxy backend: forwards to play.golang.org (or --upstream) and identifies itself, as the Go team asks. */
import type { CompileResponse, FmtResponse, VersionResponse } from '../src/lib/runner/protocol.ts';
import { PLAYGROUND_URL } from '../src/lib/runner/protocol.ts';
import { HttpError } from './http.ts';

export const USER_AGENT = 'GoroutineLeakLab/0.1.0 (+https://github.com/goroutine-leak-lab/goroutine-leak-lab)';
const UPSTREAM_TIMEOUT_MS = 30_000;

export class ProxyBackend {
  readonly upstream: string;
  constructor(upstream = PLAYGROUND_URL) {
    this.upstream = upstream.replace(/\/+$/, '');
  }

  /**
   * Where a request for `backend` goes. go.dev's front end posts to its own `/_/compile?backend=goprev`
   * and go.dev forwards that to the matching Playground, `<backend>play.golang.org` (goprevplay,
   * gotipplay). So for the public Playground we call that host directly; any other upstream (a
   * self-hosted Playground, another of our servers) gets `backend=` in the query string, which a
   * FormValue-reading server sees as well as the form field.
   */
  urlFor(pathname: string, backend = ''): string {
    if (!backend) return `${this.upstream}${pathname}`;
    if (this.upstream === PLAYGROUND_URL) return `https://${backend}play.golang.org${pathname}`;
    return `${this.upstream}${pathname}?backend=${encodeURIComponent(backend)}`;
  }

  private async call<T>(pathname: string, form: Record<string, string> | null, backend = ''): Promise<T> {
    const url = this.urlFor(pathname, backend);
    let res: Response;
    try {
      res = await fetch(url, {
        method: form ? 'POST' : 'GET',
        headers: { 'User-Agent': USER_AGENT, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
        body: form ? new URLSearchParams(form).toString() : undefined,
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
        redirect: 'follow',
      });
    } catch (err) {
      const e = err as Error;
      const why =
        e.name === 'TimeoutError' ? `no answer within ${UPSTREAM_TIMEOUT_MS / 1000} s` : ((e.cause as Error)?.message ?? e.message);
      throw new HttpError(502, 'upstream-unreachable', `the Go Playground (${url}) could not be reached: ${why}`);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      throw new HttpError(
        502,
        'upstream-error',
        `the Go Playground answered ${res.status} ${res.statusText}: ${text.trim().slice(0, 300)}`,
      );
    }
    try {
      const body = JSON.parse(text);
      if (!body || typeof body !== 'object') throw new Error('not an object');
      return body as T;
    } catch {
      throw new HttpError(502, 'upstream-bad-response', `the Go Playground sent something that is not JSON: ${text.slice(0, 200)}`);
    }
  }

  async compile(body: string, withVet: boolean, backend = ''): Promise<CompileResponse> {
    const form: Record<string, string> = { version: '2', body, withVet: String(withVet) };
    if (backend) form.backend = backend;
    const r = await this.call<CompileResponse>('/compile', form, backend);
    return {
      Errors: r.Errors ?? '',
      Events: r.Events ?? null,
      Status: r.Status ?? 0,
      IsTest: r.IsTest ?? false,
      TestsFailed: r.TestsFailed ?? 0,
      ...(r.VetErrors ? { VetErrors: r.VetErrors } : {}),
      ...(r.VetOK ? { VetOK: r.VetOK } : {}),
    };
  }

  async fmt(body: string, imports: boolean, backend = ''): Promise<FmtResponse> {
    const form: Record<string, string> = { body, imports: String(imports) };
    if (backend) form.backend = backend;
    const r = await this.call<FmtResponse>('/fmt', form, backend);
    return { Body: r.Body ?? '', Error: r.Error ?? '' };
  }

  async version(backend = ''): Promise<VersionResponse> {
    return this.call<VersionResponse>('/version', null, backend);
  }
}

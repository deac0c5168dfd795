/** The proxy backend: forwards to play.golang.org (or --upstream) and identifies itself, as the Go team asks. */
import type { CompileResponse, FmtResponse, VersionEntry, VersionResponse } from '../src/lib/runner/protocol.ts';
import { goReleaseUrl, isGoBackend, PLAYGROUND_URL, withGoBackend } from '../src/lib/runner/protocol.ts';
import { unknownGoBackend, type Backend, type BackendInfo, type CompileJob, type FmtJob, type GoChoice } from './backend.ts';
import { HttpError } from './http.ts';

export const USER_AGENT = 'GoroutineLeakLab/0.1.0 (+https://github.com/goroutine-leak-lab/goroutine-leak-lab)';
const UPSTREAM_TIMEOUT_MS = 30_000;

export class ProxyBackend implements Backend {
  readonly kind = 'proxy' as const;
  readonly upstream: string;
  constructor(upstream = PLAYGROUND_URL) {
    this.upstream = upstream.replace(/\/+$/, '');
  }

  private async call<T>(pathname: string, form: Record<string, string> | null, backend = ''): Promise<T> {
    const url = goReleaseUrl(this.upstream, pathname, backend);
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

  pickGo(goBackend: string): GoChoice | string {
    if (!isGoBackend(goBackend)) return unknownGoBackend(goBackend, 'the Go Playground');
    return { goBackend, cacheScope: `proxy:${goBackend}` };
  }

  // The upstream is not told when our client goes away: the Playground's run finishes anyway.
  async compile({ body, withVet, go }: CompileJob): Promise<CompileResponse> {
    const form = withGoBackend({ version: '2', body, withVet: String(withVet) }, go.goBackend);
    const r = await this.call<CompileResponse>('/compile', form, go.goBackend);
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

  async fmt({ body, imports, go }: FmtJob): Promise<FmtResponse> {
    const form = withGoBackend({ body, imports: String(imports) }, go.goBackend);
    const r = await this.call<FmtResponse>('/fmt', form, go.goBackend);
    return { Body: r.Body ?? '', Error: r.Error ?? '' };
  }

  /** The upstream's own /version for one release. */
  upstreamVersion(goBackend = ''): Promise<VersionResponse> {
    return this.call<VersionResponse>('/version', null, goBackend);
  }

  async version(): Promise<VersionResponse> {
    const up = await this.upstreamVersion();
    const v: VersionResponse = { ...up, Backend: this.kind, Isolated: true, IsolationNote: this.describe().isolationNote };
    const versions: VersionEntry[] = [{ Backend: '', Version: v.Version, Release: v.Release.replace(/^go/, '') }];
    // The previous release's Playground answers separately; a slow one must not delay /version.
    const prev = await Promise.race([
      this.upstreamVersion('goprev').catch(() => null),
      new Promise<null>((resolve) => setTimeout(resolve, 1500, null).unref()),
    ]);
    if (prev?.Version) versions.push({ Backend: 'goprev', Version: prev.Version, Release: prev.Release.replace(/^go/, '') });
    return { ...v, Versions: versions };
  }

  describe(): BackendInfo {
    return { goVersion: 'play.golang.org', isolated: true, isolationNote: `programs run on ${this.upstream}` };
  }

  async warm(): Promise<void> {}
}

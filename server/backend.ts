/**
 * What the API asks of a backend. Two implement it: `local.ts` (the server's own Go toolchains,
 * sandboxed) and `proxy.ts` (forwards to play.golang.org); `index.ts` picks one, and `api.ts` only
 * calls these methods, so a new backend is a new class, not a new branch.
 */
import type { CompileResponse, FmtResponse, GoBackend, ServerBackend, VersionResponse } from '../src/lib/runner/protocol.ts';

/** A request's `backend=` field, resolved on this backend. */
export interface GoChoice {
  goBackend: GoBackend;
  /** Part of the cache key: the same program can behave differently on 1.26 and 1.27. */
  cacheScope: string;
}

export interface CompileJob {
  body: string;
  withVet: boolean;
  go: GoChoice;
  /** The queue slot the run holds. */
  slot: number;
  /** The client went away (Stop button): stop the work. */
  signal: AbortSignal;
}

export interface FmtJob {
  body: string;
  /** goimports as well (the Playground's checkbox); the local backend has no goimports offline. */
  imports: boolean;
  go: GoChoice;
  signal: AbortSignal;
}

/** How the backend runs programs, for the `leaklab serve` banner and /api/health. */
export interface BackendInfo {
  /** e.g. go1.27.4, or where the proxy sends runs */
  goVersion: string;
  isolated: boolean;
  isolationNote: string;
}

export interface Backend {
  readonly kind: ServerBackend;
  /**
   * Resolves a Playground `backend` value ('' = latest release, 'goprev' = the previous one), or
   * answers with the learner-facing reason it is not offered here (a line ending in "\n", shown
   * in Errors like the Playground's own messages).
   */
  pickGo(goBackend: string): GoChoice | string;
  compile(job: CompileJob): Promise<CompileResponse>;
  fmt(job: FmtJob): Promise<FmtResponse>;
  /** The whole /api/version answer: release, kind, isolation, and the `Versions` that `backend=` can pick. */
  version(): Promise<VersionResponse>;
  describe(): BackendInfo;
  /** Gets ready for the first run (the local backend builds the faketime runtime into its cache). */
  warm(): Promise<void>;
}

/** A `backend=` value no backend offers: what go.dev's menu has, in the Playground's wording. */
export function unknownGoBackend(goBackend: string, who: string): string {
  return `unknown backend ${JSON.stringify(goBackend)}: ${who} offers "" (latest) and "goprev" (previous release)\n`;
}

/**
 * The Go Playground's /compile protocol, shared by the browser client, the CLI and our server.
 * Field names follow golang/playground exactly so our server is a drop-in replacement.
 */

export type EventKind = 'stdout' | 'stderr';

export interface PlaygroundEvent {
  Message: string;
  Kind: EventKind;
  /** Fake time elapsed since the previous event, in nanoseconds. */
  Delay: number;
}

export interface CompileResponse {
  /** Build errors (text); empty on success. When set, Events is null. */
  Errors: string;
  Events: PlaygroundEvent[] | null;
  /** Exit status of the program (2 for panic/deadlock). */
  Status: number;
  IsTest: boolean;
  TestsFailed: number;
  VetErrors?: string;
  VetOK?: boolean;
  /**
   * Only our local runner: the 32-hex nonce it passed to this run as env LEAKLAB_NONCE; the leak
   * verdict trusts only harness markers carrying it (a program can print fake markers).
   */
  LeakLabNonce?: string;
}

export interface CompileRequest {
  body: string;
  withVet?: boolean;
  /** The Playground's version choice: '' = latest release, 'goprev' = the previous one. */
  backend?: GoBackend;
}

/**
 * The Playground's version choice, go.dev's `backend` field: '' = the latest release, 'goprev' =
 * the previous one ('gotip' is not offered: there is no development toolchain here).
 */
export const GO_BACKENDS = ['', 'goprev'] as const;
export type GoBackend = (typeof GO_BACKENDS)[number];

export function isGoBackend(v: unknown): v is GoBackend {
  return (GO_BACKENDS as readonly unknown[]).includes(v);
}

/**
 * How a request asks for a Go release, for every caller (the browser and CLI client, the server's
 * proxy): go.dev's front end posts to its own `/_/compile?backend=goprev` and forwards that to the
 * matching Playground, `<backend>play.golang.org` (goprevplay, gotipplay), so the public Playground
 * is called on that host directly; any other server (ours, a self-hosted Playground, go.dev's
 * front end) gets `backend=` in the query string, which a FormValue-reading server sees as well
 * as the form field. `base` is the Playground's root or our `/api` prefix, without a trailing slash.
 */
export function goReleaseUrl(base: string, pathname: string, goBackend = ''): string {
  if (!goBackend) return `${base}${pathname}`;
  if (base === PLAYGROUND_URL) return `https://${goBackend}play.golang.org${pathname}`;
  return `${base}${pathname}?backend=${encodeURIComponent(goBackend)}`;
}

/** A request's form fields with the Go release in them too (`backend=`), when one is chosen. */
export function withGoBackend(fields: Record<string, string>, goBackend = ''): Record<string, string> {
  return goBackend ? { ...fields, backend: goBackend } : fields;
}

/**
 * How our server runs programs: 'local' (its own Go toolchains, sandboxed) or 'proxy' (forwarded
 * to play.golang.org). On the wire as /api/version's `Backend`.
 */
export const SERVER_BACKENDS = ['local', 'proxy'] as const;
export type ServerBackend = (typeof SERVER_BACKENDS)[number];

export interface VersionEntry {
  Backend: GoBackend;
  /** e.g. go1.27.4 */
  Version: string;
  /** e.g. 1.27 */
  Release: string;
}

export interface FmtResponse {
  Body: string;
  Error: string;
}

export interface VersionResponse {
  Version: string;
  Release: string;
  Name: string;
  /** Only our server sends this. */
  Backend?: ServerBackend;
  /** Only our server: whether runs are isolated (namespaces, unprivileged user). */
  Isolated?: boolean;
  IsolationNote?: string;
  /** Only our server: the releases `backend=` can pick, the default ('') first. */
  Versions?: VersionEntry[];
}

/** Error body of our server's 4xx/5xx answers. */
export interface ApiError {
  error: string;
  code: string;
}

export const PLAYGROUND_URL = 'https://play.golang.org';
export const MAX_SOURCE_BYTES = 64 * 1024;
export const MAX_OUTPUT_BYTES = 1024 * 1024;
export const BUILD_TIMEOUT_MS = 10_000;
export const RUN_TIMEOUT_MS = 5_000;

/** The Playground `backend` that runs Go `release` ('1.27'), given what /version offers; null when none does. */
export function backendForRelease(release: string, versions: VersionEntry[] | undefined): GoBackend | null {
  return versions?.find((v) => v.Release === release.replace(/^go/, ''))?.Backend ?? null;
}

/**
 * The site and the runner API in one node:http server. `startServer` is what `leaklab serve`,
 * `leaklab run`, the tests and the benchmark use.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, hostname, networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SERVER_BACKENDS, type CompileResponse, type ServerBackend } from '../src/lib/runner/protocol.ts';
import { handleApi, replyError, type ApiContext } from './api.ts';
import type { Backend } from './backend.ts';
import { LruCache } from './cache.ts';
import { CONNECTION_LIMITS, clientKey, limitConnections } from './clients.ts';
import { HttpError } from './http.ts';
import { LocalBackend } from './local.ts';
import { ProxyBackend } from './proxy.ts';
import { JobQueue } from './queue.ts';
import { detectIsolation, SANDBOX_UID, type Isolation } from './sandbox.ts';
import { serveStatic } from './static.ts';
import { findToolchain } from './toolchain.ts';

export interface ServerOptions {
  host?: string;
  port?: number;
  distDir?: string;
  /** 'auto': local when a Go toolchain is found (and may serve this host), else proxy. */
  backend?: BackendOption;
  upstream?: string;
  concurrency?: number;
  queue?: number;
  /** Programs one client may have running plus waiting (default 4); more get 429. */
  perClient?: number;
  /** Take the client's address from X-Forwarded-For (a load balancer in front); off by default. */
  trustProxy?: boolean;
  /** Open connections in all and per client address (defaults in clients.ts). */
  maxConnections?: number;
  maxConnectionsPerClient?: number;
  cacheSize?: number;
  /** Build the faketime runtime before answering (default true); the returned promise waits for it. */
  warm?: boolean;
  /** Local backend limits; default to the Playground's 10 s build and 5 s run. */
  buildTimeoutMs?: number;
  runTimeoutMs?: number;
  /** Cross-origin pages allowed to call the API (embeds on another site), e.g. https://slides.example. */
  allowOrigins?: string[];
  /** Extra Host names this server answers to (host or host:port), e.g. behind a load balancer. */
  allowHosts?: string[];
  /** Serve the local backend to other machines even where no sandbox works (dangerous). */
  unsafeNoSandbox?: boolean;
  /** Tests only: the Go build cache's directory and cap (default: shared per sandbox uid, 1 GiB). */
  goCache?: string;
  goCacheLimitBytes?: number;
  /** Tests only: pretend the sandbox is unavailable. */
  isolation?: Isolation;
}

export interface RunningServer {
  url: string;
  backend: ServerBackend;
  goVersion: string;
  isolated: boolean;
  isolationNote: string;
  /** Where this server's runs get their temporary directories (removed by close()). */
  tempRoot: string | null;
  queue: JobQueue;
  close(): Promise<void>;
}

/** Programs one client may have running plus waiting: a learner rarely has more than a few snippets going. */
export const DEFAULT_PER_CLIENT = 4;

/** What `--backend` and `startServer({ backend })` accept. */
export const BACKEND_OPTIONS = ['auto', ...SERVER_BACKENDS] as const;
export type BackendOption = (typeof BACKEND_OPTIONS)[number];

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const distDir = path.resolve(opts.distDir ?? 'dist');
  const want = opts.backend ?? 'auto';
  const iso = opts.isolation ?? detectIsolation();
  let tc = want === 'proxy' ? null : findToolchain();
  if (want === 'local' && !tc)
    throw new Error('backend "local" needs a Go toolchain: none found (LEAKLAB_GO, .tools/go/ from scripts/fetch-tools.sh, or go on PATH)');
  if (tc && !iso.isolated && !isLoopbackHost(host) && !opts.unsafeNoSandbox) {
    // Without a sandbox, anyone who can reach the runner runs code as this user: not across a network.
    if (want === 'local')
      throw new Error(
        `no sandbox here (${iso.note}); refusing to expose the local runner on ${host}. Use --host 127.0.0.1, --backend proxy, or --unsafe-no-sandbox`,
      );
    console.warn(`leaklab server: no sandbox here (${iso.note}); using the Playground proxy because --host ${host} is not loopback`);
    tc = null;
  }
  const allowOrigins = new Set((opts.allowOrigins ?? []).map(normalizeOrigin));

  const concurrency = opts.concurrency ?? availableParallelism();
  // A workshop room pressing Run together should wait a little, not be refused: at least 32 may queue.
  const queue = new JobQueue(concurrency, opts.queue ?? Math.max(32, concurrency * 8), opts.perClient ?? DEFAULT_PER_CLIENT);
  const trustProxy = opts.trustProxy ?? false;
  const cache = new LruCache<CompileResponse>(opts.cacheSize ?? 500);
  let tempRoot: string | null = null;
  let backend: Backend;
  if (tc) {
    removeStaleRoots();
    tempRoot = mkdtempSync(path.join(tmpdir(), `leaklab-runner-${process.pid}-`));
    trackRoot(tempRoot);
    // The sandbox's uid (root servers drop to nobody) must be able to reach its run directories.
    if (iso.isolated && iso.setpriv) chmodSync(tempRoot, 0o711);
    backend = new LocalBackend({
      toolchain: tc,
      isolation: iso,
      tempRoot,
      goCache: opts.goCache ?? sharedGoCache(iso) ?? path.join(tempRoot, 'gocache'),
      goCacheLimitBytes: opts.goCacheLimitBytes,
      buildTimeoutMs: opts.buildTimeoutMs,
      runTimeoutMs: opts.runTimeoutMs,
    });
  } else {
    backend = new ProxyBackend(opts.upstream);
  }
  const info = backend.describe();

  let warmed = false;
  const ctx: ApiContext = {
    backend,
    queue,
    cache,
    client: (req) => clientKey(req, trustProxy),
    addresses: () => ({ addresses: lanAddresses(host), port, bound: host }),
    health: () => ({
      ok: true,
      backend: backend.kind,
      sandboxed: info.isolated,
      warm: warmed,
      running: queue.running,
      queued: queue.queued,
      cached: cache.size,
    }),
  };

  let port = 0;
  const guard: Guard = {
    boundHost: host,
    port: () => port,
    allowOrigins,
    allowHosts: (opts.allowHosts ?? []).map((h) => h.toLowerCase()),
    // Unsandboxed local runs: this machine only (the proxy's runs happen elsewhere and count as isolated).
    loopbackOnly: !info.isolated && !opts.unsafeNoSandbox,
  };
  const server = createServer(
    {
      headersTimeout: CONNECTION_LIMITS.headersMs,
      requestTimeout: CONNECTION_LIMITS.requestMs,
      keepAliveTimeout: CONNECTION_LIMITS.keepAliveMs,
      // Node checks both timeouts this often (30 s by default, long enough to pile up sockets).
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      handle(req, res, ctx, distDir, guard).catch((err) => {
        try {
          replyError(res, err);
        } catch {
          res.destroy();
        }
      });
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  limitConnections(
    server,
    {
      total: opts.maxConnections ?? CONNECTION_LIMITS.total,
      perClient: opts.maxConnectionsPerClient ?? CONNECTION_LIMITS.perClient,
    },
    trustProxy,
  );

  if (opts.warm !== false) {
    // A failed warm-up is retried once; if it still fails the server serves anyway, but /api/health
    // keeps `warm: false` so readiness checks and the bench can tell.
    for (let attempt = 1; attempt <= 2 && !warmed; attempt++) {
      try {
        await backend.warm();
        warmed = true;
      } catch (err) {
        console.error(`leaklab server: warming the build cache failed (attempt ${attempt} of 2):`, err);
      }
    }
  } else warmed = true;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4321, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  port = addr.port;
  const urlHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    url: `http://${urlHost}:${addr.port}`,
    backend: backend.kind,
    ...info,
    tempRoot,
    queue,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          if (tempRoot) {
            rmSync(tempRoot, { recursive: true, force: true });
            liveRoots.delete(tempRoot);
          }
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

const liveRoots = new Set<string>();
let exitHook = false;

/** A test or script that forgets close() still leaves no temp directory behind. */
function trackRoot(root: string): void {
  liveRoots.add(root);
  if (exitHook) return;
  exitHook = true;
  const clean = () => {
    for (const r of liveRoots) rmSync(r, { recursive: true, force: true });
    liveRoots.clear();
  };
  process.once('exit', clean);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      clean();
      // Alone (a script that did not install its own handler): exit like the default action would.
      if (process.listenerCount(sig) === 0) process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    };
    process.once(sig, onSignal);
  }
}

/** A server that was killed cannot clean up after itself; the next one does, for dead pids only. */
function removeStaleRoots(): void {
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  const me = process.getuid?.() ?? -1;
  for (const name of names) {
    const m = /^leaklab-(?:runner|modfill)-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      // Another user's leftovers are theirs to clean; a failure here must never stop this server.
      if (lstatSync(path.join(tmpdir(), name)).uid !== me) continue;
      process.kill(Number(m[1]), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') {
        try {
          rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
        } catch {
          // Not ours to remove after all (EACCES, EPERM): skip it.
        }
      }
    }
  }
}

/**
 * The build cache outlives a server (Go 1.27's faketime runtime takes ~20 s to build cold), one per
 * sandbox uid. A directory someone else created under that name is not trusted: the caller then
 * falls back to a cache inside this server's own temp directory.
 */
function sharedGoCache(iso: Isolation): string | null {
  const uid = iso.isolated && iso.setpriv ? SANDBOX_UID : (process.getuid?.() ?? -1);
  const dir = path.join(tmpdir(), `leaklab-gocache-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  try {
    const st = lstatSync(dir);
    const creatorOk = st.uid === uid || st.uid === process.getuid?.();
    if (!st.isDirectory() || !creatorOk || (st.mode & 0o077) !== 0) return null;
  } catch {
    return null;
  }
  return dir;
}

interface Guard {
  boundHost: string;
  port: () => number;
  allowOrigins: Set<string>;
  allowHosts: string[];
  /** No sandbox: the local backend serves this machine only. */
  loopbackOnly: boolean;
}

function normalizeOrigin(o: string): string {
  try {
    const u = new URL(o);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
    return u.origin;
  } catch {
    throw new Error(`--allow-origin needs an http(s) origin like https://slides.example, not ${JSON.stringify(o)}`);
  }
}

function isLoopbackHost(h: string): boolean {
  const x = h.replace(/^\[|\]$/g, '').toLowerCase();
  return x === 'localhost' || x === '::1' || /^127\.\d+\.\d+\.\d+$/.test(x) || x === '::ffff:127.0.0.1';
}

function isWildcard(h: string): boolean {
  return h === '0.0.0.0' || h === '::' || h === '' || h === '[::]';
}

function hostPort(h: string, port: number): string {
  const bare = h.replace(/^\[|\]$/g, '').toLowerCase();
  return `${bare.includes(':') ? `[${bare}]` : bare}:${port}`;
}

/** Every Host header value that names this server (host:port): what DNS rebinding cannot forge. */
function ownHosts(g: Guard): Set<string> {
  const port = g.port();
  const names = new Set<string>();
  const add = (h: string) => names.add(hostPort(h, port));
  const loopbackNames = () => ['localhost', '127.0.0.1', '::1'].forEach(add);
  if (isWildcard(g.boundHost)) {
    loopbackNames();
    for (const addrs of Object.values(networkInterfaces())) for (const a of addrs ?? []) add(a.address);
    // Learners in a workshop may type the instructor's machine name.
    add(hostname());
    add(`${hostname()}.local`);
  } else {
    add(g.boundHost);
    if (isLoopbackHost(g.boundHost)) loopbackNames();
  }
  for (const h of g.allowHosts) {
    if (/:\d+$/.test(h) && !h.endsWith(']')) names.add(h);
    else for (const p of [80, 443, port]) names.add(hostPort(h, p));
  }
  return names;
}

function checkHost(req: IncomingMessage, g: Guard): string {
  const raw = String(req.headers.host ?? '').toLowerCase();
  let key = '';
  try {
    const u = new URL(`http://${raw}/`);
    if (u.username || u.password || u.pathname !== '/') throw new Error('not a host');
    key = hostPort(u.hostname, Number(u.port || 80));
  } catch {
    // An unparsable Host never matches.
  }
  if (!raw || !ownHosts(g).has(key))
    throw new HttpError(
      403,
      'forbidden-host',
      `this runner only answers requests addressed to itself (Host ${JSON.stringify(raw)} is not one of its addresses on port ${g.port()})`,
    );
  return raw;
}

function checkOrigin(req: IncomingMessage, res: ServerResponse, g: Guard, host: string): void {
  const origin = req.headers.origin;
  if (origin === undefined) return; // curl, Playground client libraries, `leaklab run`: not a browser page
  const own = `http://${host}`;
  // https too: behind a TLS-terminating proxy the page's origin is https://<the same Host>.
  if (origin === own || origin === `https://${host}` || g.allowOrigins.has(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    return;
  }
  res.setHeader('Vary', 'Origin');
  throw new HttpError(
    403,
    'forbidden-origin',
    `requests from ${origin} are not allowed: only pages served by this runner (${own}) or origins the operator lists with --allow-origin may call it`,
  );
}

function isLoopbackPeer(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, distDir: string, g: Guard): Promise<void> {
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    throw new HttpError(400, 'bad-url', 'malformed request URL');
  }
  const host = checkHost(req, g);
  const api = pathname.startsWith('/api/') || pathname === '/api' ? pathname.slice(5).replace(/\/+$/, '') : null;
  // Tools written for the Playground (present, slides) post to /compile, /fmt and /version.
  const route = api ?? (pathname === '/compile' || pathname === '/fmt' || pathname === '/version' ? pathname.slice(1) : null);
  if (route !== null) {
    checkOrigin(req, res, g, host);
    if (g.loopbackOnly && (route === 'compile' || route === 'fmt') && !isLoopbackPeer(req))
      throw new HttpError(403, 'no-sandbox', 'programs run unsandboxed on this machine, so the runner only serves this machine itself');
    return handleApi(req, res, route, ctx);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed for pages; use GET`, { Allow: 'GET, HEAD' });
  }
  return serveStatic(req, res, distDir, pathname);
}

/**
 * The machine's non-loopback IPv4 addresses, for the workshop page's iframe snippets. A server
 * bound to one address offers only that one; bound to loopback it offers none (nobody else can
 * reach it, and the page then says so).
 */
function lanAddresses(bound: string): { address: string; interface: string }[] {
  const all = Object.entries(networkInterfaces()).flatMap(([name, list]) =>
    (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => ({ address: a.address, interface: name })),
  );
  if (bound === '0.0.0.0' || bound === '::') return all;
  return all.filter((a) => a.address === bound);
}

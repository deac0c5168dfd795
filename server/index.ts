/**
 * The site and the runner API in one node:http server. `startServer` is what `leaklab serve`,
 * `leaklab run`, the tests and the benchmark use.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CompileResponse, VersionResponse } from '../src/lib/runner/protocol.ts';
import { handleApi, replyError, type ApiContext } from './api.ts';
import { LruCache } from './cache.ts';
import { HttpError } from './http.ts';
import { LocalBackend } from './local.ts';
import { ProxyBackend } from './proxy.ts';
import { JobQueue } from './queue.ts';
import { detectIsolation } from './sandbox.ts';
import { serveStatic } from './static.ts';
import { findToolchain } from './toolchain.ts';

export interface ServerOptions {
  host?: string;
  port?: number;
  distDir?: string;
  backend?: 'auto' | 'local' | 'proxy';
  upstream?: string;
  concurrency?: number;
  queue?: number;
  cacheSize?: number;
  /** Build the faketime runtime before answering (default true); the returned promise waits for it. */
  warm?: boolean;
  /** Local backend limits; default to the Playground's 10 s build and 5 s run. */
  buildTimeoutMs?: number;
  runTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  backend: 'local' | 'proxy';
  goVersion: string;
  isolated: boolean;
  isolationNote: string;
  /** Where this server's runs get their temporary directories (removed by close()). */
  tempRoot: string | null;
  queue: JobQueue;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const distDir = path.resolve(opts.distDir ?? 'dist');
  const want = opts.backend ?? 'auto';
  const tc = want === 'proxy' ? null : findToolchain();
  if (want === 'local' && !tc)
    throw new Error('backend "local" needs a Go toolchain: none found (LEAKLAB_GO, .tools/go/ from scripts/fetch-tools.sh, or go on PATH)');

  const concurrency = opts.concurrency ?? availableParallelism();
  // A workshop room pressing Run together should wait a little, not be refused: at least 32 may queue.
  const queue = new JobQueue(concurrency, opts.queue ?? Math.max(32, concurrency * 8));
  const cache = new LruCache<CompileResponse>(opts.cacheSize ?? 500);
  const iso = detectIsolation();
  let tempRoot: string | null = null;
  let backend: ApiContext['backend'];
  if (tc) {
    removeStaleRoots();
    tempRoot = mkdtempSync(path.join(tmpdir(), `leaklab-runner-${process.pid}-`));
    trackRoot(tempRoot);
    backend = {
      kind: 'local',
      impl: new LocalBackend({
        toolchain: tc,
        isolation: iso,
        tempRoot,
        buildTimeoutMs: opts.buildTimeoutMs,
        runTimeoutMs: opts.runTimeoutMs,
      }),
    };
  } else {
    backend = { kind: 'proxy', impl: new ProxyBackend(opts.upstream) };
  }

  let warmed = backend.kind === 'proxy';
  const localVersion = (): VersionResponse => ({
    Version: tc!.version,
    Release: tc!.version.replace(/^(go\d+\.\d+).*/, '$1'),
    Name: tc!.version.replace(/^go(\d+\.\d+).*/, 'Go $1'),
    Backend: 'local',
    Isolated: iso.isolated,
    IsolationNote: iso.note,
  });
  const ctx: ApiContext = {
    backend,
    queue,
    cache,
    version: async () => {
      if (backend.kind === 'local') return localVersion();
      const up = await backend.impl.version();
      return { ...up, Backend: 'proxy', Isolated: true, IsolationNote: `programs run on ${backend.impl.upstream}` };
    },
    health: () => ({ ok: true, backend: backend.kind, warm: warmed, running: queue.running, queued: queue.queued, cached: cache.size }),
  };

  const server = createServer((req, res) => {
    handle(req, res, ctx, distDir).catch((err) => {
      try {
        replyError(res, err);
      } catch {
        res.destroy();
      }
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  server.requestTimeout = 120_000;

  if (backend.kind === 'local' && opts.warm !== false) {
    await backend.impl.warm().catch((err) => console.error('leaklab server: warming the build cache failed:', err));
  }
  warmed = true;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4321, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const urlHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    url: `http://${urlHost}:${addr.port}`,
    backend: backend.kind,
    goVersion: tc?.version ?? 'play.golang.org',
    isolated: backend.kind === 'proxy' ? true : iso.isolated,
    isolationNote: backend.kind === 'proxy' ? `programs run on ${(backend.impl as ProxyBackend).upstream}` : iso.note,
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
  process.once('exit', () => {
    for (const r of liveRoots) rmSync(r, { recursive: true, force: true });
  });
}

/** A server that was killed cannot clean up after itself; the next one does, for dead pids only. */
function removeStaleRoots(): void {
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^leaklab-runner-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, distDir: string): Promise<void> {
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    throw new HttpError(400, 'bad-url', 'malformed request URL');
  }
  if (pathname.startsWith('/api/') || pathname === '/api') {
    return handleApi(req, res, pathname.slice(5).replace(/\/+$/, ''), ctx);
  }
  // Tools written for the Playground (present, slides) post to /compile, /fmt and /version.
  if (pathname === '/compile' || pathname === '/fmt' || pathname === '/version') {
    return handleApi(req, res, pathname.slice(1), ctx);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed for pages; use GET`, { Allow: 'GET, HEAD' });
  }
  return serveStatic(req, res, distDir, pathname);
}

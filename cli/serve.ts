/**
 * `leaklab serve`: the built site and the runner API in one process. Builds the site first when
 * dist/ is missing or older than the sources, so `npm start` always shows the current lessons.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { parseCommandArgs, usageFailure, UsageError } from './usage.ts';
import { BACKEND_OPTIONS, DEFAULT_PER_CLIENT, startServer, type BackendOption } from '../server/index.ts';
import { CONNECTION_LIMITS } from '../server/clients.ts';
import { findToolchains } from '../server/toolchain.ts';

const USAGE = `Usage: leaklab serve [--host H] [--port P] [--backend ${BACKEND_OPTIONS.join('|')}] [--upstream URL]
                     [--no-build] [--concurrency N] [--queue N] [--per-client N] [--trust-proxy]
                     [--max-connections N] [--max-connections-per-client N] [--allow-origin URL]...
                     [--allow-host NAME]... [--unsafe-no-sandbox]

Serves the site from dist/ and the Playground-compatible runner under /api/.
  --host H          address to bind (default 127.0.0.1; anything else exposes the runner)
  --port P          port (default 4321)
  --backend B       auto (local Go toolchain if found, else proxy), local, or proxy
  --upstream URL    Playground to proxy to (default https://play.golang.org)
  --no-build        serve dist/ as it is
  --concurrency N   programs run at once (default: CPU cores)
  --queue N         requests allowed to wait (default: 8 x concurrency, at least 32)
  --per-client N    programs one client address may have running plus waiting (default
                    ${DEFAULT_PER_CLIENT}); more are refused with 429. Waiting clients are served in turn.
  --trust-proxy     a load balancer is in front: take the client's address from the last entry
                    of X-Forwarded-For (otherwise the header is ignored, and the per-address
                    connection cap is off: every connection comes from the balancer)
  --max-connections N  open connections in all (default ${CONNECTION_LIMITS.total})
  --max-connections-per-client N  open connections from one address (default ${CONNECTION_LIMITS.perClient})
  --allow-origin URL  let pages from this origin (e.g. https://slides.example) call the runner;
                    repeatable. Other sites' pages are refused.
  --allow-host NAME  also answer requests addressed to NAME (host or host:port), e.g. the public
                    name of a load balancer in front of this instance; repeatable. Requests
                    for other names are refused (this stops DNS rebinding).
  --unsafe-no-sandbox  where no sandbox works, still serve the local runner to other machines:
                    anyone who reaches it runs code as YOUR user. Never on an untrusted network.`;

const SOURCE_DIRS = ['src', 'content', 'public'];
const SOURCE_FILES = ['astro.config.mjs', 'package.json'];

function newestMtime(p: string): number {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

function needsBuild(root: string): boolean {
  const index = path.join(root, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    ...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))),
    ...SOURCE_FILES.map((f) => newestMtime(path.join(root, f))),
  );
  return sources > built;
}

function lanUrls(port: number): string[] {
  const urls: string[] = [];
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.internal) continue;
      urls.push(a.family === 'IPv6' ? `http://[${a.address}]:${port}/` : `http://${a.address}:${port}/`);
    }
  }
  return urls;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Bad command-line usage: the message is printed with the usage text, and serve exits with 2. */

export interface ServeArgs {
  host: string;
  port: number;
  backend: BackendOption;
  upstream?: string;
  build: boolean;
  concurrency?: number;
  queue?: number;
  perClient?: number;
  trustProxy: boolean;
  maxConnections?: number;
  maxConnectionsPerClient?: number;
  allowOrigins: string[];
  allowHosts: string[];
  unsafeNoSandbox: boolean;
}

function count(name: string, v: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n > max) {
    throw new UsageError(`${name} needs a${max === 65535 ? ' port number (0-65535)' : ' non-negative integer'}, not ${JSON.stringify(v)}`);
  }
  return n;
}

function positive(name: string, v: string | undefined): number | undefined {
  const n = count(name, v);
  if (n === 0) throw new UsageError(`${name} needs a positive integer, not 0`);
  return n;
}

function nonEmpty(name: string, what: string, list: string[] | undefined): string[] {
  for (const v of list ?? []) if (!v) throw new UsageError(`${name} needs ${what}`);
  return list ?? [];
}

/** The options of `leaklab serve`, or 'help'; throws UsageError on an unknown option or a bad value. */
export function parseServeArgs(args: string[]): ServeArgs | 'help' {
  const { values } = parseCommandArgs(
    args,
    {
      help: { type: 'boolean', short: 'h' },
      host: { type: 'string' },
      port: { type: 'string' },
      backend: { type: 'string' },
      upstream: { type: 'string' },
      'no-build': { type: 'boolean' },
      concurrency: { type: 'string' },
      queue: { type: 'string' },
      'per-client': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'max-connections': { type: 'string' },
      'max-connections-per-client': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'allow-host': { type: 'string', multiple: true },
      'unsafe-no-sandbox': { type: 'boolean' },
    },
    false,
  );
  if (values.help) return 'help';
  const backend = values.backend ?? 'auto';
  if (!(BACKEND_OPTIONS as readonly string[]).includes(backend)) {
    throw new UsageError(
      `--backend must be ${BACKEND_OPTIONS.slice(0, -1).join(', ')} or ${BACKEND_OPTIONS.at(-1)}, not ${JSON.stringify(backend)}`,
    );
  }
  if (values.host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1 or 0.0.0.0');
  const concurrency = count('--concurrency', values.concurrency);
  return {
    host: values.host ?? '127.0.0.1',
    port: count('--port', values.port, 65535) ?? 4321,
    backend: backend as BackendOption,
    upstream: values.upstream,
    build: !values['no-build'],
    concurrency: concurrency === undefined ? undefined : Math.max(1, concurrency),
    queue: count('--queue', values.queue),
    perClient: positive('--per-client', values['per-client']),
    trustProxy: !!values['trust-proxy'],
    maxConnections: positive('--max-connections', values['max-connections']),
    maxConnectionsPerClient: positive('--max-connections-per-client', values['max-connections-per-client']),
    allowOrigins: nonEmpty('--allow-origin', 'a URL', values['allow-origin']),
    allowHosts: nonEmpty('--allow-host', 'a host name', values['allow-host']),
    unsafeNoSandbox: !!values['unsafe-no-sandbox'],
  };
}

export async function main(args: string[]): Promise<number> {
  let parsed: ServeArgs | 'help';
  try {
    parsed = parseServeArgs(args);
  } catch (err) {
    return usageFailure('serve', err, USAGE);
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { host, port, backend, upstream, build, concurrency, queue, allowOrigins, allowHosts, unsafeNoSandbox } = parsed;
  const { perClient, trustProxy, maxConnections, maxConnectionsPerClient } = parsed;

  const root = process.cwd();
  if (build && needsBuild(root)) {
    console.log('leaklab serve: dist/ is missing or older than the sources; building the site…');
    const astro = path.join(root, 'node_modules', '.bin', 'astro');
    const r = spawnSync(astro, ['build'], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) {
      console.error('leaklab serve: the site build failed; fix it or pass --no-build to serve the old dist/.');
      return 1;
    }
  }

  if (!isLoopback(host)) {
    console.warn(
      `\nWARNING: binding to ${host}. Anyone who can reach this machine can send Go programs that\n` +
        'will be compiled and run HERE. Do this only on a network you trust (e.g. a workshop LAN).\n',
    );
  }
  // Warming builds each toolchain's runtime with fake time before the first request: up to a
  // minute on a fresh machine, and silent otherwise, so say what is happening.
  const toolchains = backend === 'proxy' ? [] : findToolchains();
  if (toolchains.length)
    console.log(
      `leaklab serve: warming the Go build cache for ${toolchains.map((t) => t.version).join(' and ')} (up to a minute the first time)…`,
    );
  let server;
  try {
    server = await startServer({
      host,
      port,
      distDir: path.join(root, 'dist'),
      backend,
      upstream,
      concurrency,
      queue,
      perClient,
      trustProxy,
      maxConnections,
      maxConnectionsPerClient,
      allowOrigins,
      allowHosts,
      unsafeNoSandbox,
    });
  } catch (err) {
    console.error(`leaklab serve: ${(err as Error).message}`);
    return 1;
  }
  console.log(`Goroutine Leak Lab: ${server.url}/`);
  if (!isLoopback(host)) for (const u of lanUrls(Number(new URL(server.url).port))) console.log(`  on the LAN: ${u}`);
  console.log(
    `Runner: ${server.backend} backend, ${server.goVersion}; ${server.isolated ? 'isolated' : 'NOT isolated'}: ${server.isolationNote}`,
  );
  if (!server.isolated && server.backend === 'local') {
    console.warn(
      isLoopback(host)
        ? 'WARNING: no sandbox on this machine: programs run as YOUR user. The runner answers only this machine.'
        : 'WARNING: --unsafe-no-sandbox: programs run as YOUR user and anyone who reaches this address can send them.',
    );
  }
  if (allowOrigins.length) console.log(`Pages from ${allowOrigins.join(', ')} may call the runner.`);
  console.log('Press Ctrl+C to stop.');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

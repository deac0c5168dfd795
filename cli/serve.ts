/**
 * `leaklab serve`: the built site and the runner API in one process. Builds the site first when
 * dist/ is missing or older than the sources, so `npm start` always shows the current lessons.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { startServer } from '../server/index.ts';

const USAGE = `Usage: leaklab serve [--host H] [--port P] [--backend auto|local|proxy] [--upstream URL]
                     [--no-build] [--concurrency N] [--queue N] [--allow-origin URL]...
                     [--allow-host NAME]... [--unsafe-no-sandbox]

Serves the site from dist/ and the Playground-compatible runner under /api/.
  --host H          address to bind (default 127.0.0.1; anything else exposes the runner)
  --port P          port (default 4321)
  --backend B       auto (local Go toolchain if found, else proxy), local, or proxy
  --upstream URL    Playground to proxy to (default https://play.golang.org)
  --no-build        serve dist/ as it is
  --concurrency N   programs run at once (default: CPU cores)
  --queue N         requests allowed to wait (default: 8 x concurrency, at least 32)
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

export async function main(args: string[]): Promise<number> {
  let host = '127.0.0.1';
  let port = 4321;
  let backend: 'auto' | 'local' | 'proxy' = 'auto';
  let upstream: string | undefined;
  let build = true;
  let concurrency: number | undefined;
  let queue: number | undefined;
  const allowOrigins: string[] = [];
  const allowHosts: string[] = [];
  let unsafeNoSandbox = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    const int = (name: string) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new Error(`${name} needs a non-negative integer`);
      return v;
    };
    try {
      if (flag === '--help' || flag === '-h') {
        console.log(USAGE);
        return 0;
      } else if (flag === '--host') host = value() ?? host;
      else if (flag === '--port') port = int('--port');
      else if (flag === '--backend') {
        const v = value();
        if (v !== 'auto' && v !== 'local' && v !== 'proxy') throw new Error('--backend must be auto, local or proxy');
        backend = v;
      } else if (flag === '--upstream') upstream = value();
      else if (flag === '--no-build') build = false;
      else if (flag === '--concurrency') concurrency = Math.max(1, int('--concurrency'));
      else if (flag === '--queue') queue = int('--queue');
      else if (flag === '--allow-origin') {
        const v = value();
        if (!v) throw new Error('--allow-origin needs a URL');
        allowOrigins.push(v);
      } else if (flag === '--allow-host') {
        const v = value();
        if (!v) throw new Error('--allow-host needs a host name');
        allowHosts.push(v);
      } else if (flag === '--unsafe-no-sandbox') unsafeNoSandbox = true;
      else throw new Error(`unknown option ${a}`);
    } catch (err) {
      console.error(`leaklab serve: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
  }

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

/**
 * The attacks of issue 14, each against the real server and the real sandbox: cross-site and
 * DNS-rebinding requests, programs that read secrets or write the home directory, builds that
 * read host files, programs that outlive the timeout, forged verdict markers and cache poisoning.
 * The sandbox attacks run twice: against a server started by this (root) process and against a
 * server started as an unprivileged user with a fake home (~/.ssh/id_rsa) and a secret in its env.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/index.ts';
import { detectIsolation } from '../../server/sandbox.ts';
import { requireOrSkip } from '../require.ts';
import { compile, out, postForm, prog } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SECRET = `leaklab-secret-${process.pid}`;

const NO_SANDBOX = () => `no bubblewrap sandbox on this machine: ${detectIsolation().note}`;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, because fetch will not let a test forge Host. */
function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const HELLO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n';

describe('cross-site and rebinding requests', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      backend: 'local',
      distDir: '/nonexistent',
      warm: false,
      allowOrigins: ['https://slides.example'],
      allowHosts: ['lab.example'],
    });
  });
  afterAll(() => server?.close());

  it('refuses a text/plain POST from https://evil.example (no preflight needed) and sends no CORS grant', async () => {
    const r = await raw(
      `${server.url}/api/compile`,
      'POST',
      { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      `body=${HELLO}`,
    );
    expect(r.status).toBe(403);
    expect(r.body).toContain('https://evil.example');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses the preflight of another site and the Playground paths too', async () => {
    const pre = await raw(`${server.url}/compile`, 'OPTIONS', { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' });
    expect(pre.status).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const v = await raw(`${server.url}/version`, 'GET', { Origin: 'null' });
    expect(v.status).toBe(403);
  });

  it('refuses a DNS-rebinding request (Host: evil.example), pages included', async () => {
    for (const p of ['/api/compile', '/api/version', '/']) {
      const r = await raw(
        `${server.url}${p}`,
        p === '/api/compile' ? 'POST' : 'GET',
        { Host: 'evil.example' },
        p === '/api/compile' ? `body=x` : undefined,
      );
      expect(r.status).toBe(403);
      expect(r.body).toMatch(/only answers requests addressed to itself/);
    }
    const port = new URL(server.url).port;
    expect((await raw(`${server.url}/api/version`, 'GET', { Host: `evil.example:${port}` })).status).toBe(403);
    // A name the operator lists (a load balancer's) is answered, with its own origin.
    const lb = await raw(`${server.url}/api/version`, 'GET', { Host: 'lab.example', Origin: 'http://lab.example' });
    expect(lb.status).toBe(200);
  });

  it('answers its own pages, listed origins and clients without Origin (curl, leaklab run)', async () => {
    const own = await raw(`${server.url}/api/version`, 'GET', { Origin: server.url });
    expect(own.status).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBe(server.url);
    const port = new URL(server.url).port;
    const viaName = await raw(`${server.url}/api/version`, 'GET', { Host: `localhost:${port}`, Origin: `http://localhost:${port}` });
    expect(viaName.status).toBe(200);
    const slides = await raw(`${server.url}/api/version`, 'GET', { Origin: 'https://slides.example' });
    expect(slides.status).toBe(200);
    expect(slides.headers['access-control-allow-origin']).toBe('https://slides.example');
    const curl = await raw(`${server.url}/api/version`, 'GET', {});
    expect(curl.status).toBe(200);
    expect(curl.headers['access-control-allow-origin']).toBeUndefined();
    const health = JSON.parse((await raw(`${server.url}/api/health`, 'GET', {})).body) as { sandboxed: boolean };
    expect(health.sandboxed).toBe(detectIsolation().isolated);
  });

  it("on a wildcard bind, answers requests to the machine's own addresses and still refuses other names", async (ctx) => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === 'IPv4');
    requireOrSkip(!!lan, 'no non-loopback IPv4 interface on this machine', ctx);
    const wide = await startServer({ host: '0.0.0.0', port: 0, backend: 'proxy', distDir: '/nonexistent', warm: false });
    try {
      const port = new URL(wide.url).port;
      const ok = await raw(`http://${lan!.address}:${port}/api/health`, 'GET', { Origin: `http://${lan!.address}:${port}` });
      expect(ok.status).toBe(200);
      const bad = await raw(`http://${lan!.address}:${port}/api/health`, 'GET', { Host: `evil.example:${port}` });
      expect(bad.status).toBe(403);
    } finally {
      await wide.close();
    }
  });
});

/** Programs an attacker would send; `home` is the server's HOME. */
function attacks(home: string, busyPort: number) {
  return {
    secrets: prog(
      ['fmt', 'os', 'strings'],
      `\t_, err := os.ReadFile(${JSON.stringify(path.join(home, '.ssh', 'id_rsa'))})\n` +
        '\tfmt.Println("ssh readable:", err == nil)\n' +
        `\tfmt.Println("secret in env:", strings.Contains(strings.Join(os.Environ(), "\\n"), ${JSON.stringify(SECRET)}))\n` +
        `\terr = os.WriteFile(${JSON.stringify(path.join(home, '.bashrc'))}, []byte("pwned"), 0o644)\n` +
        '\tfmt.Println("home writable:", err == nil)\n' +
        `\t_, err = os.ReadFile(${JSON.stringify(path.join(ROOT, 'package.json'))})\n` +
        '\tfmt.Println("project readable:", err == nil)\n' +
        '\t_, err = os.ReadFile("/etc/shadow")\n' +
        '\tfmt.Println("shadow readable:", err == nil)',
    ),
    network: prog(
      ['fmt', 'net'],
      `\t_, err := net.Dial("tcp", "127.0.0.1:${busyPort}")\n\tfmt.Println("local service reachable:", err == nil)\n` +
        '\t_, err = net.Dial("tcp", "1.1.1.1:80")\n\tfmt.Println("internet reachable:", err == nil)',
    ),
  };
}

const SECRETS_HELD = 'ssh readable: false\nsecret in env: false\nhome writable: false\nproject readable: false\nshadow readable: false\n';

function survivors(marker: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    });
}

/** A program that starts a new session and a child that spins forever, then hangs (or exits). */
function escaper(marker: string, parentHangs: boolean): string {
  return prog(
    ['fmt', 'os', 'os/exec', 'syscall'],
    `\tif len(os.Args) > 1 {\n\t\tfor {\n\t\t}\n\t}\n` +
      `\tcmd := exec.Command("/prog", "${marker}")\n\tcmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}\n` +
      `\tfmt.Println("child started:", cmd.Start() == nil)\n` +
      (parentHangs ? '\tfor {\n\t}' : ''),
  );
}

interface Target {
  url: string;
  home: string;
  stop: () => Promise<void>;
}

let busy: Server;
let busyPort = 0;
beforeAll(async () => {
  busy = createServer((s) => s.end('hello\n'));
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => busy?.close());

/** A server started as an unprivileged user (nobody, when this test runs as root) with a fake home. */
async function unprivilegedServer(): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'leaklab-sec-test-'));
  // World-readable scaffolding: the worktree may sit where nobody cannot write, and the child needs a home.
  chmodSync(dir, 0o755);
  const home = path.join(dir, 'home');
  mkdirSync(path.join(home, '.ssh'), { recursive: true });
  writeFileSync(path.join(home, '.ssh', 'id_rsa'), '-----BEGIN FAKE KEY-----\n');
  writeFileSync(path.join(home, '.bashrc'), '# untouched\n');
  const script = path.join(dir, 'serve.ts');
  writeFileSync(
    script,
    `import { startServer } from ${JSON.stringify(path.join(ROOT, 'server', 'index.ts'))};\n` +
      `const s = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', runTimeoutMs: 3000 });\n` +
      `console.log('URL ' + s.url + ' ' + s.isolated);\n` +
      `process.on('SIGTERM', () => s.close().then(() => process.exit(0)));\n`,
  );
  chmodSync(script, 0o644);
  const root = process.getuid?.() === 0;
  const nobody = 65534;
  if (root) {
    const { chownSync } = await import('node:fs');
    for (const p of [home, path.join(home, '.ssh'), path.join(home, '.ssh', 'id_rsa'), path.join(home, '.bashrc')])
      chownSync(p, nobody, nobody);
  }
  // A root-owned leftover of a dead server (issue 14 item 8) must not stop a non-root server from starting.
  const leftover = path.join(tmpdir(), `leaklab-runner-4194001-sectest${process.pid}`);
  mkdirSync(path.join(leftover, 'run-1-x'), { recursive: true, mode: 0o700 });
  chmodSync(leftover, 0o700);
  const node = process.execPath;
  const argv = root ? ['setpriv', `--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', '--', node, script] : [node, script];
  const child: ChildProcess = spawn(argv[0], argv.slice(1), {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LEAKLAB_TEST_SECRET: SECRET, TMPDIR: tmpdir() },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`unprivileged server did not start:\n${log}`)), 400_000);
    child.stdout!.on('data', (c: Buffer) => {
      log += c.toString();
      const m = /URL (\S+) (true|false)/.exec(log);
      if (m) {
        clearTimeout(timer);
        if (m[2] !== 'true') reject(new Error(`unprivileged server has no sandbox:\n${log}`));
        else resolve(m[1]);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    child.on('exit', (code) => reject(new Error(`unprivileged server exited (${code}):\n${log}`)));
  });
  return {
    url,
    home,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
      rmSync(leftover, { recursive: true, force: true });
    },
  };
}

const targets: [string, () => Promise<Target>][] = [
  [
    'server started by this process' + (process.getuid?.() === 0 ? ' (root)' : ''),
    async () => {
      process.env.LEAKLAB_TEST_SECRET = SECRET;
      const s = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', runTimeoutMs: 3000, warm: false });
      return { url: s.url, home: process.env.HOME ?? '/root', stop: () => s.close() };
    },
  ],
  ['server started as an unprivileged user', unprivilegedServer],
];

describe.each(targets)('sandbox attacks: %s', (_name, start) => {
  let t: Target;
  beforeAll(async () => {
    // Each test then fails (CI=true) or skips, saying why.
    if (!detectIsolation().isolated) return;
    t = await start();
  }, 600_000);
  afterAll(() => t?.stop());

  it('keeps ~/.ssh, the server environment, the project and /etc/shadow out of reach, and ~ read-only', async (ctx) => {
    requireOrSkip(!!t, NO_SANDBOX(), ctx);
    const { json } = await compile(t.url, attacks(t.home, busyPort).secrets);
    expect(json.Errors).toBe('');
    expect(out(json, 'stdout')).toBe(SECRETS_HELD);
    const rc = path.join(t.home, '.bashrc');
    expect(existsSync(rc) && readFileSync(rc, 'utf8').includes('pwned')).toBe(false);
  });

  it('reaches neither other local services nor the internet', async (ctx) => {
    requireOrSkip(!!t, NO_SANDBOX(), ctx);
    const { json } = await compile(t.url, attacks(t.home, busyPort).network);
    expect(out(json, 'stdout')).toBe('local service reachable: false\ninternet reachable: false\n');
  });

  it('kills a setsid() child when the program exits, and a hanging one at the timeout, answering at the deadline', async (ctx) => {
    requireOrSkip(!!t, NO_SANDBOX(), ctx);
    for (const hang of [false, true]) {
      const marker = `esc${hang ? 1 : 0}x${process.pid}`;
      const { json, res } = await compile(t.url, escaper(marker, hang), false);
      expect(json.Errors).toBe('');
      expect(out(json, 'stdout')).toBe('child started: true\n');
      if (hang) expect(out(json, 'stderr')).toContain('timeout running program');
      await new Promise((r) => setTimeout(r, 300));
      expect(survivors(marker)).toEqual([]);
      // A killed run is not an answer about the program: never replayed from the cache.
      if (hang) expect((await compile(t.url, escaper(marker, hang), false)).res.headers.get('x-cache')).toBe('miss');
      else expect(res.status).toBe(200);
    }
  });

  it('refuses assembly including a host file, cgo, and every spelling of a filesystem replace', async (ctx) => {
    requireOrSkip(!!t, NO_SANDBOX(), ctx);
    const asm = `${HELLO}-- x_amd64.s --\n#include "/etc/shadow"\n`;
    expect((await compile(t.url, asm)).json.Errors).toMatch(/x_amd64\.s: assembly, C and object files are not allowed/);
    const cgo = 'package main\n\n// #include <stdio.h>\nimport "C"\n\nfunc main() {}\n';
    expect((await compile(t.url, cgo)).json.Errors).toMatch(/cgo \(import "C"\) is not allowed/);
    const syso = `${HELLO}-- x.syso --\nxx\n`;
    expect((await compile(t.url, syso)).json.Errors).toMatch(/not allowed/);
    for (const rep of [
      'replace example.com/x => /etc',
      'replace (\n\texample.com/x => ../../etc\n)',
      'replace "example.com/x" => "./../.."',
      'replace example.com/x v1.0.0 => ./..',
    ]) {
      const src = `${HELLO}-- go.mod --\nmodule play\n\ngo 1.23\n\n${rep}\n`;
      const { json } = await compile(t.url, src);
      expect(json.Errors, rep).toMatch(/go\.mod: replace with a directory .* is not allowed/);
    }
  });

  it('gives each run a secret nonce only the program sees; a cached answer keeps its own', async (ctx) => {
    requireOrSkip(!!t, NO_SANDBOX(), ctx);
    const src = prog(['fmt', 'os'], `\tfmt.Println(os.Getenv("LEAKLAB_NONCE"))\n\t_ = "${Math.random()}"`);
    const first = await compile(t.url, src, false);
    expect(first.json.LeakLabNonce).toMatch(/^[0-9a-f]{32}$/);
    expect(out(first.json, 'stdout')).toBe(`${first.json.LeakLabNonce}\n`);
    const again = await compile(t.url, src, false);
    expect(again.res.headers.get('x-cache')).toBe('hit');
    expect(again.json.LeakLabNonce).toBe(first.json.LeakLabNonce);
    const other = await compile(t.url, prog(['fmt', 'os'], '\tfmt.Println(len(os.Getenv("LEAKLAB_NONCE")))'), false);
    expect(other.json.LeakLabNonce).not.toBe(first.json.LeakLabNonce);
  });

  it('gives a cross-site page nothing to run', async (ctx) => {
    requireOrSkip(!!t, NO_SANDBOX(), ctx);
    const res = await fetch(`${t.url}/api/compile`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
      body: `body=${encodeURIComponent(attacks(t.home, busyPort).secrets)}`,
    });
    expect(res.status).toBe(403);
    expect(existsSync(path.join(t.home, '.bashrc')) && readFileSync(path.join(t.home, '.bashrc'), 'utf8')).not.toContain('pwned');
    void postForm;
  });
});

describe('where no sandbox works', () => {
  const none = {
    isolated: false,
    note: 'test: no sandbox',
    bwrap: null,
    prlimit: null,
    setpriv: null,
    init: null,
    seccomp: null,
    etc: null,
    zoneinfo: null,
  };

  it('keeps the local runner to this machine: a LAN bind falls back to the proxy, or is refused when local is forced', async () => {
    const auto = await startServer({ host: '0.0.0.0', port: 0, backend: 'auto', distDir: '/nonexistent', warm: false, isolation: none });
    try {
      expect(auto.backend).toBe('proxy');
    } finally {
      await auto.close();
    }
    await expect(
      startServer({ host: '0.0.0.0', port: 0, backend: 'local', distDir: '/nonexistent', warm: false, isolation: none }),
    ).rejects.toThrow(/no sandbox.*--unsafe-no-sandbox/);
    const unsafe = await startServer({
      host: '0.0.0.0',
      port: 0,
      backend: 'local',
      distDir: '/nonexistent',
      warm: false,
      isolation: none,
      unsafeNoSandbox: true,
    });
    try {
      expect(unsafe.backend).toBe('local');
      expect(unsafe.isolated).toBe(false);
    } finally {
      await unsafe.close();
    }
  });

  it('says so in /api/health and /api/version', async () => {
    const s = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: false, isolation: none });
    try {
      const health = (await (await fetch(`${s.url}/api/health`)).json()) as { sandboxed: boolean };
      expect(health.sandboxed).toBe(false);
      const version = (await (await fetch(`${s.url}/api/version`)).json()) as { Isolated: boolean; IsolationNote: string };
      expect(version.Isolated).toBe(false);
      expect(version.IsolationNote).toBe('test: no sandbox');
    } finally {
      await s.close();
    }
  });
});

describe('whole-run memory limit', () => {
  it('kills a run whose processes together pass 256 MiB, each under its own limit (cgroup, as root)', async (ctx) => {
    requireOrSkip(
      process.getuid?.() === 0 && detectIsolation().isolated,
      'needs root and a sandbox (only root can make cgroups here)',
      ctx,
    );
    // A long timeout: on a loaded machine six processes touching 350 MiB need more than 5 s.
    const s = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: false, runTimeoutMs: 30_000 });
    try {
      // Each child blocks in pause(2) holding 70 MiB (a sleep would end at once under fake time); the parent waits in wait4.
      const src = prog(
        ['fmt', 'os', 'os/exec', 'syscall'],
        '\tif len(os.Args) > 1 {\n\t\tb := make([]byte, 70<<20)\n\t\tfor i := range b {\n\t\t\tb[i] = 1\n\t\t}\n\t\tfmt.Println("child holds 70 MiB")\n\t\tsyscall.Pause()\n\t}\n' +
          '\tvar cs []*exec.Cmd\n\tfor i := 0; i < 5; i++ {\n\t\tc := exec.Command("/prog", "x")\n\t\tc.Stdout = os.Stdout\n\t\tc.Stderr = os.Stderr\n\t\tc.Start()\n\t\tcs = append(cs, c)\n\t}\n\tfor _, c := range cs {\n\t\tc.Wait()\n\t}',
      );
      const { json, res } = await compile(s.url, src, false);
      expect(out(json, 'stderr'), JSON.stringify(json)).toMatch(/more than 256 MiB together and were killed/);
      expect(out(json, 'stdout').split('child holds').length - 1).toBeLessThan(5);
      expect(res.headers.get('x-cache')).toBe('miss');
    } finally {
      await s.close();
    }
  });
});

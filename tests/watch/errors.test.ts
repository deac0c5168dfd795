// `leaklab watch` failure paths, each against a real local HTTP server: what a person who typed a
// wrong URL or flag sees, and exit status 2. Also the request rules: GET only, headers sent,
// redirects only within the origin, bounded bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { runWatch, BIN } from './helpers.ts';
import { requireOrSkip } from '../require.ts';
import { getBounded, FetchError, endpoints } from '../../cli/watch-http.ts';

const DUMP = readFileSync(new URL('../fixtures/dumps/parked-debug2.txt', import.meta.url));

let server: Server;
let other: Server;
let base = '';
let otherBase = '';
const seen: IncomingMessage[] = [];

function listen(s: Server): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  other = createServer((_req, res) => res.end(DUMP));
  otherBase = await listen(other);
  server = createServer((req, res) => {
    seen.push(req);
    const u = req.url ?? '';
    if (u.startsWith('/ok/debug/pprof/goroutine')) res.end(DUMP);
    else if (u.startsWith('/html/')) res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>');
    else if (u.startsWith('/auth/')) {
      if (req.headers.authorization === 'Bearer t0k' && req.headers['x-team'] === 'lab') res.end(DUMP);
      else res.writeHead(401).end();
    } else if (u.startsWith('/same/')) res.writeHead(302, { location: '/ok/debug/pprof/goroutine?debug=2' }).end();
    else if (u.startsWith('/away/')) res.writeHead(302, { location: `${otherBase}/debug/pprof/goroutine?debug=2` }).end();
    else if (u.startsWith('/big/')) res.end(Buffer.alloc(5000, 'x'));
    else res.writeHead(404).end('404 page not found');
  });
  base = await listen(server);
});
afterAll(() => {
  server.close();
  other.close();
});

describe('leaklab watch errors (exit 2)', () => {
  it('connection refused', async () => {
    // A port nobody listens on: take one from the OS and close it again.
    const s = createServer();
    const url = await listen(s);
    await new Promise((r) => s.close(r));
    const r = await runWatch([`${url}/debug/pprof/`, '--samples', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/connection refused by 127\.0\.0\.1:\d+: is the service running/);
  });

  it('404', async () => {
    const r = await runWatch([`${base}/nothing/debug/pprof/`, '--samples', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/404 Not Found\. Does the service import net\/http\/pprof/);
  });

  it('a page that is not a goroutine profile', async () => {
    const r = await runWatch([`${base}/html/debug/pprof/`, '--samples', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/answered, but not with a goroutine profile \(text\/html\)/);
  });

  it('401 without the header, suggesting --header', async () => {
    const r = await runWatch([`${base}/auth/debug/pprof/`, '--samples', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/401 Unauthorized\. A protected endpoint needs --header/);
  });

  it('a redirect to another host is not followed', async () => {
    const r = await runWatch([`${base}/away/debug/pprof/goroutine?debug=2`, '--samples', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/redirected to another host \(http:\/\/127\.0\.0\.1:\d+\); not followed/);
  });

  it.each([
    [[], /missing URL/],
    [['--bogus', 'http://x/'], /unknown option --bogus/],
    [['http://x/', '--interval', '0'], /--interval needs a number of seconds above 0, not "0"/],
    [['http://x/', '--interval', 'soon'], /--interval needs a number of seconds/],
    [['http://x/', '--samples', '2.5'], /--samples needs a whole number of at least 1/],
    [['http://x/', '--samples'], /--samples needs a value/],
    [['http://x/', '--header', 'no colon'], /--header needs 'Name: value'/],
    [['http://x/', 'http://y/'], /one URL at a time/],
    [['localhost:6060/debug/pprof/'], /only http and https URLs|is not a URL/],
    [['ftp://x/debug/pprof/'], /only http and https URLs can be watched, not ftp:/],
  ])('bad usage %j', async (args, message) => {
    const r = await runWatch(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('leaklab watch requests', () => {
  it('sends only GETs with the given headers; follows a same-origin redirect; a profile URL works as well as the index', async () => {
    seen.length = 0;
    const r = await runWatch([
      `${base}/auth/debug/pprof/`,
      '--samples',
      '2',
      '--interval',
      '0.1',
      '--json',
      '--header',
      'Authorization: Bearer t0k',
      '--header',
      'X-Team:lab',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(seen.map((q) => q.method)).toEqual(['GET', 'GET', 'GET']);
    expect(seen.map((q) => q.url)).toEqual([
      '/auth/debug/pprof/',
      '/auth/debug/pprof/goroutine?debug=2',
      '/auth/debug/pprof/goroutine?debug=2',
    ]);
    const r2 = await runWatch([`${base}/same/debug/pprof/goroutine?debug=2`, '--samples', '1', '--json']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(JSON.parse(r2.stdout.split('\n')[0]).total).toBe(24);
  });

  it('a body over the cap is refused; endpoints() finds the index from a profile URL', async () => {
    await expect(getBounded(`${base}/big/`, { headers: {}, timeoutMs: 5000, maxBytes: 1000 })).rejects.toThrow(FetchError);
    await expect(getBounded(`${base}/big/`, { headers: {}, timeoutMs: 5000, maxBytes: 1000 })).rejects.toThrow(/more than the/);
    expect(endpoints('http://h:1/x/debug/pprof/goroutineleak?debug=1')).toEqual({
      index: 'http://h:1/x/debug/pprof/',
      goroutine: 'http://h:1/x/debug/pprof/goroutine?debug=2',
      goroutineleak: 'http://h:1/x/debug/pprof/goroutineleak?debug=2',
    });
  });

  it('plain lines when stdout is not a terminal, and the summary', async () => {
    const r = await runWatch([`${base}/ok/debug/pprof/`, '--samples', '2', '--interval', '0.1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\S+Z sample 1: 24 goroutines, \d+ groups, 0 suspect\(s\)\n/);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toContain('2 sample(s). No suspect');
  });
});

// util-linux `script` gives the CLI a real terminal, as a person running it has.
const haveScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

it('in a terminal: a table redrawn in place, then the summary', async (ctx) => {
  requireOrSkip(haveScript, 'no `script` (util-linux) to give the CLI a terminal', ctx);
  const cmd = `stty cols 120 rows 30; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} watch ${base}/ok/debug/pprof/ --samples 3 --interval 0.1`;
  const out = await new Promise<string>((resolve) => {
    const p = spawn('script', ['-q', '-e', '-c', cmd, '/dev/null'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let o = '';
    p.stdout.on('data', (b: Buffer) => (o += b.toString()));
    p.on('close', () => resolve(o));
  });
  expect(out).toContain('sample 1  ·  24 goroutines  ·  no suspect');
  // Samples 2 and 3 move the cursor back to the top of the table and clear below it.
  expect(out.match(/\x1b\[\d+F\x1b\[J/g)).toHaveLength(2);
  expect(out).toMatch(/function +file:line +state +now +\/min +counts/);
  expect(out).toContain('3 sample(s). No suspect');
});

it('without --samples, Ctrl+C (SIGINT) stops the watch and prints the summary', async () => {
  const p = spawn(process.execPath, [BIN, 'watch', `${base}/ok/debug/pprof/`, '--interval', '0.2', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve) =>
    p.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.split('\n').length > 2) resolve();
    }),
  );
  p.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => p.on('close', resolve));
  expect(code).toBe(0);
  const last = JSON.parse(out.trim().split('\n').at(-1)!);
  expect(last.summary.samples).toBeGreaterThanOrEqual(2);
  expect(last.summary.suspects).toEqual([]);
});

/** The client against our real server, and its error handling. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../../server/index.ts';
import { createClient, RunnerError } from '../../src/lib/runner/client.ts';

let server: RunningServer;
let html: Server;
let htmlUrl: string;

beforeAll(async () => {
  server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: false });
  // Something that is not a runner at all: answers every request with an HTML page.
  html = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><p>captive portal</p>');
  });
  await new Promise<void>((r) => html.listen(0, '127.0.0.1', () => r()));
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server?.close();
  await new Promise((r) => html?.close(r));
});

describe('runner client', () => {
  it('compiles, formats and reports the version through /api', async () => {
    const c = createClient({ target: 'server', baseUrl: server.url + '/' });
    const r = await c.compile('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n');
    expect(r).toMatchObject({ Errors: '', Status: 0, IsTest: false, VetOK: true });
    expect(r.Events).toEqual([{ Message: 'hi\n', Kind: 'stdout', Delay: 0 }]);
    expect(await c.fmt('package main\nfunc main(){}\n')).toEqual({ Body: 'package main\n\nfunc main() {}\n', Error: '' });
    expect((await c.version()).Backend).toBe('local');
  });

  it('speaks the Playground paths with the same code (our server answers them too)', async () => {
    const c = createClient({ target: 'playground', baseUrl: server.url });
    const r = await c.compile('package main\n\nfunc main() { println("x") }\n', { withVet: false });
    expect(r.Events?.[0]).toMatchObject({ Kind: 'stderr', Message: 'x\n' });
    expect(r.VetOK).toBe(false);
  });

  it('gets a bad archive back as a build error (the Playground shape), and a RunnerError for 4xx answers', async () => {
    const c = createClient({ target: 'server', baseUrl: server.url });
    const bad = await c.compile('package main\n-- a.go --\n-- a.go --\n');
    expect(bad.Events).toBeNull();
    expect(bad.Errors).toContain('duplicate file name');
    const err = await c.compile('package main\n' + '//' + 'x'.repeat(70 * 1024)).catch((e) => e);
    expect(err).toBeInstanceOf(RunnerError);
    expect(err.status).toBe(413);
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('too large');
  });

  it('raises clear errors for network failures and non-JSON answers', async () => {
    const down = createClient({ target: 'server', baseUrl: 'http://127.0.0.1:9' });
    const e1 = await down.compile('package main').catch((e) => e);
    expect(e1).toBeInstanceOf(RunnerError);
    expect(e1.code).toBe('network');
    expect(e1.message).toContain('http://127.0.0.1:9/api/compile');
    const portal = createClient({ target: 'server', baseUrl: htmlUrl });
    const e2 = await portal.compile('package main').catch((e) => e);
    expect(e2.code).toBe('bad-response');
    expect(e2.message).toMatch(/not JSON/);
  });

  it('can be cancelled', async () => {
    const c = createClient({ target: 'server', baseUrl: server.url });
    const ac = new AbortController();
    const p = c.compile('package main\n\nfunc main() { for {} }\n', { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const err = await p.catch((e) => e);
    expect(err).toBeInstanceOf(RunnerError);
    expect(err.code).toBe('aborted');
  });
});

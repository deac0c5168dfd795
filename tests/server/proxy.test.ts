/**
 * The proxy backend's failure handling against a fake upstream (the only place a fake is used:
 * the real Playground cannot be made to fail on demand). Also checks that we identify ourselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../../server/index.ts';
import { postForm, prog } from './helpers.ts';

let upstream: Server;
let upstreamUrl: string;
let mode: 'error' | 'html' | 'slow-close' = 'error';
const seen: { url: string; ua: string; body: string }[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', ua: String(req.headers['user-agent']), body });
      if (mode === 'error') {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('Internal Server Error');
      } else if (mode === 'html') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>maintenance</html>');
      } else res.destroy();
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => upstream.close(r));
});

async function withProxy(upstreamBase: string, fn: (s: RunningServer) => Promise<void>) {
  const s = await startServer({ port: 0, backend: 'proxy', upstream: upstreamBase, distDir: '/nonexistent' });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

describe('proxy backend', () => {
  it('forwards form-encoded with our User-Agent and turns an upstream 500 into a clear 502', async () => {
    mode = 'error';
    await withProxy(upstreamUrl, async (s) => {
      const res = await postForm(`${s.url}/api/compile`, { body: prog([], ''), withVet: 'true' });
      expect(res.status).toBe(502);
      const body = await res.json();
      expect(body.code).toBe('upstream-error');
      expect(body.error).toContain('500');
      const req = seen.at(-1)!;
      expect(req.url).toBe('/compile');
      expect(req.ua).toMatch(/^GoroutineLeakLab\/\S+ \(\+https?:\/\/\S+\)$/);
      const form = new URLSearchParams(req.body);
      expect(form.get('version')).toBe('2');
      expect(form.get('withVet')).toBe('true');
      expect(form.get('body')).toBe(prog([], ''));
    });
  });

  it('502 when the upstream answers something that is not JSON', async () => {
    mode = 'html';
    await withProxy(upstreamUrl, async (s) => {
      const res = await postForm(`${s.url}/api/compile`, { body: prog([], '') });
      expect(res.status).toBe(502);
      expect((await res.json()).code).toBe('upstream-bad-response');
    });
  });

  it('502 when the upstream drops the connection or is not there at all', async () => {
    mode = 'slow-close';
    await withProxy(upstreamUrl, async (s) => {
      const res = await postForm(`${s.url}/api/fmt`, { body: prog([], '') });
      expect(res.status).toBe(502);
      expect((await res.json()).code).toBe('upstream-unreachable');
    });
    await withProxy('http://127.0.0.1:9', async (s) => {
      const res = await fetch(`${s.url}/api/version`);
      expect(res.status).toBe(502);
      const body = await res.json();
      expect(body.code).toBe('upstream-unreachable');
      expect(body.error).toContain('127.0.0.1:9');
    });
  });

  it('still validates requests itself before bothering the upstream', async () => {
    const before = seen.length;
    await withProxy(upstreamUrl, async (s) => {
      const res = await postForm(`${s.url}/api/compile`, { body: 'package main\n-- a.go --\nx\n-- a.go --\ny\n' });
      // The Playground's shape: 200 with the reason in Errors.
      expect(res.status).toBe(200);
      expect((await res.json()).Errors).toContain('duplicate file name');
      const bad = await postForm(`${s.url}/api/compile?backend=gotip`, { body: prog([], '') });
      expect((await bad.json()).Errors).toContain('unknown backend "gotip"');
    });
    expect(seen.length).toBe(before);
  });

  it('forwards backend=goprev: in the query string and form for a custom upstream, to goprevplay for play.golang.org', async () => {
    mode = 'error';
    await withProxy(upstreamUrl, async (s) => {
      await postForm(`${s.url}/compile?backend=goprev`, { version: '2', body: prog([], '') });
      const req = seen.at(-1)!;
      expect(req.url).toBe('/compile?backend=goprev');
      expect(new URLSearchParams(req.body).get('backend')).toBe('goprev');
      await postForm(`${s.url}/fmt`, { body: prog([], ''), backend: 'goprev' });
      expect(seen.at(-1)!.url).toBe('/fmt?backend=goprev');
    });
    // go.dev forwards /_/compile?backend=goprev to goprevplay.golang.org (tenntenn/goplayground
    // derives its gotip host the same way: backend + "play.golang.org").
    const { goReleaseUrl, PLAYGROUND_URL } = await import('../../src/lib/runner/protocol.ts');
    expect(goReleaseUrl(PLAYGROUND_URL, '/compile', 'goprev')).toBe('https://goprevplay.golang.org/compile');
    expect(goReleaseUrl(PLAYGROUND_URL, '/compile', '')).toBe('https://play.golang.org/compile');
  });
});

/** The built site as the server delivers it: MIME types, directories, 404 page, caching, traversal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/index.ts';

let server: RunningServer;
let dist: string;
let outside: string;

function write(rel: string, text: string | Buffer) {
  const p = path.join(dist, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

/** fetch() normalises `..` away; raw requests show what an attacker can really send. */
function rawGet(pathname: string): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: pathname, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'leaklab-static-test-'));
  dist = path.join(root, 'dist');
  outside = path.join(root, 'secret.txt');
  writeFileSync(outside, 'top secret');
  write('index.html', '<!doctype html><title>home</title>');
  write('404.html', '<!doctype html><title>not found</title>');
  write('learn/intro/index.html', '<!doctype html><title>intro</title>');
  write('_astro/app.1a2b3c.js', 'console.log(1)');
  write('_astro/style.1a2b3c.css', 'body{}');
  write('pagefind/pagefind.js', 'export {}');
  write('pagefind/wasm.en.pagefind', Buffer.from([0, 97, 115, 109]));
  write('pagefind/index/en_1.pf_index', Buffer.from([1, 2, 3]));
  write('pagefind/fragment/en_1.pf_fragment', Buffer.from([1, 2, 3]));
  write('pagefind/pagefind.en_1.pf_meta', Buffer.from([1, 2, 3]));
  write('wasm/x.wasm', Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  server = await startServer({ port: 0, distDir: dist, backend: 'local', warm: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(path.dirname(dist), { recursive: true, force: true });
});

describe('static site', () => {
  it('serves index.html for / and for directories, redirecting to the trailing slash', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('home');
    const noSlash = await fetch(`${server.url}/learn/intro?x=1`, { redirect: 'manual' });
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe('/learn/intro/?x=1');
    expect(await (await fetch(`${server.url}/learn/intro/`)).text()).toContain('intro');
  });

  it('uses the right MIME types, including wasm and Pagefind chunks', async () => {
    const types: Record<string, string> = {
      '/_astro/app.1a2b3c.js': 'text/javascript; charset=utf-8',
      '/_astro/style.1a2b3c.css': 'text/css; charset=utf-8',
      '/pagefind/pagefind.js': 'text/javascript; charset=utf-8',
      '/wasm/x.wasm': 'application/wasm',
      '/pagefind/index/en_1.pf_index': 'application/octet-stream',
      '/pagefind/fragment/en_1.pf_fragment': 'application/octet-stream',
      '/pagefind/pagefind.en_1.pf_meta': 'application/octet-stream',
    };
    for (const [p, type] of Object.entries(types)) {
      const res = await fetch(server.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toBe(type);
    }
  });

  it('caches hashed _astro assets for a year and revalidates pages', async () => {
    expect((await fetch(`${server.url}/_astro/app.1a2b3c.js`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers unknown paths with the 404 page', async () => {
    const res = await fetch(`${server.url}/no/such/page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('not found');
  });

  it('never serves files outside dist/', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/learn/../../secret.txt', '/%00index.html']) {
      const res = await rawGet(p);
      expect(res.body, p).not.toContain('top secret');
      expect([400, 404], p).toContain(res.status);
    }
  });

  it('supports HEAD without a body', async () => {
    const res = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await res.text()).toBe('');
  });
});

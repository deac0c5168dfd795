/**
 * Issue 18, items 5 and 6 of the red team: answers that reveal nothing. A txtar with a file and a
 * directory of the same name once answered 500 with the run's temp path; `GET /.//evil.example/..%2Fplay`
 * once redirected to `//evil.example/..%2Fplay/`, another site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/index.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { replyError } from '../../server/api.ts';
import { requireOrSkip } from '../require.ts';
import { compile } from './helpers.ts';

function rawGet(base: string, pathname: string): Promise<{ status: number; location: string | undefined }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: pathname, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('answers that reveal nothing', () => {
  let server: RunningServer;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'leaklab-answers-test-'));
    const dist = path.join(root, 'dist');
    mkdirSync(path.join(dist, 'play'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(path.join(dist, 'play', 'index.html'), '<!doctype html><title>play</title>');
    server = await startServer({ port: 0, backend: findToolchain() ? 'local' : 'proxy', distDir: dist, warm: false });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a txtar whose file is also a directory as the learner’s mistake, with no server path', async (ctx) => {
    requireOrSkip(!!findToolchain(), 'no Go toolchain: run scripts/fetch-tools.sh', ctx);
    for (const body of [
      'package main\n\nfunc main() {}\n-- a --\nx\n-- a/b.go --\npackage b\n',
      'package main\n\nfunc main() {}\n-- a/b.go --\npackage b\n-- a --\nx\n',
      'package main\n\nfunc main() {}\n-- x/y/z.go --\npackage z\n-- x/y --\nx\n',
    ]) {
      const { res, json } = await compile(server.url, body);
      expect(res.status).toBe(200);
      expect(json.Errors).toMatch(/is both a file and a directory/);
      expect(JSON.stringify(json)).not.toContain(tmpdir());
      expect(JSON.stringify(json)).not.toMatch(/EISDIR|ENOTDIR|EEXIST|leaklab-runner/);
    }
  });

  it('answers any unexpected failure with a fixed message and an id; the details go to the log only', async () => {
    const logged: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => logged.push(...a);
    let status = 0;
    let text = '';
    const res = {
      headersSent: false,
      writeHead(s: number) {
        status = s;
      },
      end(t: string) {
        text = t;
      },
    } as unknown as Parameters<typeof replyError>[0];
    try {
      replyError(res, new Error("EISDIR: illegal operation on a directory, open '/tmp/leaklab-runner-1-x/run-1-y/a'"));
    } finally {
      console.error = orig;
    }
    expect(status).toBe(500);
    const body = JSON.parse(text) as { error: string; code: string };
    expect(body.code).toBe('internal');
    expect(body.error).toMatch(/^internal error \(id [0-9a-f]{8}\)/);
    expect(body.error).not.toMatch(/EISDIR|\/tmp/);
    const id = /id ([0-9a-f]{8})/.exec(body.error)![1];
    expect(String(logged[0])).toContain(id);
    expect(String(logged[1])).toContain('EISDIR');
  });

  it('never redirects to another site: //host, /\\host and schemes become local paths', async () => {
    const r = await rawGet(server.url, '/.//evil.example/..%2Fplay');
    expect(r.status).toBe(301);
    expect(r.location).toBe('/play/');
    for (const p of [
      '/.//evil.example/..%2Fplay?x=1',
      '//evil.example/..%2Fplay',
      '/%2F%2Fevil.example/..%2Fplay',
      '/.%5C%5Cevil.example/..%2Fplay',
    ]) {
      const x = await rawGet(server.url, p);
      if (x.status === 301) {
        expect(x.location, p).toMatch(/^\/[^/\\]/);
        expect(x.location, p).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
      } else expect(x.status, p).toBe(404);
    }
    expect((await rawGet(server.url, '/play')).location).toBe('/play/');
    expect((await rawGet(server.url, '/play?lang=zh')).location).toBe('/play/?lang=zh');
  });
});

/**
 * The HTTP surface: every bad request gets a specific 4xx JSON error, CORS for its own origin,
 * fmt/version/health, the response cache and the bounded queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { startServer, type RunningServer } from '../../server/index.ts';
import { compile, postForm, prog } from './helpers.ts';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', concurrency: 2, warm: true });
  base = server.url;
});
afterAll(async () => {
  await server?.close();
});

async function expectApiError(res: Response, status: number, code: string): Promise<{ error: string; code: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: string; code: string };
  expect(body.code).toBe(code);
  expect(body.error.length).toBeGreaterThan(5);
  return body;
}

describe('bad requests', () => {
  it('413 for a program over 64 KB (and for a huge raw body)', async () => {
    const big = 'package main\n\nfunc main() {}\n' + '// ' + 'x'.repeat(70 * 1024) + '\n';
    await expectApiError(await postForm(`${base}/api/compile`, { body: big }), 413, 'too-large');
    const huge = await fetch(`${base}/api/compile`, { method: 'POST', body: 'body=' + 'y'.repeat(1024 * 1024) });
    await expectApiError(huge, 413, 'too-large');
  });

  it('400 for a body that is not UTF-8, in form or JSON encoding', async () => {
    const res = await fetch(`${base}/api/compile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'version=2&body=package%20main%0A%FF%FE',
    });
    await expectApiError(res, 400, 'not-utf8');
    const raw = await fetch(`${base}/api/compile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"body":"package main '), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    });
    await expectApiError(raw, 400, 'not-utf8');
  });

  it('405 with Allow for the wrong method', async () => {
    const res = await fetch(`${base}/api/compile`);
    const err = await expectApiError(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toContain('POST');
    expect(err.error).toContain('GET');
    const put = await fetch(`${base}/some/page`, { method: 'PUT' });
    await expectApiError(put, 405, 'method-not-allowed');
  });

  it('400 for a bad txtar archive, with the reason', async () => {
    const dup = 'package main\n\nfunc main() {}\n-- prog.go --\npackage main\n';
    expect((await expectApiError(await postForm(`${base}/api/compile`, { body: dup }), 400, 'bad-txtar')).error).toContain(
      'duplicate file name "prog.go"',
    );
    const escape = 'package main\n\nfunc main() {}\n-- ../evil.go --\npackage main\n';
    expect((await expectApiError(await postForm(`${base}/api/compile`, { body: escape }), 400, 'bad-txtar')).error).toContain(
      'invalid file name',
    );
    const many = 'package main\n\nfunc main() {}\n' + Array.from({ length: 20 }, (_, i) => `-- f${i}.go --\npackage main\n`).join('');
    expect((await expectApiError(await postForm(`${base}/api/compile`, { body: many }), 400, 'bad-txtar')).error).toContain(
      'too many files',
    );
  });

  it('400 for a missing body', async () => {
    await expectApiError(await postForm(`${base}/api/compile`, { version: '2' }), 400, 'missing-body');
    await expectApiError(await postForm(`${base}/api/fmt`, {}), 400, 'missing-body');
  });

  it('400 for bad JSON', async () => {
    const res = await fetch(`${base}/api/compile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"body": "pack',
    });
    await expectApiError(res, 400, 'bad-json');
    const arr = await fetch(`${base}/api/compile`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '["x"]' });
    await expectApiError(arr, 400, 'bad-json');
  });

  it('404 for an unknown API route', async () => {
    await expectApiError(await fetch(`${base}/api/nope`), 404, 'not-found');
  });
});

describe('protocol', () => {
  it('accepts JSON {body, withVet} as well as the form encoding', async () => {
    const res = await fetch(`${base}/api/compile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: prog(['fmt'], '\tfmt.Println("json")'), withVet: true }),
    });
    const json = await res.json();
    expect(json.Events[0].Message).toBe('json\n');
    expect(json.VetOK).toBe(true);
  });

  it('grants CORS to its own origin only (no wildcard: see security.test.ts) and answers preflights', async () => {
    const { res } = await compile(base, prog([], ''));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${base}/api/compile`, {
      method: 'OPTIONS',
      headers: { Origin: base, 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(base);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await fetch(`${base}/api/compile`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://slides.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(other.status).toBe(403);
  });

  it('formats with gofmt, per file of a txtar, and reports syntax errors', async () => {
    const res = await postForm(`${base}/api/fmt`, {
      body: 'package main\nfunc main(){\nx:=1\n_=x}\n-- b.go --\npackage main\nvar  y  =  2\n',
      imports: 'true',
    });
    expect(await res.json()).toEqual({
      Body: 'package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n}\n-- b.go --\npackage main\n\nvar y = 2\n',
      Error: '',
    });
    const bad = await (await postForm(`${base}/api/fmt`, { body: 'package main\nfunc main() {\n' })).json();
    expect(bad.Body).toBe('');
    expect(bad.Error).toMatch(/^prog\.go:\d+:\d+: expected/);
  });

  it('reports version, backend and isolation; health', async () => {
    const v = await (await fetch(`${base}/api/version`)).json();
    expect(v.Version).toMatch(/^go1\.\d+/);
    expect(v.Release).toMatch(/^go1\.\d+$/);
    expect(v.Backend).toBe('local');
    expect(typeof v.Isolated).toBe('boolean');
    expect(v.IsolationNote.length).toBeGreaterThan(10);
    const h = await (await fetch(`${base}/api/health`)).json();
    expect(h).toMatchObject({ ok: true, backend: 'local', warm: true });
  });

  it('answers an identical request from the cache', async () => {
    const src = prog(['fmt'], `\tfmt.Println("cache ${Date.now()}")`);
    const first = await compile(base, src);
    expect(first.res.headers.get('x-cache')).toBe('miss');
    const second = await compile(base, src);
    expect(second.res.headers.get('x-cache')).toBe('hit');
    expect(second.json).toEqual(first.json);
    // withVet is part of the key: a different request.
    expect((await compile(base, src, false)).res.headers.get('x-cache')).toBe('miss');
  });
});

describe('build timeout', () => {
  it('stops a build that takes too long with the Playground message', async () => {
    const slow = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: false, buildTimeoutMs: 30 });
    try {
      const { json } = await compile(slow.url, prog(['fmt'], `\tfmt.Println("never built ${Date.now()}")`));
      expect(json.Errors).toBe('timeout running go build\n');
      expect(json.Events).toBeNull();
      expect(readdirSync(slow.tempRoot!)).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

describe('cancellation', () => {
  it('stops the program and frees its slot when the client goes away (the Stop button)', async () => {
    // With a 60 s run limit, only cancellation can free the single slot within the wait below.
    const s = await startServer({
      port: 0,
      backend: 'local',
      distDir: '/nonexistent',
      concurrency: 1,
      queue: 0,
      warm: false,
      runTimeoutMs: 60_000,
    });
    try {
      const ac = new AbortController();
      const spin = fetch(`${s.url}/api/compile`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ body: prog([], `\tfor {\n\t}\n\t// ${Date.now()}`) }).toString(),
        signal: ac.signal,
      }).catch((e: Error) => e);
      const health = async () => (await (await fetch(`${s.url}/api/health`)).json()) as { running: number };
      for (let i = 0; i < 100 && (await health()).running === 0; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1500)); // let the build finish and the program start spinning
      ac.abort();
      expect(await spin).toBeInstanceOf(Error);
      let running = 1;
      for (let i = 0; i < 200 && running > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        running = (await health()).running;
      }
      expect(running).toBe(0);
      expect(readdirSync(s.tempRoot!)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('queue', () => {
  it('refuses with 503 + Retry-After when the queue is full', async () => {
    const small = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', concurrency: 1, queue: 0, warm: false });
    try {
      // A program that spins until the 5 s limit holds the only slot.
      const slow = compile(small.url, prog([], '\tfor {\n\t}'), false);
      await new Promise((r) => setTimeout(r, 300));
      const res = await postForm(`${small.url}/api/compile`, { body: prog(['fmt'], '\tfmt.Println("second")') });
      const err = await expectApiError(res, 503, 'busy');
      expect(res.headers.get('retry-after')).toBe('5');
      expect(err.error).toMatch(/busy/);
      const done = await slow;
      expect(done.json.Events!.map((e) => e.Message).join('')).toContain('timeout running program');
    } finally {
      await small.close();
    }
  });
});

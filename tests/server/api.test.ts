/**
 * The HTTP surface: every bad request gets a specific 4xx JSON error, CORS for its own origin,
 * fmt/version/health, the response cache and the bounded queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { startServer, type RunningServer } from '../../server/index.ts';
import { request } from 'node:http';
import type { CompileResponse } from '../../src/lib/runner/protocol.ts';
import { requireOrSkip } from '../require.ts';
import { compile, out, postForm, prog } from './helpers.ts';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  // The toolchains were warmed once for the whole run (tests/runner-setup.ts).
  server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', concurrency: 2, warm: false });
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

  it('a bad txtar archive is a build error in the Playground shape (200, message in Errors)', async () => {
    const errors = async (body: string) => {
      const res = await postForm(`${base}/api/compile`, { version: '2', body });
      expect(res.status).toBe(200);
      const json = (await res.json()) as CompileResponse;
      expect(json.Events).toBeNull();
      return json.Errors;
    };
    expect(await errors('package main\n\nfunc main() {}\n-- prog.go --\npackage main\n')).toContain('duplicate file name "prog.go"');
    expect(await errors('package main\n\nfunc main() {}\n-- ../evil.go --\npackage main\n')).toContain('invalid file name');
    const many = 'package main\n\nfunc main() {}\n' + Array.from({ length: 20 }, (_, i) => `-- f${i}.go --\npackage main\n`).join('');
    expect(await errors(many)).toContain('too many files');
  });

  it('an empty or missing program gets the Playground shape too, on compile and fmt', async () => {
    for (const fields of <Record<string, string>[]>[{ version: '2' }, { version: '2', body: '' }, { version: '2', body: '  \n' }]) {
      const res = await postForm(`${base}/api/compile`, fields);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        Errors: "prog.go:1:1: expected 'package', found 'EOF'\n",
        Events: null,
        Status: 0,
        IsTest: false,
        TestsFailed: 0,
      });
    }
    const fmt = await postForm(`${base}/api/fmt`, {});
    expect(fmt.status).toBe(200);
    expect(await fmt.json()).toEqual({ Body: '', Error: "prog.go:1:1: expected 'package', found 'EOF'" });
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
    expect(v.Versions[0]).toEqual({ Backend: '', Version: v.Version, Release: v.Release.replace(/^go/, '') });
    if (process.env.CI === 'true') expect(v.Versions.map((x: { Backend: string }) => x.Backend)).toEqual(['', 'goprev']);
    expect(v.Version).toMatch(/^go1\.\d+/);
    expect(v.Release).toMatch(/^go1\.\d+$/);
    expect(v.Backend).toBe('local');
    expect(typeof v.Isolated).toBe('boolean');
    expect(v.IsolationNote.length).toBeGreaterThan(10);
    const h = await (await fetch(`${base}/api/health`)).json();
    expect(h).toMatchObject({ ok: true, backend: 'local', warm: true });
  });

  it('lists LAN addresses for the workshop page only when learners can reach them', async () => {
    // Bound to loopback: nobody else can reach this server, so no address is offered.
    const mine = await (await fetch(`${base}/api/addresses`)).json();
    expect(mine).toMatchObject({ addresses: [], bound: '127.0.0.1' });
    expect(mine.port).toBe(Number(new URL(base).port));
    const lan = await startServer({ host: '0.0.0.0', port: 0, backend: 'proxy', distDir: '/nonexistent', warm: false });
    try {
      const port = new URL(lan.url).port;
      const got = await (await fetch(`http://127.0.0.1:${port}/api/addresses`)).json();
      expect(got.bound).toBe('0.0.0.0');
      for (const a of got.addresses) expect(a.address).not.toMatch(/^127\./);
    } finally {
      await lan.close();
    }
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

/**
 * Go's url.QueryEscape, as url.Values.Encode uses it: only A-Z a-z 0-9 - _ . ~ stay, space is '+'.
 * (URLSearchParams differs on '*' and '~', and the replay must send the bytes the Go client sends.)
 */
function goQueryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** url.Values.Encode: keys sorted, key=value joined by '&'. */
function goValuesEncode(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${goQueryEscape(k)}=${goQueryEscape(values[k])}`)
    .join('&');
}

/** A request exactly as Go's net/http client writes it: no body, Content-Length: 0 for POST. */
function goHttp(method: 'GET' | 'POST', url: string): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path: u.pathname + u.search,
        headers: {
          Host: u.host,
          'User-Agent': 'Go-http-client/1.1',
          ...(method === 'POST' ? { 'Content-Length': '0' } : {}),
          'Accept-Encoding': 'gzip',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * A faithful replay of github.com/tenntenn/goplayground (the `gp` CLI and library, the usual Go
 * client of the Playground): Client.Run does
 *   values.Set("version", "2"); values.Set("body", src)
 *   http.NewRequest(POST, baseURL+"/compile?"+values.Encode(), nil)
 * Client.Format does the same on "/fmt?" with imports=true when asked, and Client.Version a GET of
 * baseURL+"/version"; each decodes the JSON answer into {Errors, Events} / {Body, Error} /
 * {Version, Release, Name}. Its BaseURL is our server's root (it appends /compile itself).
 */
describe('third-party Go client (tenntenn/goplayground) replayed byte for byte', () => {
  it('Version, Run and Format with everything in the query string of an empty POST', async () => {
    const v = await goHttp('GET', `${base}/version`);
    expect(v.status).toBe(200);
    expect(JSON.parse(v.text)).toMatchObject({
      Version: expect.stringMatching(/^go1\.\d+/),
      Release: expect.any(String),
      Name: expect.any(String),
    });

    const src = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello, ~*+ 世界")\n}\n';
    const run = await goHttp('POST', `${base}/compile?${goValuesEncode({ version: '2', body: src })}`);
    expect(run.status).toBe(200);
    const r = JSON.parse(run.text) as CompileResponse;
    expect(r.Errors).toBe('');
    expect(out(r, 'stdout')).toBe('hello, ~*+ 世界\n');

    const bad = await goHttp(
      'POST',
      `${base}/compile?${goValuesEncode({ version: '2', body: 'package main\n\nfunc main() { undefined() }\n' })}`,
    );
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.text).Errors).toMatch(/prog\.go:3:\d+: undefined: undefined/);

    const empty = await goHttp('POST', `${base}/compile?${goValuesEncode({ version: '2', body: '' })}`);
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.text).Errors).toContain("expected 'package'");

    const fmt = await goHttp('POST', `${base}/fmt?${goValuesEncode({ body: 'package main\nfunc main(){}', imports: 'true' })}`);
    expect(fmt.status).toBe(200);
    expect(JSON.parse(fmt.text)).toEqual({ Body: 'package main\n\nfunc main() {}\n', Error: '' });
  });

  it("the form body wins over the query string, as with Go's FormValue", async () => {
    const res = await fetch(`${base}/compile?body=${encodeURIComponent('package main\n\nfunc main() { println("query") }\n')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ version: '2', body: 'package main\n\nfunc main() { println("form") }\n' }).toString(),
    });
    expect(out((await res.json()) as CompileResponse, 'stderr')).toBe('form\n');
  });
});

describe('backend= picks the Go release, like go.dev', () => {
  const version = 'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nfunc main() { fmt.Println(runtime.Version()) }\n';
  it('"" runs the default release, goprev the previous one (query string or form), each cached apart', async (ctx) => {
    const v = await (await fetch(`${base}/api/version`)).json();
    const latest = await compile(base, version);
    expect(out(latest.json, 'stdout')).toBe(v.Version + '\n');
    const prev = v.Versions.find((x: { Backend: string }) => x.Backend === 'goprev');
    requireOrSkip(!!prev, 'Go 1.26 (backend goprev) is not installed: run scripts/fetch-tools.sh', ctx);
    const q = await postForm(`${base}/api/compile?backend=goprev`, { version: '2', body: version });
    expect(q.headers.get('x-cache')).toBe('miss');
    expect(out((await q.json()) as CompileResponse, 'stdout')).toBe(prev.Version + '\n');
    const f = await postForm(`${base}/api/compile`, { version: '2', body: version, backend: 'goprev' });
    expect(f.headers.get('x-cache')).toBe('hit');
    expect(out((await f.json()) as CompileResponse, 'stdout')).toBe(prev.Version + '\n');
  });

  it('an unknown backend is a Playground-shaped error on compile and fmt', async () => {
    const c = await postForm(`${base}/api/compile?backend=gotip`, { version: '2', body: version });
    expect(c.status).toBe(200);
    const cj = (await c.json()) as CompileResponse;
    expect(cj.Events).toBeNull();
    expect(cj.Errors).toContain('unknown backend "gotip"');
    const f = await postForm(`${base}/api/fmt`, { body: version, backend: 'nope' });
    expect(f.status).toBe(200);
    expect((await f.json()).Error).toContain('unknown backend "nope"');
  });
});

describe('offline modules', () => {
  it('goleak and x/sync/errgroup build with no network; other modules fail with the offline note', async () => {
    const src =
      'package main\n\nimport (\n\t"fmt"\n\n\t"go.uber.org/goleak"\n\t"golang.org/x/sync/errgroup"\n)\n\nfunc main() {\n\tvar g errgroup.Group\n\tfor i := 0; i < 3; i++ {\n\t\tg.Go(func() error { return nil })\n\t}\n\tfmt.Println(g.Wait(), goleak.Find())\n}\n';
    const r = await compile(base, src);
    expect(r.json.Errors).toBe('');
    expect(out(r.json, 'stdout')).toBe('<nil> <nil>\n');
    // A learner's own go.mod (txtar) is kept, and its imports resolve from the same offline proxy.
    const own = await compile(base, src + '-- go.mod --\nmodule example.com/mine\n\ngo 1.22\n');
    expect(own.json.Errors).toBe('');
    expect(out(own.json, 'stdout')).toBe('<nil> <nil>\n');
    const other = await compile(base, 'package main\n\nimport _ "github.com/pkg/errors"\n\nfunc main() {}\n');
    expect(other.json.Errors).toContain('works offline');
  });
});

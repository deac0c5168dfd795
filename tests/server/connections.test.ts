/**
 * Issue 18, red team item 8 (slowloris): about 22,000 half-sent requests from one host used up the
 * server's file descriptors and other learners' requests failed. Now one address holds at most
 * CONNECTION_LIMITS.perClient connections, a connection that sends no complete request headers is
 * closed after the headers timeout, and another address is still answered during the flood.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { startServer, type RunningServer } from '../../server/index.ts';
import { CONNECTION_LIMITS } from '../../server/clients.ts';

const FLOOD = 3000;

function get(base: string, pathname: string, from: string): Promise<{ status: number; body: string }> {
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: from, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens one connection from `from`; half of them send a request line and one header, and stop. */
function halfOpen(port: number, from: string, i: number, closed: Set<Socket>): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, localAddress: from });
    s.on('error', () => {});
    s.on('close', () => closed.add(s));
    s.on('connect', () => {
      if (i % 2 === 0) s.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
      resolve(s);
    });
    // A connection the kernel never completes still counts as tried.
    s.on('close', () => resolve(s));
  });
}

describe('slowloris from one address', () => {
  let server: RunningServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startServer({ port: 0, backend: 'proxy', distDir: '/nonexistent', warm: false });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await server?.close();
  });

  it(`thousands of half-open connections from 127.0.0.1 leave 127.0.0.2 answered, and are closed by the server`, async () => {
    const port = Number(new URL(server.url).port);
    const closed = new Set<Socket>();
    for (let i = 0; i < FLOOD; i += 200) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(200, FLOOD - i) }, (_, j) => halfOpen(port, '127.0.0.1', i + j, closed)),
      );
      sockets.push(...batch);
    }
    // Let the server see every connection it accepted.
    await new Promise((r) => setTimeout(r, 500));
    const open = sockets.filter((s) => !closed.has(s));
    expect(open.length).toBeLessThanOrEqual(CONNECTION_LIMITS.perClient);
    expect(closed.size).toBeGreaterThanOrEqual(FLOOD - CONNECTION_LIMITS.perClient);

    // The flood's own address is at its cap; another address is served as if nothing happened.
    const other = await get(server.url, '/api/health', '127.0.0.2');
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body)).toMatchObject({ ok: true });

    // The ones the server kept are closed once the headers timeout passes, idle or half-sent.
    const deadline = Date.now() + CONNECTION_LIMITS.headersMs + 20_000;
    while (sockets.some((s) => !closed.has(s)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(sockets.filter((s) => !closed.has(s))).toHaveLength(0);
    // And the flood's address is served again afterwards.
    expect((await get(server.url, '/api/health', '127.0.0.1')).status).toBe(200);
  }, 90_000);
});

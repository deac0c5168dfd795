/**
 * Issue 18, red team item 7: one laptop sent 40 programs that block in a system call for the whole
 * run, filled every slot and the queue, and the next learner got 503. Now one client address holds
 * at most a few programs (429 beyond, with Retry-After), a free slot goes to the client with the
 * fewest programs running, and X-Forwarded-For counts only when the operator trusts a proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index.ts';
import { detectIsolation } from '../../server/sandbox.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { requireOrSkip } from '../require.ts';
import { blocker, compileFrom, type Answer } from './clients.ts';

const HELLO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("learner ran") }\n';
const canRun = () => !!findToolchain() && detectIsolation().isolated;
const WHY = () => `needs a Go toolchain and the sandbox (${detectIsolation().note})`;
const out = (a: Answer) => (a.json.Events ?? []).map((e) => e.Message).join('');

describe('fair sharing between clients', () => {
  let server: RunningServer;
  beforeAll(async () => {
    if (!canRun()) return;
    server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', concurrency: 2, perClient: 4, runTimeoutMs: 3000 });
  }, 600_000);
  afterAll(() => server?.close());

  it('refuses a flood past 4 programs with 429 + Retry-After, and runs the next learner before the flood’s queued programs', async (ctx) => {
    requireOrSkip(!!server, WHY(), ctx);
    const done: string[] = [];
    const flood = Array.from({ length: 10 }, (_, i) =>
      compileFrom(server.url, blocker(`flood ${i} ${Math.random()}`), '127.0.0.1').then((a) => {
        if (a.status === 200) done.push(`flood ${i}`);
        return a;
      }),
    );
    // The flood's programs are admitted (2 running, 2 waiting) before the learner arrives.
    while (server.queue.running + server.queue.queued < 4) await new Promise((r) => setTimeout(r, 20));
    const learner = compileFrom(server.url, HELLO, '127.0.0.2').then((a) => {
      done.push('learner');
      return a;
    });
    const answers = await Promise.all(flood);
    const l = await learner;
    expect(l.status).toBe(200);
    expect(out(l)).toBe('learner ran\n');

    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(6);
    for (const a of refused) {
      expect(a.headers['retry-after']).toBe('5');
      expect(a.json.code).toBe('too-many');
    }
    const ran = answers.filter((a) => a.status === 200);
    expect(ran).toHaveLength(4);
    for (const a of ran) expect(out(a)).toContain('timeout running program');
    // Two flood programs held both slots; the learner took the first slot they gave back, ahead
    // of the two flood programs that were already waiting.
    expect(done).toHaveLength(5);
    expect(done.indexOf('learner'), done.join(', ')).toBeLessThanOrEqual(2);
  }, 120_000);

  it('ignores a forged X-Forwarded-For unless the operator trusts a proxy', async (ctx) => {
    requireOrSkip(!!server, WHY(), ctx);
    const forged = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        compileFrom(server.url, blocker(`xff ${i} ${Math.random()}`), '127.0.0.1', { 'X-Forwarded-For': `10.0.0.${i}` }),
      ),
    );
    expect(forged.filter((a) => a.status === 429)).toHaveLength(1);

    const behind = await startServer({
      port: 0,
      backend: 'local',
      distDir: '/nonexistent',
      warm: false,
      concurrency: 2,
      perClient: 1,
      trustProxy: true,
      runTimeoutMs: 1000,
    });
    try {
      // Through a proxy every request comes from its address; the proxy's last entry names the client.
      const viaProxy = await Promise.all([
        compileFrom(behind.url, blocker(`p1 ${Math.random()}`), '127.0.0.1', { 'X-Forwarded-For': '203.0.113.9, 10.0.0.1' }),
        compileFrom(behind.url, blocker(`p2 ${Math.random()}`), '127.0.0.1', { 'X-Forwarded-For': '10.0.0.2' }),
        compileFrom(behind.url, blocker(`p3 ${Math.random()}`), '127.0.0.1', { 'X-Forwarded-For': '10.0.0.1' }),
      ]);
      expect(viaProxy.map((a) => a.status).sort()).toEqual([200, 200, 429]);
      expect(viaProxy[1].status).toBe(200);
    } finally {
      await behind.close();
    }
  }, 120_000);
});

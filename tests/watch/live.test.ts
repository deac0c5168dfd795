// `leaklab watch` against a real Go service built here from tests/fixtures/watch-service: it leaks
// one goroutine per /order on a package-level channel (which Go's goroutineleak profile cannot
// prove), keeps a pool of 8 workers, and /burst starts 40 goroutines that finish. Traffic runs in
// this process while the CLI watches over loopback.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeNeeding } from '../require.ts';
import { describeToolchains, findToolchain } from '../../server/toolchain.ts';
import { runWatch } from './helpers.ts';

const GO = findToolchain()?.go ?? '';
const FIXTURE = fileURLToPath(new URL('../fixtures/watch-service/main.go', import.meta.url));

describeNeeding(!!GO, describeToolchains(), 'leaklab watch on a live service', () => {
  let dir = '';
  let bin = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leaklab-watch-'));
    bin = join(dir, 'service');
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' };
    execFileSync(GO, ['build', '-o', bin, FIXTURE], { env, stdio: 'pipe' });
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts the service on a free loopback port; resolves with its base URL. */
  async function start(leak: boolean): Promise<{ url: string; proc: ChildProcess }> {
    const proc = spawn(bin, ['-addr', '127.0.0.1:0', `-leak=${leak}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/\S+\/)/.exec(out);
        if (m) resolve(m[1]);
      });
      proc.on('exit', (code) => reject(new Error(`service exited with ${code}`)));
    });
    return { url, proc };
  }

  /** Orders at a steady pace and a burst now and then, until stopped. */
  function traffic(url: string): () => Promise<void> {
    let on = true;
    const loops = [
      (async () => {
        while (on) {
          await fetch(`${url}order`).then((r) => r.text());
          await new Promise((r) => setTimeout(r, 60));
        }
      })(),
      (async () => {
        while (on) {
          await fetch(`${url}burst`).then((r) => r.text());
          await new Promise((r) => setTimeout(r, 150));
        }
      })(),
    ];
    return async () => {
      on = false;
      await Promise.all(loops);
    };
  }

  async function watchService(leak: boolean, extra: string[] = []) {
    const { url, proc } = await start(leak);
    const stop = traffic(url);
    try {
      return await runWatch([`${url}debug/pprof/`, '--interval', '1', '--samples', '8', '--json', ...extra]);
    } finally {
      await stop();
      proc.kill();
    }
  }

  it('the leaking service: exit 1, the leaking function named, neither the pool nor the burst', async () => {
    const save = join(dir, 'series');
    const r = await watchService(true, ['--save', save]);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(r.code, r.stderr).toBe(1);
    expect(lines).toHaveLength(9);
    lines.slice(0, 8).forEach((l, i) => {
      expect(Object.keys(l)).toEqual(['sample', 'time', 'total', 'groups']);
      expect(l.sample).toBe(i + 1);
      expect(Number.isNaN(Date.parse(l.time))).toBe(false);
      for (const g of l.groups) expect(Object.keys(g)).toEqual(['id', 'function', 'location', 'state', 'count', 'suspect', 'proven']);
    });
    const { summary } = lines[8];
    expect(summary.samples).toBe(8);
    const names = summary.suspects.map((s: { function: string }) => s.function);
    expect(names).toEqual(['main.recordAudit']);
    const s = summary.suspects[0];
    expect(Object.keys(s)).toEqual(['id', 'function', 'location', 'state', 'counts', 'reason']);
    expect(s.location).toMatch(/watch-service\/main\.go:39$/);
    expect(s.state).toBe('chan send');
    expect(s.counts).toHaveLength(8);
    // A package-level channel: the runtime cannot prove this one, growth does.
    expect(s.reason).toMatch(/^grew in \d of the last \d samples/);
    expect(lines[7].groups.find((g: { function: string }) => g.function === 'main.recordAudit').proven).toBe(false);
    // The pool is in the samples, steady at 8, and never a suspect.
    const pool = lines.map((l) => l.groups?.find((g: { function: string }) => g.function === 'main.worker')).filter(Boolean);
    expect(pool.length).toBe(8);
    for (const p of pool) expect([p.count, p.suspect]).toEqual([8, false]);
    // Every sample saved under its time, with the goroutineleak profile Go 1.27 serves.
    const files = readdirSync(save);
    expect(files.filter((f) => /^goroutine-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.txt$/.test(f))).toHaveLength(8);
    expect(files.filter((f) => f.startsWith('goroutineleak-'))).toHaveLength(8);
  }, 120_000);

  it('the same service without the leak: exit 0, no suspect', async () => {
    const r = await watchService(false);
    expect(r.code, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(last).toEqual({ summary: { samples: 8, suspects: [] } });
  }, 120_000);
});

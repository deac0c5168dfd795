/**
 * `node bench/first-run.ts`: the first Run after a page load, in Chromium, on the built site served
 * with the local Go runner (`leaklab serve --no-build`). A learner opens a lesson, moves the pointer
 * onto the snippet (its session, editor and runner connection load), then clicks Run: we time the
 * click to the verdict. The yardstick, from the same run: the same program (harness included, so
 * a new program each time) sent to the same server's /api/compile from Node, plus the paced replay
 * of its output the page plays before the verdict. Needs `npx astro build`. Figures only.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { instrument } from '../src/lib/runner/harness.ts';
import { replaySchedule } from '../src/lib/runner/replay.ts';
import type { CompileResponse } from '../src/lib/runner/protocol.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.LEAKLAB_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.LEAKLAB_BENCH_PORT ?? 4422);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LESSON = process.env.LEAKLAB_BENCH_LESSON ?? '/learn/01-what-is-a-leak/';

function skip(why: string): never {
  console.log(`first run in Chromium: not measured: ${why}`);
  process.exit(0);
}
if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM} (set LEAKLAB_CHROMIUM)`);
if (!existsSync(`${ROOT}dist${LESSON}index.html`)) skip(`no ${LESSON} in dist/: run \`npx astro build\` first`);
let chromium: typeof import('playwright-core').chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  skip(`playwright-core cannot be loaded (${(e as Error).message})`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const f = (n: number) => n.toFixed(0);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const server = spawn(process.execPath, [`${ROOT}bin/leaklab.mjs`, 'serve', '--port', String(PORT), '--no-build'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${PORT}`;
try {
  let up = false;
  // The server warms its build cache before it listens.
  for (let i = 0; i < 600 && !up; i++) {
    try {
      up = (await fetch(`${base}/api/health`)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (!up) skip(`the server did not answer on port ${PORT}`);
  const html = readFileSync(`${ROOT}dist${LESSON}index.html`, 'utf8');
  const config = JSON.parse(
    html
      .match(/<leak-playground[^>]*data-config="([^"]*)"/)![1]
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&'),
  ) as { id: string; original: string };

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const clicks: number[] = [];
  const readies: number[] = [];
  const yard: number[] = [];
  let replayMs = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}${LESSON}`, { waitUntil: 'networkidle' });
      const pg = page.locator(`leak-playground`).first();
      const run = pg.locator('button[data-action="run"]');
      // The pointer arrives on the snippet; a learner reads the code a moment before pressing Run.
      const t0 = Date.now();
      await run.hover();
      await page.waitForFunction(() => document.querySelector('leak-playground')?.getAttribute('data-state') === 'editor', null, {
        timeout: 60_000,
      });
      readies.push(Date.now() - t0);
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => {
        const el = document.querySelector('leak-playground')!;
        const w = window as unknown as { __t: number; __v: number };
        el.addEventListener('click', () => (w.__t ??= performance.now()), true);
        new MutationObserver(() => {
          if (el.querySelector('[data-verdict]')?.childElementCount) w.__v ??= performance.now();
        }).observe(el, { childList: true, subtree: true });
      });
      await run.click();
      await page.waitForFunction(() => (window as unknown as { __v?: number }).__v !== undefined, null, { timeout: 60_000 });
      clicks.push(
        await page.evaluate(() => (window as unknown as { __v: number; __t: number }).__v - (window as unknown as { __t: number }).__t),
      );
      await context.close();

      // The yardstick: the same request from Node, a new program as the page's was (a fresh nonce).
      const body = instrument(config.original, { nonce: `bench${i}${Date.now()}` }).source;
      const t1 = performance.now();
      const res = await fetch(`${base}/api/compile`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ version: '2', body, withVet: 'true' }),
      });
      const resp = (await res.json()) as CompileResponse;
      yard.push(performance.now() - t1);
      replayMs = replaySchedule(resp.Events ?? []).reduce((n, s) => n + s.waitMs, 0);
    }
  } finally {
    await browser.close();
  }
  console.log(`${LESSON} first snippet (${config.id}); ${RUNS} fresh page loads; load ${load()}`);
  console.log(`  pointer on the snippet → editor ready: ${readies.map(f).join(', ')} ms`);
  console.log(
    `  click → verdict (first run after the page load): ${clicks.map(f).join(', ')} ms, median ${f(median(clicks))} (goal ≤ 1500 on a quiet machine)`,
  );
  console.log(
    `  yardstick: the same program's /api/compile from Node ${yard.map(f).join(', ')} ms, median ${f(median(yard))}; + the paced replay of its output ${f(replayMs)} ms = ${f(median(yard) + replayMs)}; the page adds ${f(median(clicks) - median(yard) - replayMs)} ms`,
  );
} finally {
  server.kill();
}

/**
 * `node bench/paste.ts`: the /dump/ page in Chromium with the 20 MB / 82k-goroutine dump of
 * bench/big-dump.ts, pasted (a real Ctrl+V from the clipboard) next to the yardstick, choosing the
 * same file, in alternation, each on a freshly loaded page. For each: the time from the gesture
 * (the paste event, the file input's change) to the shown result, and the longest main-thread task
 * meanwhile (PerformanceObserver longtask). Then typing in the search box over that dump: the
 * longest task and the long tasks' total while typing. Needs the built site (`npx astro build`).
 * Figures only: when something is missing it prints why and exits 0.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { BIG_DUMP, writeBigDump } from './big-dump.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.LEAKLAB_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.LEAKLAB_BENCH_PORT ?? 4421);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function skip(why: string): never {
  console.log(`paste in Chromium: not measured: ${why}`);
  process.exit(0);
}

if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM} (set LEAKLAB_CHROMIUM)`);
if (!existsSync(`${ROOT}dist/dump/index.html`)) skip('no built site in dist/: run `npx astro build` first');
let chromium: typeof import('playwright-core').chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  skip(`playwright-core cannot be loaded (${(e as Error).message})`);
}
if (!existsSync(BIG_DUMP)) await writeBigDump();
const bytes = readFileSync(BIG_DUMP);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Records long tasks and the moment the status reports a result, from page start. */
const INIT = () => {
  const w = window as unknown as { __lt: PerformanceEntry[]; __t0: number; __done: number };
  w.__lt = [];
  new PerformanceObserver((l) => w.__lt.push(...l.getEntries())).observe({ type: 'longtask', buffered: true });
  // Capture phase on window: before the page's own handlers see the gesture.
  for (const type of ['paste', 'change', 'click']) addEventListener(type, () => (w.__t0 ??= performance.now()), true);
  addEventListener('DOMContentLoaded', () => {
    const status = document.querySelector('[data-llv-status]')!;
    new MutationObserver(() => {
      if ((status as HTMLElement).dataset.ms) w.__done ??= performance.now();
    }).observe(status, { attributes: true, attributeFilter: ['data-ms'] });
  });
};

interface Timing {
  ms: number;
  longest: number;
  statusMs: number;
}

async function timed(page: Page): Promise<Timing> {
  await page.waitForFunction(() => (window as unknown as { __done?: number }).__done !== undefined, null, { timeout: 120_000 });
  return page.evaluate(() => {
    const w = window as unknown as { __lt: PerformanceEntry[]; __t0: number; __done: number };
    const during = w.__lt.filter((e) => e.startTime + e.duration >= w.__t0);
    return {
      ms: w.__done - w.__t0,
      longest: Math.max(0, ...during.map((e) => e.duration)),
      statusMs: Number(document.querySelector<HTMLElement>('[data-llv-status]')!.dataset.ms),
    };
  });
}

/** Typing two searches over the 82k-goroutine result, at a brisk 8 keys a second. */
async function typing(page: Page): Promise<void> {
  const t0 = await page.evaluate(() => performance.now());
  const search = page.getByLabel('Search functions, packages, files');
  await search.pressSequentially('worker.process', { delay: 120 });
  await page.waitForTimeout(1500);
  await search.fill('');
  await search.pressSequentially('net/http', { delay: 120 });
  await page.waitForTimeout(1500);
  const r = await page.evaluate((since) => {
    const w = window as unknown as { __lt: PerformanceEntry[] };
    const during = w.__lt.filter((e) => e.startTime >= since);
    return {
      longest: Math.max(0, ...during.map((e) => e.duration)),
      total: during.reduce((n, e) => n + e.duration, 0),
      count: during.length,
    };
  }, t0);
  console.log(
    `  typing two searches over the result: longest task ${f(r.longest)} ms, ${r.count} long tasks, ${f(r.total)} ms in all (goal: none over 200 ms)`,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const f = (n: number) => n.toFixed(0);

const server = spawn(process.execPath, [`${ROOT}bin/leaklab.mjs`, 'serve', '--port', String(PORT), '--no-build', '--backend', 'proxy'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${PORT}`;
try {
  let up = false;
  for (let i = 0; i < 100 && !up; i++) {
    try {
      up = (await fetch(`${base}/api/health`)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (!up) skip(`the server did not answer on port ${PORT}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    // Two readers: one who has let the site read the clipboard (the Blob path), one who has not (getData).
    const granted = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    // clipboard-read too, only so the bench can put the text on the clipboard; the page is told 'denied'.
    const plain = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    await plain.addInitScript(() => {
      const query = navigator.permissions.query.bind(navigator.permissions);
      navigator.permissions.query = (d: PermissionDescriptor) =>
        d.name === ('clipboard-read' as PermissionName)
          ? Promise.resolve({ state: 'denied', addEventListener() {} } as unknown as PermissionStatus)
          : query(d);
    });
    for (const c of [granted, plain]) {
      await c.addInitScript(INIT);
      await c.route('**/bench-dump.txt', (route) => route.fulfill({ body: bytes, contentType: 'text/plain' }));
    }
    const fresh = async (context: BrowserContext) => {
      const page = await context.newPage();
      await page.goto(`${base}/dump/`);
      await page.locator('[data-llv-page][data-ready="true"]').first().waitFor();
      return page;
    };
    const file: Timing[] = [];
    const paste = { granted: [] as Timing[], plain: [] as Timing[] };
    for (let i = 0; i < RUNS; i++) {
      let page = await fresh(plain);
      await page.getByLabel('Choose a file').first().setInputFiles(BIG_DUMP);
      file.push(await timed(page));
      await page.close();

      for (const kind of ['granted', 'plain'] as const) {
        page = await fresh(kind === 'granted' ? granted : plain);
        // Onto the clipboard outside the timed part, as a learner copies from a terminal first.
        await page.evaluate(async () => navigator.clipboard.writeText(await (await fetch('/bench-dump.txt')).text()));
        await page.getByLabel('Paste a dump', { exact: true }).focus();
        await page.keyboard.press('Control+V');
        paste[kind].push(await timed(page));
        if (i === RUNS - 1 && kind === 'plain') await typing(page);
        await page.close();
      }
    }
    console.log(`${BIG_DUMP}: ${(bytes.length / 1e6).toFixed(1)} MB; ${RUNS} runs each, alternating, fresh page each; load ${load()}`);
    console.log(
      `  yardstick, choose the file: ${file.map((t) => f(t.ms)).join(', ')} ms to the result; longest task ${file.map((t) => f(t.longest)).join(', ')} ms`,
    );
    for (const kind of ['granted', 'plain'] as const) {
      const t = paste[kind];
      console.log(
        `  paste, Ctrl+V, ${kind === 'granted' ? 'clipboard-read allowed (Blob)' : 'no clipboard permission (getData)'}: ${t.map((x) => f(x.ms)).join(', ')} ms to the result = ${(median(t.map((x) => x.ms)) / median(file.map((x) => x.ms))).toFixed(2)}× the file (goal ≤ 1.5×); longest task ${t.map((x) => f(x.longest)).join(', ')} ms (goal ≤ 200); the status said ${t.map((x) => f(x.statusMs)).join(', ')} ms`,
      );
    }
  } finally {
    await browser.close();
  }
} finally {
  server.kill();
}

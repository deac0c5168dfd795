/**
 * `node bench/worker.ts`: the viewer's parse worker in Chromium on the 20 MB / 82k-goroutine dump of
 * bench/big-dump.ts. The real built site (`npx astro build` first) is served by
 * `leaklab serve --no-build`; a page of it starts the worker the viewer ships and posts the file as
 * the viewer does (a Blob), and we time from the post to the parsed, grouped result. Figures only:
 * when Chromium, playwright-core or the build is missing it prints why and exits 0.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BIG_DUMP, writeBigDump } from './big-dump.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.LEAKLAB_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.LEAKLAB_BENCH_PORT ?? 4421);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function skip(why: string): never {
  console.log(`worker in Chromium: not measured: ${why}`);
  process.exit(0);
}

if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM} (set LEAKLAB_CHROMIUM)`);
const astro = `${ROOT}dist/_astro/`;
if (!existsSync(astro)) skip('no built site in dist/: run `npx astro build` first');
// The worker is its own asset; the viewer's pages load it by this name.
const workerFile = readdirSync(astro).find((f) => /^parse\.worker.*\.js$/.test(f));
if (workerFile === undefined) skip(`no parse.worker*.js in ${astro}: rebuild the site`);
let chromium: typeof import('playwright-core').chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  skip(`playwright-core cannot be loaded (${(e as Error).message})`);
}

if (!existsSync(BIG_DUMP)) await writeBigDump();
const bytes = readFileSync(BIG_DUMP);
const mb = bytes.length / 1e6;

const server = spawn(process.execPath, [`${ROOT}bin/leaklab.mjs`, 'serve', '--port', String(PORT), '--no-build'], {
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

  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  } catch (e) {
    skip(`Chromium did not start (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    const page = await browser.newPage();
    // The dump reaches the page as a download would, outside the timed part.
    await page.route('**/bench-dump.txt', (route) => route.fulfill({ body: bytes, contentType: 'text/plain' }));
    await page.goto(`${base}/dump/`);
    const times: { post: number; inWorker: number; groups: number; total: number }[] = await page.evaluate(
      async ({ src, runs }) => {
        const blob = await (await fetch('/bench-dump.txt')).blob();
        const out = [];
        // A fresh worker each run, as a newly opened viewer has: the first parse includes V8's warm-up.
        for (let i = 0; i < runs; i++) {
          const w = new Worker(src, { type: 'module' });
          const t0 = performance.now();
          const r = await new Promise<{ result: { ms: number; total: number; groups: unknown[] } }>((resolve, reject) => {
            w.onmessage = (ev) => (ev.data.type === 'result' ? resolve(ev.data) : reject(new Error(JSON.stringify(ev.data))));
            w.onerror = (ev) => reject(new Error(ev.message));
            w.postMessage({ type: 'parse', id: 1, slot: 'current', source: { kind: 'file', file: blob, name: 'big.txt' }, locale: 'en' });
          });
          out.push({ post: performance.now() - t0, inWorker: r.result.ms, groups: r.result.groups.length, total: r.result.total });
          w.terminate();
        }
        return out;
      },
      { src: `/_astro/${workerFile}`, runs: RUNS },
    );
    const sorted = times.map((t) => t.post).sort((a, b) => a - b);
    const med = sorted[sorted.length >> 1];
    console.log(
      `${BIG_DUMP}: ${mb.toFixed(1)} MB, ${times[0].total} goroutines in ${times[0].groups} groups; viewer worker in Chromium, ${RUNS} fresh workers`,
    );
    console.log(
      'post → result ms: ' +
        times.map((t) => t.post.toFixed(0)).join(', ') +
        `  (in the worker: ${times.map((t) => t.inWorker.toFixed(0)).join(', ')})`,
    );
    console.log(
      `median ${med.toFixed(0)} ms, best ${sorted[0].toFixed(0)} ms, ${(mb / (med / 1000)).toFixed(0)} MB/s (target: under 1000 ms on a quiet machine)`,
    );
  } finally {
    await browser.close();
  }
} finally {
  server.kill();
}

/**
 * Runner latency and throughput (figures only, never pass/fail): cold build (fresh cache for the
 * program, runtime already warm), warm repeat with a different program, cached repeat, and 40
 * concurrent clients sending distinct programs. Starts the local runner in-process.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startServer } from '../server/index.ts';
import { createClient } from '../src/lib/runner/client.ts';
import { sleepyProgram } from './sleepy-program.ts';

const CLIENTS = 40;

function ms(n: number): string {
  return `${n.toFixed(0)} ms`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const t0 = performance.now();
  const server = await startServer({ port: 0, backend: 'auto', distDir: '/nonexistent', queue: CLIENTS * 2 });
  console.log(
    `runner: ${server.backend} backend, ${server.goVersion}, isolated=${server.isolated}, concurrency=${server.queue.concurrency} (cores: ${availableParallelism()})`,
  );
  console.log(`startup incl. warming the faketime build cache: ${ms(performance.now() - t0)}`);
  const client = createClient({ target: 'server', baseUrl: server.url });
  const unique = `${process.pid}-${Date.now()}`;
  try {
    const timed = async (src: string, withVet = true) => {
      const t = performance.now();
      const r = await client.compile(src, { withVet });
      if (r.Errors) throw new Error(r.Errors);
      return performance.now() - t;
    };
    const cold = await timed(sleepyProgram(`cold-${unique}`));
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await timed(sleepyProgram(`warm-${i}-${unique}`)));
    const warmNoVet = await timed(sleepyProgram(`novet-${unique}`), false);
    const cached: number[] = [];
    for (let i = 0; i < 5; i++) cached.push(await timed(sleepyProgram(`warm-0-${unique}`)));
    console.log(
      `latency: first program ${ms(cold)}; new programs ${warm.map(ms).join(', ')} (without vet ${ms(warmNoVet)}); cached ${ms(Math.max(...cached))} worst of 5`,
    );

    const lat: number[] = [];
    let errors = 0;
    let busy = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const t = performance.now();
        try {
          await client.compile(sleepyProgram(`client-${i}-${unique}`));
          lat.push(performance.now() - t);
        } catch (err) {
          if ((err as { status?: number }).status === 503) busy++;
          else errors++;
        }
      }),
    );
    const wall = (performance.now() - start) / 1000;
    lat.sort((a, b) => a - b);
    console.log(
      `throughput: ${CLIENTS} concurrent clients, distinct programs: ${lat.length} ok, ${busy} refused (503), ${errors} failed in ${wall.toFixed(1)} s ` +
        `= ${(lat.length / wall).toFixed(2)} runs/s; latency p50 ${ms(percentile(lat, 50))}, p90 ${ms(percentile(lat, 90))}, max ${ms(lat[lat.length - 1] ?? 0)}`,
    );
  } finally {
    await server.close();
  }
}

await main();

/**
 * Run latency per Go release (figures only, never pass/fail): for Go 1.27 (the default), and Go 1.23
 * (what the lab first shipped, fetched into .tools/go/1.23 by `bash scripts/fetch-tools.sh go1.23`),
 * on the same machine in the same run:
 *   cold: the first run with an empty build cache (GOCACHE), so the faketime runtime is rebuilt;
 *   warm: a new program once the cache is warm (median of 3).
 * Each run goes through the same client and leak-check harness as a lesson (runProgram).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectGo } from '../server/toolchain.ts';
import { sleepyProgram } from './sleepy-program.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Measures one release in a child process, so LEAKLAB_GO and GOCACHE apply to its whole server. */
async function measure(): Promise<void> {
  const { startServer } = await import('../server/index.ts');
  const { createClient } = await import('../src/lib/runner/client.ts');
  const { runProgram } = await import('../src/lib/runner/run.ts');
  // A cold faketime build takes far longer than the Playground's 10 s build limit: lift it to measure it.
  const server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: false, buildTimeoutMs: 600_000 });
  const client = createClient({ target: 'server', baseUrl: server.url });
  const unique = `${process.pid}-${Date.now()}`;
  const timed = async (src: string) => {
    const t = performance.now();
    const r = await runProgram(client, src, { withVet: false });
    if (r.errors) throw new Error(r.errors);
    return performance.now() - t;
  };
  try {
    const cold = await timed(sleepyProgram(`cold-${unique}`));
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await timed(sleepyProgram(`warm-${i}-${unique}`)));
    warm.sort((a, b) => a - b);
    console.log(JSON.stringify({ version: server.goVersion, cold, warm: warm[1] }));
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') return measure();
  const go = projectGo;
  if (!existsSync(go('1.23'))) {
    console.log('fetching Go 1.23 for the comparison (bash scripts/fetch-tools.sh go1.23)...');
    spawnSync('bash', [path.join(ROOT, 'scripts', 'fetch-tools.sh'), 'go1.23'], { stdio: 'inherit' });
  }
  const rows: string[] = [];
  for (const release of ['1.27', '1.23']) {
    if (!existsSync(go(release))) {
      rows.push(`| Go ${release} | not installed | |`);
      continue;
    }
    const cache = mkdtempSync(path.join(tmpdir(), `leaklab-bench-gocache-${release}-`));
    try {
      const r = spawnSync(process.execPath, [import.meta.filename, '--measure'], {
        encoding: 'utf8',
        env: { ...process.env, LEAKLAB_GO: go(release), GOCACHE: cache },
      });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      try {
        const m = JSON.parse(line) as { version: string; cold: number; warm: number };
        rows.push(`| ${m.version} | ${(m.cold / 1000).toFixed(1)} s | ${m.warm.toFixed(0)} ms |`);
      } catch {
        rows.push(`| Go ${release} | failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')} | |`);
      }
    } finally {
      spawnSync('chmod', ['-R', 'u+w', cache]);
      rmSync(cache, { recursive: true, force: true });
    }
  }
  console.log('run latency through the leak-check harness (cold = empty build cache; warm = new program, median of 3):');
  console.log('| Go | cold | warm |\n|---|---|---|');
  for (const r of rows) console.log(r);
}

await main();

/**
 * How many concurrent learners the local runner sustains (`npm run bench -- concurrency`).
 *
 * Starts the real server in-process (server/index.ts, local Go backend), then simulates a room:
 * N learners, each pressing Run on a program of their own (distinct source, so the cache never
 * answers) and then thinking for ~20 s (uniformly 10–30 s) before the next run. N grows step by
 * step until the 95th-percentile latency passes 5 s or the server starts answering 503 (queue
 * full). Every run is what the lesson UI sends: the leak-check harness (a fresh nonce, so a new
 * program each time) and vet, built and run in the sandbox. Prints a Markdown table ready for the
 * README, the CPU each run cost (this process and its children, from /proc) and the hardware and
 * its load. Figures only: nothing here passes or fails.
 *
 * Settings (environment):
 *   LEAKLAB_BENCH_THINK_S   mean think time between runs, seconds (default 20)
 *   LEAKLAB_BENCH_LEVEL_S   how long each N is held, seconds (default 60)
 *   LEAKLAB_BENCH_LEVELS    comma-separated N to try (default 4,8,16,24,32,48,64,96,128)
 *   LEAKLAB_BENCH_PORT      port for the in-process server (default 4542)
 *   LEAKLAB_BENCH_URL       measure an already running server instead (e.g. a LAN laptop)
 */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { instrument } from '../src/lib/runner/harness.ts';

const THINK_S = Number(process.env.LEAKLAB_BENCH_THINK_S ?? 20);
const LEVEL_S = Number(process.env.LEAKLAB_BENCH_LEVEL_S ?? 60);
const LEVELS = (process.env.LEAKLAB_BENCH_LEVELS ?? '4,8,16,24,32,40,48,64,96,128').split(',').map(Number);
const PORT = Number(process.env.LEAKLAB_BENCH_PORT ?? 4542);
const P95_LIMIT_MS = 5000;

interface Sample {
  ms: number;
  status: number;
  error?: string;
}

/** A small, realistic lesson-style program; `tag` makes every source distinct. */
function program(tag: string): string {
  return `package main

import (
	"fmt"
	"time"
)

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		time.Sleep(time.Millisecond)
		results <- j * 2
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan int)
	for w := 1; w <= 3; w++ {
		go worker(w, jobs, results)
	}
	go func() {
		for i := 0; i < 5; i++ {
			jobs <- i
		}
	}()
	sum := 0
	for i := 0; i < 5; i++ {
		sum += <-results
	}
	fmt.Println("learner ${tag}: sum", sum)
}
`;
}

let nonceSeq = 0;
/**
 * CPU seconds used so far by this process and everything it started. bwrap's outer process exits
 * without reaping the sandbox's init, so /proc's children times miss the builds and runs: where we
 * may (root, cgroup v1 cpuacct), this process moves into a cpuacct group of its own, which counts
 * every descendant, and leaves it at exit.
 */
const CPUACCT = `/sys/fs/cgroup/cpuacct/leaklab-bench-${process.pid}`;
let cpuacct = false;
try {
  mkdirSync(CPUACCT);
  writeFileSync(`${CPUACCT}/cgroup.procs`, String(process.pid));
  cpuacct = true;
  process.on('exit', () => {
    try {
      writeFileSync('/sys/fs/cgroup/cpuacct/cgroup.procs', String(process.pid));
      rmdirSync(CPUACCT);
    } catch {
      // Left behind empty; harmless.
    }
  });
} catch {
  // Not root or no cgroup v1 here: /proc/self/stat below.
}
function cpuSeconds(): number {
  try {
    if (cpuacct) return Number(readFileSync(`${CPUACCT}/cpuacct.usage`, 'utf8')) / 1e9;
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after the command name.
    return [11, 12, 13, 14].reduce((n, i) => n + Number(f[i]), 0) / 100;
  } catch {
    return NaN;
  }
}

async function compile(base: string, source: string): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(`${base}/api/compile`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        version: '2',
        body: instrument(source, { nonce: `n${++nonceSeq}${Date.now()}` }).source,
        withVet: 'true',
      }).toString(),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) return { ms, status: res.status, error: text.slice(0, 120) };
    const body = JSON.parse(text) as { Errors?: string; Events?: { Message: string }[] | null };
    if (body.Errors) return { ms, status: res.status, error: `build: ${body.Errors.slice(0, 120)}` };
    if (!body.Events?.some((e) => e.Message.includes('learner'))) return { ms, status: res.status, error: 'unexpected output' };
    return { ms, status: 200 };
  } catch (err) {
    return { ms: performance.now() - started, status: 0, error: err instanceof Error ? err.message : String(err) };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

let runSeq = 0;
async function level(base: string, n: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const end = performance.now() + LEVEL_S * 1000;
  const learner = async (id: number) => {
    // Learners arrive spread over one think time, as a room does after "now try it".
    await sleep(Math.random() * THINK_S * 1000);
    while (performance.now() < end) {
      samples.push(await compile(base, program(`${n}-${id}-${++runSeq}-${Date.now()}`)));
      const think = THINK_S * 1000 * (0.5 + Math.random());
      if (performance.now() + think >= end) break;
      await sleep(think);
    }
  };
  await Promise.all(Array.from({ length: n }, (_, i) => learner(i)));
  return samples;
}

function hardware(): string {
  const cpus = os.cpus();
  let go = 'unknown';
  try {
    go = execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    /* no go on PATH */
  }
  return [
    `CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'} (${cpus[0]?.speed ?? '?'} MHz)`,
    `Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    `Load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `OS: ${os.type()} ${os.release()} ${os.arch()} · Node ${process.version} · ${go}`,
  ].join('\n');
}

async function main(): Promise<void> {
  let base = process.env.LEAKLAB_BENCH_URL?.replace(/\/$/, '');
  let stop: (() => Promise<void>) | undefined;
  if (!base) {
    const { startServer } = (await import('../server/index.ts')) as {
      startServer: (o: Record<string, unknown>) => Promise<unknown> | unknown;
    };
    // Every simulated learner shares 127.0.0.1: the per-client limit would measure itself, not the runner.
    const server = (await startServer({
      host: '127.0.0.1',
      port: PORT,
      distDir: 'dist',
      backend: 'local',
      perClient: Number.POSITIVE_INFINITY,
    })) as { close?: (cb?: () => void) => unknown; port?: number; url?: string; address?: () => unknown } | undefined;
    base = server?.url?.replace(/\/$/, '') ?? `http://127.0.0.1:${server?.port ?? PORT}`;
    stop = async () => {
      await new Promise<void>((resolve) => {
        const r = server?.close?.(() => resolve());
        if (r instanceof Promise) void r.then(() => resolve());
        else if (!server?.close) resolve();
        setTimeout(resolve, 5000);
      });
    };
  }
  try {
    const version = await fetch(`${base}/api/version`)
      .then((r) => r.json())
      .catch(() => ({}));
    console.log(hardware());
    console.log(`Runner: ${JSON.stringify(version)}`);
    console.log(`Learners run a distinct program, then think ${THINK_S / 2}–${(THINK_S * 3) / 2} s; each N is held ${LEVEL_S} s.`);
    // Warm the faketime build cache so the first learners do not pay for the runtime rebuild.
    const warm = await compile(base, program('warm-up'));
    console.log(`Warm-up run: ${(warm.ms / 1000).toFixed(2)} s (status ${warm.status}${warm.error ? `, ${warm.error}` : ''})\n`);

    console.log(
      `CPU per run counted ${cpuacct ? 'by a cpuacct cgroup (every process the bench started)' : 'from /proc/self/stat (misses what bwrap does not reap: too low)'}.\n`,
    );
    console.log('| learners | runs | ok | 503 | errors | p50 s | p95 s | max s | runs/min | CPU s/run | load (1 min) |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    let sustained = 0;
    const cores = os.availableParallelism();
    let cpuPerRun = NaN;
    for (const n of LEVELS) {
      const cpu0 = cpuSeconds();
      const samples = await level(base, n);
      const cpu = (cpuSeconds() - cpu0) / Math.max(1, samples.length);
      cpuPerRun = cpu;
      const ok = samples.filter((s) => s.status === 200 && !s.error);
      const busy = samples.filter((s) => s.status === 503).length;
      const errors = samples.length - ok.length - busy;
      const ms = samples.filter((s) => s.status !== 0).map((s) => s.ms);
      const p95 = percentile(ms, 95);
      console.log(
        `| ${[
          n,
          samples.length,
          ok.length,
          busy,
          errors,
          (percentile(ms, 50) / 1000).toFixed(2),
          (p95 / 1000).toFixed(2),
          (Math.max(...ms) / 1000).toFixed(2),
          ((samples.length / LEVEL_S) * 60).toFixed(1),
          cpu.toFixed(2),
          os.loadavg()[0].toFixed(1),
        ].join(' | ')} |`,
      );
      for (const e of [...new Set(samples.filter((s) => s.error).map((s) => `${s.status} ${s.error}`))].slice(0, 3)) {
        console.log(`          e.g. ${e}`);
      }
      if (p95 > P95_LIMIT_MS || busy > 0 || errors > samples.length * 0.05) {
        console.log(
          `\nAt ${n} learners: ${busy ? `${busy} runs refused (503)` : ''}${busy && p95 > P95_LIMIT_MS ? ', ' : ''}${p95 > P95_LIMIT_MS ? `p95 ${(p95 / 1000).toFixed(1)} s > 5 s` : ''}${errors > samples.length * 0.05 ? ` ${errors} errors` : ''}.`,
        );
        break;
      }
      sustained = n;
    }
    // Each learner runs once per think time plus the wait; the CPUs bound how many runs a minute fit.
    const ceiling = (cores * THINK_S) / cpuPerRun;
    console.log(
      `\nCPU per run (build + vet + sandboxed run + server, last level): ${cpuPerRun.toFixed(2)} s on ${cores} cores: at most ${((cores * 60) / cpuPerRun).toFixed(0)} runs/min, ` +
        `i.e. about ${ceiling.toFixed(0)} learners thinking ${THINK_S} s between runs if nothing else used the CPUs.`,
    );
    console.log(
      sustained
        ? `Sustained: ${sustained} concurrent learners (p95 ≤ 5 s, no 503) with ~${THINK_S} s think time on this machine.`
        : 'Not even the smallest room was sustained on this machine.',
    );
  } finally {
    await stop?.();
  }
}

await main();
process.exit(0);

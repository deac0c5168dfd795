/**
 * Runner latency (figures only, never pass/fail), each next to its yardstick from the same run:
 * a warm run of a new program through the local backend (sandbox, vet, the leak-check harness the
 * lesson UI adds) against a bare `go build -tags=faketime` + run of the same files on the host with
 * a warm cache of its own, in interleaved pairs so a drifting machine load hits both alike. Then
 * where the time goes: the backend's own phases, the bare build's compile and link (from the go
 * command's action graph), and what the sandbox and the harness add.
 *
 * Settings: LEAKLAB_BENCH_PAIRS (default 9).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LocalBackend, type RunPhases } from '../server/local.ts';
import { prepareModule } from '../server/modules.ts';
import { detectIsolation, SANDBOX_UID } from '../server/sandbox.ts';
import { findToolchain } from '../server/toolchain.ts';
import { instrument } from '../src/lib/runner/harness.ts';
import { splitFiles } from '../src/lib/runner/txtar.ts';
import { sleepyProgram } from './sleepy-program.ts';

const PAIRS = Number(process.env.LEAKLAB_BENCH_PAIRS ?? 9);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const tc = findToolchain();
if (!tc) throw new Error('no Go toolchain: run scripts/fetch-tools.sh');
const iso = detectIsolation();
const root = mkdtempSync(path.join(tmpdir(), 'leaklab-bench-runner-'));
// The sandbox's uid must reach its run directories under this one.
chmodSync(root, 0o711);
/** Kept between runs of the bench: only the first run pays for the faketime runtime. */
const bareCache = path.join(tmpdir(), `leaklab-bench-bare-gocache-${process.getuid?.() ?? 0}`);
// The server's shared build cache when there is one (warm already), else one of our own.
const uid = iso.isolated && iso.setpriv ? SANDBOX_UID : (process.getuid?.() ?? -1);
const sharedCache = path.join(tmpdir(), `leaklab-gocache-${uid}`);
const backend = new LocalBackend({
  toolchain: tc,
  isolation: iso,
  tempRoot: root,
  goCache: existsSync(sharedCache) ? sharedCache : path.join(root, 'gocache'),
});
let lastPhases: RunPhases | null = null;
backend.onPhases = (p) => (lastPhases = p);

interface Bare {
  total: number;
  build: number;
  compile: number;
  link: number;
  run: number;
}

/** `go build -tags=faketime` + run on the host, no sandbox, no vet: the yardstick. */
function bare(source: string): Bare {
  const dir = mkdtempSync(path.join(root, 'bare-'));
  try {
    for (const f of splitFiles(source)) writeFileSync(path.join(dir, f.name), f.data);
    prepareModule(dir, tc!.release);
    const env = {
      PATH: `${path.dirname(tc!.go)}:/usr/bin:/bin`,
      HOME: dir,
      GOCACHE: bareCache,
      GOPATH: path.join(root, 'gopath'),
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
      CGO_ENABLED: '0',
      GOTELEMETRY: 'off',
    };
    const t0 = performance.now();
    const b = spawnSync(tc!.go, ['build', '-debug-actiongraph=ag.json', '-tags=faketime', '-o', 'a.out', '.'], { cwd: dir, env });
    const t1 = performance.now();
    if (b.status !== 0) throw new Error(`bare build failed: ${b.stderr}`);
    spawnSync(path.join(dir, 'a.out'), [], { cwd: dir, env: { PATH: '/usr/bin:/bin', GOMAXPROCS: '1' } });
    const t2 = performance.now();
    // The go command's own record of each action: the link, and the compile of package main.
    const actions = JSON.parse(readFileSync(path.join(dir, 'ag.json'), 'utf8')) as {
      Mode: string;
      Package?: string;
      TimeStart?: string;
      TimeDone?: string;
      Cmd?: string[] | null;
    }[];
    const span = (a?: (typeof actions)[number]) => (a?.TimeStart && a.TimeDone ? Date.parse(a.TimeDone) - Date.parse(a.TimeStart) : 0);
    const link = span(actions.find((a) => a.Mode === 'link'));
    const compile = span(actions.find((a) => a.Mode === 'build' && a.Package === 'play'));
    return { total: t2 - t0, build: t1 - t0, compile, link, run: t2 - t1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function served(source: string, withVet: boolean): Promise<{ ms: number; phases: RunPhases }> {
  const t = performance.now();
  const r = await backend.compile({
    body: source,
    withVet,
    slot: 0,
    go: { goBackend: '', cacheScope: tc!.version },
    signal: new AbortController().signal,
  });
  const total = performance.now() - t;
  if (r.Errors) throw new Error(r.Errors);
  // Before the phases existed (an older server/local.ts) the breakdown reads zeros.
  return { ms: total, phases: lastPhases ?? { prepare: 0, build: 0, vet: 0, run: 0, total: 0 } };
}

async function main() {
  console.log(
    `runner: local backend, ${tc!.version}, isolated=${iso.isolated} (${iso.note}), cores ${availableParallelism()}, load ${load()} at start`,
  );
  let t = performance.now();
  await backend.warm(tc!);
  console.log(`warm-up (faketime runtime, harness imports, vet, test main): ${ms(performance.now() - t)}`);
  const unique = `${process.pid}-${Date.now()}`;
  const harnessed = (tag: string) => instrument(sleepyProgram(`${tag}-${unique}`)).source;
  bare(harnessed('bare-warm'));
  bare(sleepyProgram(`bare-plain-warm-${unique}`));
  t = performance.now();
  await served(harnessed('first'), true);
  const first = performance.now() - t;

  const vetOn: number[] = [];
  const vetOff: number[] = [];
  const bares: Bare[] = [];
  const plain: Bare[] = [];
  const phases: RunPhases[] = [];
  const ratioOn: number[] = [];
  const ratioOff: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    // Rotate the order so no side always runs first after the other's cache writes.
    const steps = [
      async () => {
        const r = await served(harnessed(`on-${i}`), true);
        vetOn.push(r.ms);
        phases.push(r.phases);
      },
      async () => {
        vetOff.push((await served(harnessed(`off-${i}`), false)).ms);
      },
      async () => {
        bares.push(bare(harnessed(`bare-${i}`)));
      },
      async () => {
        plain.push(bare(sleepyProgram(`plain-${i}-${unique}`)));
      },
    ];
    for (let k = 0; k < steps.length; k++) await steps[(k + i) % steps.length]();
    ratioOn.push(vetOn[i] / bares[i].total);
    ratioOff.push(vetOff[i] / bares[i].total);
  }
  t = performance.now();
  const cachedSrc = harnessed('on-0');
  await served(cachedSrc, true);
  const repeat = performance.now() - t;

  const bareMed = median(bares.map((b) => b.total));
  console.log(`\nlatency, a new program each time (median of ${PAIRS} interleaved pairs; load ${load()} at the end):`);
  console.log(`  yardstick: bare go build -tags=faketime + run on the host ${ms(bareMed)}`);
  console.log(`  run with vet (what the lesson UI sends) ${ms(median(vetOn))} = ${median(ratioOn).toFixed(2)}× bare (goal ≤ 1.30×)`);
  console.log(`  run without vet ${ms(median(vetOff))} = ${median(ratioOff).toFixed(2)}× bare`);
  console.log(`  first run after the warm-up ${ms(first)}; the same program again (backend, no response cache) ${ms(repeat)}`);

  const med = (k: keyof RunPhases) => median(phases.map((p) => p[k]));
  const bm = (k: keyof Bare) => median(bares.map((b) => b[k]));
  console.log(`\nwhere the time goes (medians, ms since the request; vet runs next to the build):`);
  console.log(
    `  backend: write files + module ${ms(med('prepare'))} → build done ${ms(med('build'))} → run done ${ms(med('run'))}; vet done ${ms(med('vet'))}; answer ${ms(med('total'))}`,
  );
  console.log(
    `    build in the sandbox ${ms(med('build') - med('prepare'))}, run in the sandbox ${ms(med('run') - med('build'))}, vet in the sandbox ${ms(med('vet') - med('prepare'))} (hidden behind the build and run)`,
  );
  console.log(
    `  bare: build ${ms(bm('build'))} (compile of main ${ms(bm('compile'))}, link ${ms(bm('link'))}, the rest is the go command's own start and cache checks), run ${ms(bm('run'))}`,
  );
  console.log(`  sandbox adds: build ${ms(med('build') - med('prepare') - bm('build'))}, run ${ms(med('run') - med('build') - bm('run'))}`);
  const pm = (k: keyof Bare) => median(plain.map((b) => b[k]));
  console.log(
    `  harness adds (bare, harnessed vs plain program): build ${ms(bm('build') - pm('build'))} (link ${ms(bm('link') - pm('link'))}), run ${ms(bm('run') - pm('run'))}`,
  );
}

try {
  await main();
} finally {
  rmSync(root, { recursive: true, force: true });
}

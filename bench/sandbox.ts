/**
 * Sandbox start-up (figures only): one prebuilt faketime program started directly and in the
 * runner's bubblewrap sandbox, interleaved so machine load hits both alike; then warm runs of new
 * programs through the sandboxed server (build + vet + run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectIsolation, runSandboxed } from '../server/sandbox.ts';
import { startServer } from '../server/index.ts';
import { findToolchain } from '../server/toolchain.ts';
import type { CompileResponse } from '../src/lib/runner/protocol.ts';

const N = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const tc = findToolchain();
  const iso = detectIsolation();
  if (!tc) throw new Error('no Go toolchain');
  console.log(`sandbox: ${iso.isolated ? 'bubblewrap' : 'none'} (${iso.note})`);
  const dir = mkdtempSync(path.join(tmpdir(), 'leaklab-bench-sbx-'));
  try {
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, 'go.mod'), 'module b\n\ngo 1.23\n');
    writeFileSync(
      path.join(dir, 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\ttime.Sleep(time.Second)\n\tfmt.Println("ok")\n}\n',
    );
    execFileSync(tc.go, ['build', '-tags=faketime', '-o', 'prog', '.'], {
      cwd: dir,
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off' },
    });
    const bin = path.join(dir, 'prog');
    chmodSync(bin, 0o755);
    const direct: number[] = [];
    const bwrap: number[] = [];
    for (let i = 0; i < N; i++) {
      let t = performance.now();
      spawnSync(bin, { stdio: 'ignore' });
      direct.push(performance.now() - t);
      if (iso.isolated) {
        t = performance.now();
        await runSandboxed({ binary: bin, args: [], slot: 0, timeoutMs: 5000, maxOutput: 1 << 20, cwd: dir }, iso);
        bwrap.push(performance.now() - t);
      }
    }
    const f = (xs: number[]) => (xs.length ? `${median(xs).toFixed(0)} ms` : 'n/a');
    console.log(`program start-up, median of ${N}: direct ${f(direct)}; bubblewrap ${f(bwrap)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Warm end-to-end run through the server (build + vet + run in the sandbox), new programs.
  const server = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent' });
  try {
    const lat: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const body = `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${process.pid}-${Date.now()}-${i}") }\n`;
      const res = await fetch(`${server.url}/api/compile`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ version: '2', body, withVet: 'true' }).toString(),
      });
      const json = (await res.json()) as CompileResponse;
      if (json.Errors) throw new Error(json.Errors);
      lat.push(performance.now() - t);
    }
    console.log(`warm run latency through the sandboxed server (build + vet + run): ${lat.map((x) => `${x.toFixed(0)} ms`).join(', ')}`);
  } finally {
    await server.close();
  }
}

await main();

/**
 * Runs course programs for the content test. Until the project's runner (server/index.ts +
 * src/lib/runner/) lands, this builds with the local Go toolchain exactly like the Playground
 * (`-tags=faketime`, go.mod added by `go mod init`), decodes the fake-time framing, and appends a
 * goleak-style harness for the leak check (rename main in place, poll runtime.NumGoroutine with
 * backoff, dump runtime.Stack between markers on stderr).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExerciseMeta } from '../../src/lib/content/schema.ts';
import { splitTxtar } from './helpers.ts';

const exec = promisify(execFile);

export interface LeakReport {
  leaked: number;
  /** Leaked goroutines per wait state, e.g. {"chan send": 2}. */
  states: Record<string, number>;
}

export interface RunResult {
  /** Build errors; '' when the program compiled. */
  errors: string;
  status: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  leak?: LeakReport;
}

export interface CourseRunner {
  run(source: string, opts: { leakCheck: boolean }): Promise<RunResult>;
  close(): Promise<void>;
}

const BEGIN = '\n---LEAKLAB-GOROUTINES-BEGIN---\n';
const END = '\n---LEAKLAB-GOROUTINES-END---\n';
const HARNESS = `package main

import (
	"os"
	"runtime"
	"time"
)

func main() {
	leaklabMain()
	n := runtime.NumGoroutine()
	for i := 0; i < 20 && n > 1; i++ {
		d := time.Microsecond << i
		if d > 100*time.Millisecond {
			d = 100 * time.Millisecond
		}
		time.Sleep(d)
		n = runtime.NumGoroutine()
	}
	buf := make([]byte, 1<<20)
	k := runtime.Stack(buf, true)
	os.Stderr.WriteString(${JSON.stringify(BEGIN)} + string(buf[:k]) + ${JSON.stringify(END)})
}
`;

/** Decode the faketime framing: "\\0\\0PB" + 8-byte time + 4-byte length + payload. */
function unframe(b: Buffer): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < b.length) {
    if (b[i] === 0 && b[i + 1] === 0 && b[i + 2] === 0x50 && b[i + 3] === 0x42 && i + 16 <= b.length) {
      const len = b.readUInt32BE(i + 12);
      parts.push(b.subarray(i + 16, i + 16 + len));
      i += 16 + len;
    } else {
      const next = b.indexOf('\0\0PB', i, 'latin1');
      const stop = next === -1 ? b.length : next;
      parts.push(b.subarray(i, stop));
      i = stop;
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

function parseLeaks(dump: string): LeakReport {
  const states: Record<string, number> = {};
  let leaked = 0;
  for (const block of dump.split(/\n\s*\n/)) {
    const m = /^goroutine \d+ \[([^\],]+)[^\]]*\]:\n([\s\S]*)$/.exec(block.trim());
    if (!m) continue;
    if (/^main\.main\(\)/.test(m[2])) continue; // the harness itself
    leaked++;
    states[m[1]] = (states[m[1]] ?? 0) + 1;
  }
  return { leaked, states };
}

export async function startRunner(): Promise<CourseRunner> {
  return {
    async run(source, { leakCheck }) {
      const dir = await mkdtemp(join(tmpdir(), 'leaklab-course-'));
      try {
        const files = /^-- .+ --$/m.test(source) ? splitTxtar(source) : { 'prog.go': source };
        if (leakCheck) {
          const renamed = files['prog.go']?.replace(/^func main\(\) \{/m, 'func leaklabMain() {');
          if (renamed && renamed !== files['prog.go']) {
            files['prog.go'] = renamed;
            files['leaklab_harness.go'] = HARNESS;
          } else leakCheck = false;
        }
        for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
        if (!files['go.mod']) await writeFile(join(dir, 'go.mod'), 'module play\n');
        try {
          await exec('go', ['build', '-mod=mod', '-tags=faketime', '-o', 'a.out', '.'], { cwd: dir, env: { ...process.env, CGO_ENABLED: '0' } });
        } catch (err) {
          const e = err as { stderr?: string };
          return { errors: e.stderr ?? String(err), status: 0, stdout: '', stderr: '', timedOut: false };
        }
        const r = await new Promise<{ code: number; signal: string | null; out: Buffer; err: Buffer }>((resolve) => {
          const child = execFile('./a.out', [], { cwd: dir, encoding: 'buffer', timeout: 5000, maxBuffer: 4 << 20, env: { GOMAXPROCS: '1', PATH: '/usr/bin:/bin' } }, (error, out, errOut) => {
            const e = error as (Error & { code?: number; signal?: string }) | null;
            resolve({ code: typeof e?.code === 'number' ? e.code : e ? -1 : 0, signal: e?.signal ?? null, out, err: errOut });
          });
          child.stdin?.end();
        });
        const stdout = unframe(r.out);
        let stderr = unframe(r.err);
        let leak: LeakReport | undefined;
        const b = stderr.indexOf(BEGIN);
        if (leakCheck && b !== -1) {
          const e = stderr.indexOf(END, b);
          leak = parseLeaks(stderr.slice(b + BEGIN.length, e === -1 ? undefined : e));
          stderr = stderr.slice(0, b) + (e === -1 ? '' : stderr.slice(e + END.length));
        }
        return { errors: '', status: r.code, stdout, stderr, timedOut: r.signal === 'SIGTERM', leak };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async close() {},
  };
}

/** The exercise check the browser applies: status, stdout, and no leaked goroutines. */
export function checkExercise(check: ExerciseMeta['check'], r: RunResult): { pass: boolean; failures: string[] } {
  const failures: string[] = [];
  if (r.errors) failures.push(`build failed: ${r.errors}`);
  if (r.timedOut) failures.push('timed out');
  if (r.status !== check.status) failures.push(`exit status ${r.status}, want ${check.status}`);
  if (check.stdout !== undefined && r.stdout !== check.stdout) failures.push(`stdout ${JSON.stringify(r.stdout)}, want ${JSON.stringify(check.stdout)}`);
  for (const s of check.stdoutIncludes ?? []) if (!r.stdout.includes(s)) failures.push(`stdout lacks ${JSON.stringify(s)}`);
  if (check.noLeaks) {
    if (!r.leak) failures.push('no leak verdict');
    else if (r.leak.leaked > 0) failures.push(`${r.leak.leaked} goroutines leaked`);
  }
  return { pass: failures.length === 0, failures };
}

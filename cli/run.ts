/**
 * `leaklab run FILE.go`: runs a program through the same client and harness as the lessons and
 * prints its output and leak verdict (or JSON). Without --server the local runner is started
 * in-process on an ephemeral port.
 */
import { readFile } from 'node:fs/promises';
import { parseCommandArgs, usageFailure, UsageError } from './usage.ts';
import { backendForRelease, type GoBackend } from '../src/lib/runner/protocol.ts';
import { createClient, isRunTarget, RUN_TARGETS, RunnerError, type RunnerClient } from '../src/lib/runner/client.ts';
import { pointAt, verdictSummary } from '../src/lib/dump/program.ts';
import { classLabel, countText, leakText } from '../src/i18n/strings/leaks.ts';
import { runProgram } from '../src/lib/runner/run.ts';

const USAGE = `Usage: leaklab run FILE.go|FILE.txtar [--go 1.27|1.26] [--target ${RUN_TARGETS.join('|')}] [--server URL] [--json] [--no-leak-check]

Runs a Go program (or a txtar bundle) the way the lessons do and prints its output and the leak verdict.
  --go RELEASE          the Go release to run on: the latest (default) or the previous one (1.26),
                        like the Playground's version menu (backend=goprev)
  --target server       our runner (default): --server URL, or one started in-process
  --target playground   the public Go Playground (https://play.golang.org, or --server URL)
                        (--backend, its old name, still works)
  --json                print {"status","errors","stdout","stderr","leak"} as JSON; leak.proven counts
                        the goroutines the runtime proved leaked (null before Go 1.27), and each
                        goroutine says leaked: true|false
  --no-leak-check       run the program as written`;

/** The options of `leaklab run`, or 'help'; throws UsageError. */
function parseRunArgs(args: string[]) {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      'no-leak-check': { type: 'boolean' },
      server: { type: 'string' },
      target: { type: 'string' },
      backend: { type: 'string' },
      go: { type: 'string' },
    },
    true,
  );
  if (values.help) return 'help' as const;
  if (values.backend !== undefined) {
    // `backend` means how the server runs Go (`leaklab serve --backend`); this one was where to send the run.
    console.error('leaklab run: --backend is deprecated here, use --target (server or playground)');
    if (values.target !== undefined && values.target !== values.backend) throw new UsageError('--backend and --target disagree');
  }
  const target = values.target ?? values.backend ?? 'server';
  if (!isRunTarget(target)) throw new UsageError(`--target must be ${RUN_TARGETS.join(' or ')}, not "${target}"`);
  if (positionals.length > 1) throw new UsageError(`one FILE at a time (got ${positionals.map((p) => `"${p}"`).join(', ')})`);
  if (!positionals[0]) throw new UsageError('missing FILE');
  const wantGo = values.go?.replace(/^go/, '');
  if (wantGo !== undefined && !/^\d+\.\d+$/.test(wantGo))
    throw new UsageError(`--go takes a release like 1.27 or 1.26, not "${values.go}"`);
  return { values, target, file: positionals[0], wantGo };
}

export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseRunArgs(args);
  } catch (err) {
    return usageFailure('run', err, USAGE);
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { values, target, file, wantGo } = parsed;
  const json = !!values.json;
  const leakCheck = !values['no-leak-check'];
  const serverUrl = values.server;
  let src: string;
  try {
    src = await readFile(file, 'utf8');
  } catch (err) {
    console.error(`leaklab run: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }

  let stop: (() => Promise<void>) | null = null;
  let client: RunnerClient;
  if (target === 'server' && !serverUrl) {
    const { startServer } = await import('../server/index.ts');
    const s = await startServer({ port: 0, backend: 'auto', warm: false });
    stop = s.close;
    client = createClient({ target: 'server', baseUrl: s.url });
  } else {
    client = createClient({ target, baseUrl: serverUrl });
  }

  // --go RELEASE becomes the Playground's backend: '' for the latest release, 'goprev' for the one before.
  let goBackend: GoBackend = '';
  if (wantGo !== undefined) {
    const v = await client.version().catch(() => null);
    const offered = v?.Versions ?? (v ? [{ Backend: '' as const, Version: v.Version, Release: v.Release.replace(/^go/, '') }] : []);
    const backend = backendForRelease(wantGo, offered);
    const hit = offered.find((x) => x.Backend === backend);
    if (backend === null || !hit) {
      const list = offered.map((x) => x.Release).join(', ') || 'unknown';
      console.error(`leaklab run: Go ${wantGo} is not available on this runner (it offers: ${list})`);
      if (stop) await stop();
      return 2;
    }
    goBackend = backend;
    if (!json) console.error(`leaklab run: running on ${hit.Version}`);
  }

  try {
    const r = await runProgram(client, src, { leakCheck, goBackend });
    if (json) {
      const out = {
        status: r.status,
        errors: r.errors,
        stdout: r.stdout,
        stderr: r.stderr,
        leak: {
          checked: r.leak.checked,
          leaked: r.leak.leaked,
          proven: r.leak.proven,
          ...(r.leak.reason ? { reason: r.leak.reason } : {}),
          goroutines: r.leak.goroutines.map((g) => {
            const { func, file, line } = pointAt(g, r.leak.files);
            return { id: g.id, state: g.state, leaked: g.leaked === true, top: { func, file, line } };
          }),
        },
      };
      console.log(JSON.stringify(out, null, 2));
    } else {
      if (r.errors) process.stdout.write(r.errors.endsWith('\n') ? r.errors : r.errors + '\n');
      if (r.vetErrors) process.stdout.write(`go vet:\n${r.vetErrors}`);
      for (const e of r.events) (e.Kind === 'stderr' ? process.stderr : process.stdout).write(e.Message);
      if (!r.errors) console.log(`\nProgram exited${r.timedOut ? ' (timed out)' : ''} with status ${r.status}.`);
      if (r.leak.checked) {
        const v = verdictSummary(r.leak);
        // The verdict's words and counts, as the playground shows them.
        if (v.total === 0) console.log(leakText('en', 'noneLeft') + '.');
        else {
          const counts = [...(v.proven === null ? [] : [countText('en', 'proven', v.proven)]), countText('en', 'blockedAtExit', v.blocked)];
          console.log(`${counts.join(' · ')}${r.leak.proven === null && v.blocked > 0 ? ` (${leakText('en', 'cannotProve')})` : ''}:`);
          for (const { cls, count, state, at } of v.lines) {
            console.log(`  ${count} × [${state}] (${classLabel(cls, 'en')}) ${at.func} at ${at.file}:${at.line}`);
          }
        }
      } else if (!r.errors && leakCheck) {
        console.log(`Leak check not done (${r.leak.reason ?? 'unknown'}).`);
      }
    }
    return r.errors ? 1 : 0;
  } catch (err) {
    const msg = err instanceof RunnerError ? err.message : String((err as Error)?.message ?? err);
    console.error(`leaklab run: ${msg}`);
    return 1;
  } finally {
    if (stop) await stop();
  }
}

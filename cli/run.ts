/**
 * `leaklab run FILE.go`: runs a program through the same client and harness as the lessons and
 * prints its output and leak verdict (or JSON). Without --server the local runner is started
 * in-process on an ephemeral port.
 */
import { readFile } from 'node:fs/promises';
import { createClient, RunnerError, type RunnerClient } from '../src/lib/runner/client.ts';
import { groupLeaks } from '../src/lib/runner/harness.ts';
import { runProgram } from '../src/lib/runner/run.ts';

const USAGE = `Usage: leaklab run FILE.go|FILE.txtar [--backend server|playground] [--server URL] [--json] [--no-leak-check]

Runs a Go program (or a txtar bundle) the way the lessons do and prints its output and the leak verdict.
  --backend server      our runner (default): --server URL, or one started in-process
  --backend playground  the public Go Playground (https://play.golang.org, or --server URL)
  --json                print {"status","errors","stdout","stderr","leak"} as JSON
  --no-leak-check       run the program as written`;

export async function main(args: string[]): Promise<number> {
  let file: string | null = null;
  let backend: 'server' | 'playground' = 'server';
  let serverUrl: string | undefined;
  let json = false;
  let leakCheck = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      return 0;
    } else if (flag === '--json') json = true;
    else if (flag === '--no-leak-check') leakCheck = false;
    else if (flag === '--server') serverUrl = inline ?? args[++i];
    else if (flag === '--backend') {
      const v = inline ?? args[++i];
      if (v !== 'server' && v !== 'playground') {
        console.error(`leaklab run: --backend must be server or playground, not "${v ?? ''}"`);
        return 2;
      }
      backend = v;
    } else if (a.startsWith('-')) {
      console.error(`leaklab run: unknown option ${a}\n\n${USAGE}`);
      return 2;
    } else if (file === null) file = a;
    else {
      console.error(`leaklab run: one FILE at a time (got "${file}" and "${a}")`);
      return 2;
    }
  }
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  let src: string;
  try {
    src = await readFile(file, 'utf8');
  } catch (err) {
    console.error(`leaklab run: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }

  let stop: (() => Promise<void>) | null = null;
  let client: RunnerClient;
  if (backend === 'server' && !serverUrl) {
    const { startServer } = await import('../server/index.ts');
    const s = await startServer({ port: 0, backend: 'auto', warm: false });
    stop = s.close;
    client = createClient({ backend: 'server', baseUrl: s.url });
  } else {
    client = createClient({ backend, baseUrl: serverUrl });
  }

  try {
    const r = await runProgram(client, src, { leakCheck });
    if (json) {
      const out = {
        status: r.status,
        errors: r.errors,
        stdout: r.stdout,
        stderr: r.stderr,
        leak: {
          checked: r.leak.checked,
          leaked: r.leak.leaked,
          goroutines: r.leak.goroutines.map((g) => ({ id: g.id, state: g.state, top: g.top })),
        },
      };
      console.log(JSON.stringify(out, null, 2));
    } else {
      if (r.errors) process.stdout.write(r.errors.endsWith('\n') ? r.errors : r.errors + '\n');
      if (r.vetErrors) process.stdout.write(`go vet:\n${r.vetErrors}`);
      for (const e of r.events) (e.Kind === 'stderr' ? process.stderr : process.stdout).write(e.Message);
      if (!r.errors) console.log(`\nProgram exited${r.timedOut ? ' (timed out)' : ''} with status ${r.status}.`);
      if (r.leak.checked) {
        if (r.leak.leaked === 0) console.log('No goroutines leaked.');
        else {
          console.log(`${r.leak.leaked} goroutine${r.leak.leaked === 1 ? '' : 's'} leaked:`);
          for (const g of groupLeaks(r.leak.goroutines)) {
            console.log(`  ${g.ids.length} × [${g.state}] ${g.top.func} at ${g.top.file}:${g.top.line}`);
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

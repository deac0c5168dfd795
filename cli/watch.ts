/**
 * `leaklab watch URL`: polls a running Go service's goroutine profile and reports the groups that
 * keep growing (the suspect rule of src/lib/dump/series.ts, the same as the viewer's timeline).
 * Exit codes: 0 no suspect, 1 at least one suspect, 2 bad usage or an endpoint that never answered.
 */
const { mkdirSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');
const { parseArgs } = process.getBuiltinModule('node:util');
import {
  readDump,
  createSeries,
  judgeAll,
  reasonText,
  sparkline,
  type Dump,
  type JudgedSeries,
  type Series,
} from '../src/lib/dump/index.ts';
import { endpoints, getBounded, FetchError, type Endpoints } from './watch-http.ts';
import { terminalSafe } from '../src/lib/runner/terminal-safe.ts';

const USAGE = `Usage: leaklab watch URL [--interval SECONDS] [--samples N] [--json] [--save DIR]
                     [--header 'Name: value']... [--timeout SECONDS]

Watches a running Go service's goroutines through net/http/pprof and flags the groups that keep
growing while blocked in the service's own code. URL is the pprof index
(http://host:port/debug/pprof/) or a goroutine profile URL (…/goroutine?debug=2).
Only GET requests are sent. Also reads goroutineleak?debug=2 (Go 1.26+) when the index lists it:
goroutines the runtime proved leaked are suspects at once.

  --interval SECONDS   time between samples (default 10; decimals allowed)
  --samples N          stop after N samples and print the summary (default: until Ctrl+C)
  --json               one JSON object per sample, then a summary line
  --save DIR           write each sample to DIR, named by time, to open as a series in the viewer
  --header 'N: v'      send this header (repeatable), e.g. for a protected endpoint
  --timeout SECONDS    give up on a request after this long (default 10)

Exit status: 0 no suspect, 1 at least one suspect, 2 usage error or no answer.`;

interface Options {
  url: string;
  intervalMs: number;
  samples: number | null;
  json: boolean;
  save: string | null;
  headers: Record<string, string>;
  timeoutMs: number;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  interval: { type: 'string' },
  samples: { type: 'string' },
  json: { type: 'boolean' },
  save: { type: 'string' },
  header: { type: 'string', multiple: true },
  timeout: { type: 'string' },
} as const;

function seconds(name: string, v: string | boolean | undefined): number | { error: string } {
  const n = typeof v === 'string' && /^\d*\.?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!(n > 0) || n > 86_400) return { error: `--${name} needs a number of seconds above 0, not "${typeof v === 'string' ? v : ''}"` };
  return Math.round(n * 1000);
}

/** Options, or the usage error to print; `help` when --help or -h was given. */
export function parseOptions(args: string[]): Options | 'help' | { error: string } {
  const { values, positionals, tokens } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    if (!(t.name in OPTIONS)) return { error: `unknown option ${t.rawName}` };
    const spec = OPTIONS[t.name as keyof typeof OPTIONS];
    if (spec.type === 'string' && t.value === undefined) return { error: `${t.rawName} needs a value` };
  }
  if (values.help === true) return 'help';
  const o: Options = { url: '', intervalMs: 10_000, samples: null, json: values.json === true, save: null, headers: {}, timeoutMs: 10_000 };
  if (values.interval !== undefined) {
    const v = seconds('interval', values.interval as string);
    if (typeof v !== 'number') return v;
    o.intervalMs = v;
  }
  if (values.timeout !== undefined) {
    const v = seconds('timeout', values.timeout as string);
    if (typeof v !== 'number') return v;
    o.timeoutMs = v;
  }
  if (values.samples !== undefined) {
    const v = values.samples as string;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1) return { error: `--samples needs a whole number of at least 1, not "${v}"` };
    o.samples = n;
  }
  if (values.save !== undefined) o.save = values.save as string;
  for (const h of (values.header as string[] | undefined) ?? []) {
    const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):\s*(.*)$/.exec(h);
    if (!m || /[\r\n\0]/.test(m[2])) return { error: `--header needs 'Name: value', not "${h}"` };
    o.headers[m[1]] = m[2];
  }
  if (positionals.length === 0) return { error: 'missing URL' };
  if (positionals.length > 1) return { error: `one URL at a time (got ${positionals.length})` };
  o.url = positionals[0];
  return o;
}

function timeName(t: number): string {
  // Colons are not allowed in Windows file names; the name still sorts by time.
  return new Date(t).toISOString().replace(/:/g, '-');
}

/** The JSON line of one sample: every group present in it. */
function sampleLine(n: number, t: number, dump: Dump, judged: JudgedSeries[]): string {
  const last = n - 1;
  const groups = judged
    .filter((j) => j.series.counts[last] > 0)
    .map(({ series: s, verdict: v }) => ({
      id: s.key,
      function: s.function,
      location: s.location,
      state: s.states[last],
      count: s.counts[last],
      suspect: v.suspect,
      proven: v.proven,
    }));
  return JSON.stringify({ sample: n, time: new Date(t).toISOString(), total: dump.total, groups });
}

function summaryJson(series: Series, judged: JudgedSeries[]): string {
  const suspects = judged
    .filter((j) => j.verdict.suspect)
    .map(({ series: s, verdict: v }) => ({
      id: s.key,
      function: s.function,
      location: s.location,
      state: s.state,
      counts: s.counts,
      reason: reasonText(s, v),
    }));
  return JSON.stringify({ summary: { samples: series.times.length, suspects } });
}

const clip = (s: string, n: number) => (s.length <= n ? s.padEnd(n) : '…' + s.slice(s.length - n + 1));

/** The table for a terminal: suspects first, as many rows as fit. */
function table(series: Series, judged: JudgedSeries[], url: string, total: number, rows: number, cols: number): string[] {
  const n = series.times.length;
  const suspects = judged.filter((j) => j.verdict.suspect).length;
  const out = [
    `leaklab watch ${url}  ·  sample ${n}  ·  ${total} goroutines  ·  ${suspects === 0 ? 'no suspect' : `${suspects} suspect${suspects > 1 ? 's' : ''}`}`,
    '',
  ];
  const fw = Math.max(20, Math.min(48, cols - 70));
  out.push(
    `   ${'function'.padEnd(fw)} ${'file:line'.padEnd(22)} ${'state'.padEnd(14)} ${'now'.padStart(6)} ${'/min'.padStart(7)}  counts`,
  );
  const shown = judged.filter((j) => j.series.counts[n - 1] > 0 || j.verdict.suspect).slice(0, Math.max(3, rows - 5));
  for (const { series: s, verdict: v } of shown) {
    const mark = v.proven ? '!!' : v.suspect ? '! ' : '  ';
    const loc = s.location.slice(s.location.lastIndexOf('/') + 1);
    const rate = v.perMinute === 0 ? '0' : (v.perMinute > 0 ? '+' : '') + v.perMinute.toFixed(1);
    out.push(
      `${mark} ${clip(s.function, fw)} ${clip(loc, 22)} ${clip(s.state, 14)} ${String(s.counts[n - 1]).padStart(6)} ${rate.padStart(7)}  ${sparkline(s.counts, 16)}${v.proven ? '  proven' : ''}`,
    );
  }
  const more = judged.length - shown.length;
  if (more > 0) out.push(`   … ${more} more group(s)`);
  out.push('', '! growing suspect   !! proven leaked by the runtime   Ctrl+C: stop and summarise');
  return out.map((l) => (l.length > cols ? l.slice(0, cols - 1) : l));
}

function plainLine(series: Series, judged: JudgedSeries[], total: number): string {
  const n = series.times.length;
  const sus = judged.filter((j) => j.verdict.suspect);
  const head = `${new Date(series.times[n - 1]).toISOString()} sample ${n}: ${total} goroutines, ${judged.filter((j) => j.series.counts[n - 1] > 0).length} groups, ${sus.length} suspect(s)`;
  return [
    head,
    ...sus.map(
      (j) =>
        `  suspect ${j.series.function} ${j.series.location} ${j.series.state} ${j.series.counts.join(' ')}${j.verdict.proven ? ' (proven)' : ''}`,
    ),
  ].join('\n');
}

function humanSummary(series: Series, judged: JudgedSeries[]): string {
  const sus = judged.filter((j) => j.verdict.suspect);
  const out = [
    `\n${series.times.length} sample(s). ${sus.length === 0 ? 'No suspect: no group kept growing while blocked in your code.' : `${sus.length} suspect(s):`}`,
  ];
  for (const { series: s, verdict: v } of sus) {
    out.push(`  ${s.function}  ${s.location}`, `    ${s.state}, counts ${s.counts.join(' ')}`, `    ${reasonText(s, v)}`);
  }
  return out.join('\n') + '\n';
}

export async function main(args: string[]): Promise<number> {
  const o = parseOptions(args);
  if (o === 'help') {
    console.log(USAGE);
    return 0;
  }
  if ('error' in o) {
    console.error(`leaklab watch: ${o.error}\n\n${USAGE}`);
    return 2;
  }
  const ep = endpoints(o.url);
  if ('error' in ep) {
    console.error(`leaklab watch: ${ep.error}`);
    return 2;
  }
  if (o.save !== null) {
    try {
      mkdirSync(o.save, { recursive: true });
    } catch (e) {
      console.error(`leaklab watch: cannot create ${o.save}: ${(e as Error).message}`);
      return 2;
    }
  }
  return watch(o, ep);
}

async function watch(o: Options, ep: Endpoints): Promise<number> {
  const req = { headers: o.headers, timeoutMs: o.timeoutMs };
  const tty = !o.json && process.stdout.isTTY === true;
  let stop = false;
  let wake: (() => void) | null = null;
  const onSigint = () => {
    stop = true;
    wake?.();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  // Whether the service has the goroutineleak profile (Go 1.26 with the experiment, 1.27+): the index lists it.
  let withLeak = false;
  try {
    const idx = await getBounded(ep.index, req);
    withLeak = /goroutineleak/.test(new TextDecoder().decode(idx.bytes.subarray(0, 1 << 16)));
  } catch {
    // A profile URL may be reachable when the index is not; the first sample says what is wrong.
  }

  const series = createSeries();
  let drawn = 0;
  let failures = 0;
  let lastTotal = 0;
  try {
    while (!stop && (o.samples === null || series.times.length < o.samples)) {
      const started = Date.now();
      let dump: Dump | null = null;
      let leakDump: Dump | null = null;
      let raw: Uint8Array | null = null;
      let rawLeak: Uint8Array | null = null;
      try {
        const r = await getBounded(ep.goroutine, req);
        const d = readDump(r.bytes, { details: false }).dump;
        if (d.goroutines.length === 0) {
          const what = r.contentType ? ` (${r.contentType.split(';')[0]})` : '';
          throw new FetchError(`${r.url} answered, but not with a goroutine profile${what}. Is this a net/http/pprof endpoint?`);
        }
        dump = d;
        raw = r.bytes;
        if (withLeak) {
          try {
            const l = await getBounded(ep.goroutineleak, req);
            leakDump = readDump(l.bytes, { details: false }).dump;
            rawLeak = l.bytes;
          } catch (e) {
            console.error(terminalSafe(`leaklab watch: goroutineleak profile: ${(e as Error).message}`));
          }
        }
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        failures++;
        // The first sample fails fast: a wrong URL should not wait for a retry loop.
        if (series.times.length === 0) {
          console.error(terminalSafe(`leaklab watch: ${e.message}`));
          return 2;
        }
        console.error(terminalSafe(`leaklab watch: sample failed: ${e.message}`));
        if (failures >= 3) {
          console.error('leaklab watch: three samples in a row failed; stopping.');
          break;
        }
      }
      if (dump !== null) {
        failures = 0;
        series.add({ time: started, dump, leakDump });
        lastTotal = dump.total;
        if (o.save !== null && raw !== null) {
          writeFileSync(join(o.save, `goroutine-${timeName(started)}.txt`), raw);
          if (rawLeak !== null) writeFileSync(join(o.save, `goroutineleak-${timeName(started)}.txt`), rawLeak);
        }
        const judged = judgeAll(series);
        if (o.json) process.stdout.write(sampleLine(series.times.length, started, dump, judged) + '\n');
        else if (tty) {
          const lines = table(series, judged, o.url, dump.total, process.stdout.rows ?? 24, process.stdout.columns ?? 100);
          // Back to the top of the previous table and clear below it: redrawn in place.
          process.stdout.write((drawn > 0 ? `\x1b[${drawn}F\x1b[J` : '') + terminalSafe(lines.join('\n')) + '\n');
          drawn = lines.length;
        } else process.stdout.write(terminalSafe(plainLine(series, judged, lastTotal)) + '\n');
      }
      if (stop || (o.samples !== null && series.times.length >= o.samples)) break;
      const wait = Math.max(0, o.intervalMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, wait);
      });
      wake = null;
    }
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  if (series.times.length === 0) {
    console.error('leaklab watch: no sample was taken.');
    return 2;
  }
  const judged = judgeAll(series);
  if (o.json) process.stdout.write(summaryJson(series, judged) + '\n');
  else process.stdout.write(terminalSafe(humanSummary(series, judged)));
  return judged.some((j) => j.verdict.suspect) ? 1 : 0;
}

/**
 * `leaklab dump FILE [--json] [--lang zh-cn] [--all] [--limit N] [--diff LATER]`: the grouped
 * summary of a goroutine dump in a terminal, or the diff of two dumps of one process. FILE may be
 * `-` for stdin; binary profiles are recognised by their bytes, not the name.
 * Exit codes: 0 parsed (maybe with warnings), 1 nothing looked like a dump, 2 bad usage or unreadable file.
 */
// Not `import ... from 'node:fs'`: an ES import builds the module's facade, which loads all of
// node:stream (~15 ms of start-up); see bin/leaklab.mjs.
const { closeSync, openSync, readSync, writeSync } = process.getBuiltinModule('node:fs');
import {
  readDumpAsync,
  createDumpReader,
  MAX_DECOMPRESSED_MIB,
  type Inflate,
  type ReadResult,
  formatLabels,
  groupGoroutines,
  classify,
  diffDumps,
  toJsonSummary,
  toJsonDiff,
  stateCounts,
  orderForReading,
  isLeakSuspect,
  headlineFrame,
  type Dump,
  type Group,
  type GroupChange,
} from '../src/lib/dump/index.ts';
import { format, lessonPath, type Locale } from '../src/i18n/index.ts';
import { parseCommandArgs, usageFailure, UsageError } from './usage.ts';
import { terminalSafe } from '../src/lib/runner/terminal-safe.ts';
import { explanationText } from '../src/i18n/strings/classify.ts';
import { classLabel, leakText, type LeakKey } from '../src/i18n/strings/leaks.ts';
import { dumpReadStrings } from '../src/i18n/strings/dump-read.ts';

const USAGE = `Usage: leaklab dump FILE [--json] [--lang en|zh-cn] [--all] [--limit N]
       leaklab dump EARLIER --diff LATER [--json] [--lang en|zh-cn]

Parses a goroutine dump (panic or fatal traceback, runtime.Stack, pprof debug=1/debug=2,
or a binary .pb.gz profile) and prints its goroutines grouped by stack, leak suspects first.
FILE may be - to read standard input.

  --json         print the summary as JSON (every group)
  --lang zh-cn   explanations in Simplified Chinese
  --all          also list runtime-internal goroutines
  --limit N      list at most N groups (default 50; 0 lists all)
  --diff LATER   compare with a later dump of the same process: groups that appeared,
                 disappeared, grew or shrank, and goroutines parked in both`;

interface Options {
  files: string[];
  json: boolean;
  all: boolean;
  limit: number;
  diff: string | null;
  locale: Locale;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  lang: { type: 'string' },
  limit: { type: 'string' },
  diff: { type: 'string' },
} as const;

/** Options, or `help` when --help or -h was given; throws UsageError. */
function parseOptions(args: string[]): Options | 'help' {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  if (values.help === true) return 'help';
  const o: Options = {
    files: positionals,
    json: values.json === true,
    all: values.all === true,
    limit: 50,
    diff: null,
    locale: 'en',
  };
  if (values.lang !== undefined) {
    const v = values.lang;
    if (v !== 'en' && v !== 'zh-cn') throw new UsageError(`--lang must be en or zh-cn, not "${v}"`);
    o.locale = v;
  }
  if (values.limit !== undefined) {
    const n = Number(values.limit);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--limit needs a whole number, not "${values.limit}"`);
    o.limit = n;
  }
  if (values.diff !== undefined) o.diff = values.diff;
  if (o.files.length === 0) throw new UsageError('missing FILE');
  if (o.files.length > 1)
    throw new UsageError(`one FILE at a time (got ${o.files.map((f) => `"${f}"`).join(' and ')}); use --diff to compare two`);
  return o;
}

async function readStdin(): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const c of process.stdin) parts.push(c as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}

// 256 kB: the file goes through one small buffer. Reading a 20 MB dump into one buffer costs
// ~80 ms of page faults on first touch, more than the parse itself.
const PIECE = 1 << 18;

/** zlib in 1 MiB pieces, stopped past `max`: a gzip bomb is refused in well under a second. */
const zlibInflate: Inflate = (gz, max) =>
  new Promise((resolve) => {
    const g = process.getBuiltinModule('node:zlib').createGunzip({ chunkSize: 1 << 20 });
    const parts: Buffer[] = [];
    let n = 0;
    g.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) {
        g.destroy();
        resolve(null);
      } else parts.push(c);
    });
    g.on('error', () => resolve('failed'));
    g.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
    g.end(gz);
  });

/** Reads and parses a file piece by piece, synchronously (no event-loop turn per piece). */
function readFileDump(file: string): Promise<ReadResult> {
  const r = createDumpReader({ details: false });
  const fd = openSync(file, 'r');
  try {
    const buf = new Uint8Array(PIECE);
    for (;;) {
      const n = readSync(fd, buf, 0, PIECE, null);
      if (n === 0) break;
      r.push(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return r.finishAsync(zlibInflate);
}

/** Reads and parses one input; a number is the exit code after a message was printed. */
async function load(file: string, locale: Locale): Promise<{ dump: Dump; name: string } | number> {
  let read: ReadResult;
  try {
    // The CLI never shows argument values or PC offsets: skip them, as large dumps parse faster.
    read = file === '-' ? await readDumpAsync(await readStdin(), { details: false }, zlibInflate) : await readFileDump(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT'
        ? 'no such file'
        : err.code === 'EISDIR'
          ? 'is a directory'
          : err.code === 'EACCES'
            ? 'permission denied'
            : err.message;
    console.error(`leaklab dump: cannot read ${file}: ${why}`);
    return 2;
  }
  const name = file === '-' ? 'stdin' : file;
  if (read.problem === 'too-large') {
    console.error(`leaklab dump: cannot read ${name}: ${format(dumpReadStrings[locale].tooLarge, { mib: MAX_DECOMPRESSED_MIB })}`);
    return 2;
  }
  const dump = read.dump;
  if (dump.goroutines.length === 0) {
    const extra = dump.warnings.length > 0 ? ` (${dump.warnings.map((w) => w.message).join('; ')})` : '';
    console.error(
      `leaklab dump: no goroutine dump found in ${name}${extra}. Expected lines like "goroutine 1 [running]:", "goroutine profile: total N", or a .pb.gz profile.`,
    );
    return 1;
  }
  return { dump, name };
}

/**
 * Writes to standard output in blocking writes: touching process.stdout builds a stream, which
 * loads all of node:stream (~10 ms of start-up). A reader that went away (`| head`) is not an error.
 */
function out(...texts: string[]): void {
  // Separate writes, not `json + '\n'`: that makes a rope that the write copies 1 MB to flatten.
  for (const t of texts) write(t);
}

function write(text: string): void {
  // The string goes to the kernel without a Buffer of it in JS; a short write (a signal) writes the rest as bytes.
  let buf: Buffer | null = null;
  let o = 0;
  try {
    o = writeSync(1, text);
    if (o === Buffer.byteLength(text)) return;
    buf = Buffer.from(text);
    while (o < buf.length) o += writeSync(1, buf, o);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    // A non-blocking stdout (set up so by the parent): let the stream wait for it.
    if (code === 'EAGAIN') process.stdout.write((buf ?? Buffer.from(text)).subarray(o));
    else throw e;
  }
}

function printWarnings(name: string, dump: Dump): void {
  for (const w of dump.warnings)
    // The file's name and text are the dump author's: no escape sequence reaches the terminal.
    console.error(terminalSafe(`leaklab dump: warning: ${name}: ${w.line !== undefined ? `line ${w.line}: ` : ''}${w.message}`));
}

export async function main(args: string[]): Promise<number> {
  let o;
  try {
    o = parseOptions(args);
  } catch (err) {
    return usageFailure('dump', err, USAGE);
  }
  if (o === 'help') {
    console.log(USAGE);
    return 0;
  }
  const a = await load(o.files[0], o.locale);
  if (typeof a === 'number') return a;
  if (o.diff !== null) {
    const b = await load(o.diff, o.locale);
    if (typeof b === 'number') return b;
    const d = diffDumps(a.dump, b.dump);
    if (o.json) out(JSON.stringify(toJsonDiff(a.dump, b.dump, d), null, 2), '\n');
    else out(terminalSafe(renderDiff(a, b, d, o.locale)));
    printWarnings(a.name, a.dump);
    printWarnings(b.name, b.dump);
    return 0;
  }
  const groups = groupGoroutines(a.dump);
  if (o.json) out(JSON.stringify(toJsonSummary(a.dump, groups), null, 2), '\n');
  else out(terminalSafe(renderSummary(a.name, a.dump, groups, o)));
  printWarnings(a.name, a.dump);
  return 0;
}

function where(frames: Group['frames']): string {
  const f = headlineFrame(frames);
  return f ? `${f.func}  ${f.file || '?'}:${f.line}` : '';
}

function renderSummary(name: string, dump: Dump, groups: Group[], o: Options): string {
  const { locale, all, limit } = o;
  const t = (key: LeakKey, params?: Record<string, string | number>) => leakText(locale, key, params);
  const out: string[] = [];
  const ordered = orderForReading(groups);
  const suspects = ordered.filter((x) => isLeakSuspect(x.class));
  const suspectCount = suspects.reduce((n, x) => n + x.group.count, 0);
  out.push(t('summaryHead', { name, format: dump.format, total: dump.total, groups: groups.length }));
  if (dump.reason) out.push(dump.reason);
  out.push(
    `${t('states')}: ` +
      stateCounts(dump)
        .map(([s, n]) => `${s} ${n}`)
        .join(' · '),
  );
  out.push(t('suspects', { count: suspectCount, groups: suspects.length }));
  if (dump.leaked !== null) out.push(t('provenByRuntime', { count: dump.leaked }));
  let hidden = 0;
  let shown = 0;
  let over = 0;
  for (const { group: g, class: c } of ordered) {
    if (c === 'runtime-internal' && !all) {
      hidden++;
      continue;
    }
    if (limit > 0 && shown >= limit) {
      over++;
      continue;
    }
    shown++;
    const cl = classify(g);
    out.push('');
    const facts = [`[${classLabel(c, locale)}] ${g.count} × ${g.state}`];
    if (g.waitMinutes !== null) facts.push(t('waiting', { min: g.waitMinutes.min, max: g.waitMinutes.max }));
    if (g.lockedToThread > 0) facts.push(t('lockedToThread'));
    if (g.bubble !== undefined) facts.push(t('bubble', { id: g.bubble }));
    // The class label already says "proven leak" when the runtime proved it.
    out.push(facts.join(t('sep')));
    if (Object.keys(g.labels).length > 0) out.push(`  ${t('labels')}: ${formatLabels(g.labels)}`);
    out.push('  ' + explanationText(cl.explanation, locale));
    const max = 10;
    for (const f of g.frames.slice(0, max)) {
      const mark = cl.blockingFrame === f ? '> ' : '  ';
      out.push(`  ${mark}${f.func}${f.inlined ? '(...)' : ''}`, `      ${f.file || '?'}:${f.line}`);
    }
    if (g.frames.length > max) out.push(`    ${t('moreFrames', { n: g.frames.length - max })}`);
    if (g.createdBy) out.push(`  ${t('createdBy')} ${g.createdBy.func}  ${g.createdBy.file}:${g.createdBy.line}`);
    if (g.ids.length > 0) out.push(`  ${t('ids')}: ${g.ids.slice(0, 12).join(', ')}${g.ids.length > 12 ? ', …' : ''}`);
    if (cl.chapter) out.push(`  → ${lessonPath(cl.chapter, locale)}`);
  }
  if (over > 0) out.push('', t('notListed', { n: over }));
  if (hidden > 0) out.push('', t('hiddenRuntime', { n: hidden }));
  return out.join('\n') + '\n';
}

function renderDiff(
  a: { dump: Dump; name: string },
  b: { dump: Dump; name: string },
  d: ReturnType<typeof diffDumps>,
  locale: Locale,
): string {
  const t = (key: LeakKey, params?: Record<string, string | number>) => leakText(locale, key, params);
  const out: string[] = [];
  out.push(`${a.name} → ${b.name}: ${d.totalBefore} → ${d.totalAfter} ${t('goroutines')}`);
  const section = (title: string, cs: GroupChange[]) => {
    if (cs.length === 0) return;
    out.push('', title);
    for (const c of cs) {
      const delta = c.after - c.before;
      out.push(`  ${(delta > 0 ? '+' : '') + delta}`.padEnd(8) + `${c.before} → ${c.after}  ${c.state}  ${where(c.frames)}`);
    }
  };
  section(t('grew'), d.grew);
  section(t('appeared'), d.appeared);
  section(t('shrank'), d.shrank);
  section(t('disappeared'), d.disappeared);
  if (d.grew.length + d.appeared.length + d.shrank.length + d.disappeared.length === 0) out.push('', t('noChange'));
  const ids = d.persistent.map((p) => p.id);
  out.push('');
  if (ids.length > 0) {
    const list = ids.slice(0, 20).join(', ') + (ids.length > 20 ? ', …' : '');
    out.push(t('persistent', { n: ids.length, ids: list }));
  } else out.push(t('noPersistent'));
  return out.join('\n') + '\n';
}

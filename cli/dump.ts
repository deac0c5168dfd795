/**
 * `leaklab dump FILE [--json] [--lang zh-cn] [--all]`: the grouped summary of a goroutine dump in
 * a terminal. FILE may be `-` for stdin; binary profiles are recognised by their bytes, not the name.
 * Exit codes: 0 parsed (maybe with warnings), 1 nothing looked like a dump, 2 bad usage or unreadable file.
 */
import { readFile } from 'node:fs/promises';
import {
  parseDump,
  groupGoroutines,
  classify,
  toJsonSummary,
  stateCounts,
  orderForReading,
  isLeakSuspect,
  chapterHref,
  CLASS_LABELS,
  type Locale,
} from '../src/lib/dump/index.ts';

const USAGE = `Usage: leaklab dump FILE [--json] [--lang en|zh-cn] [--all]

Parses a goroutine dump (panic or fatal traceback, runtime.Stack, pprof debug=1/debug=2,
or a binary .pb.gz profile) and prints its goroutines grouped by stack, leak suspects first.
FILE may be - to read standard input.

  --json         print the summary as JSON
  --lang zh-cn   explanations in Simplified Chinese
  --all          also list runtime-internal goroutines`;

async function readStdin(): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const c of process.stdin) parts.push(c as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}

export async function main(args: string[]): Promise<number> {
  let file: string | null = null;
  let json = false;
  let all = false;
  let locale: Locale = 'en';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a === '--json') json = true;
    else if (a === '--all') all = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : args[++i];
      if (v !== 'en' && v !== 'zh-cn') {
        console.error(`leaklab dump: --lang must be en or zh-cn, not "${v ?? ''}"`);
        return 2;
      }
      locale = v;
    } else if (a.startsWith('-') && a !== '-') {
      console.error(`leaklab dump: unknown option ${a}\n\n${USAGE}`);
      return 2;
    } else if (file === null) file = a;
    else {
      console.error(`leaklab dump: one FILE at a time (got "${file}" and "${a}")`);
      return 2;
    }
  }
  if (file === null) {
    console.error(`leaklab dump: missing FILE\n\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readStdin() : new Uint8Array(await readFile(file));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    console.error(`leaklab dump: cannot read ${file}: ${why}`);
    return 2;
  }
  const dump = parseDump(bytes);
  const name = file === '-' ? 'stdin' : file;
  if (dump.goroutines.length === 0) {
    const extra = dump.warnings.length > 0 ? ` (${dump.warnings.map((w) => w.message).join('; ')})` : '';
    console.error(`leaklab dump: no goroutine dump found in ${name}${extra}. Expected lines like "goroutine 1 [running]:", "goroutine profile: total N", or a .pb.gz profile.`);
    return 1;
  }
  const groups = groupGoroutines(dump);
  if (json) {
    process.stdout.write(JSON.stringify(toJsonSummary(dump, groups), null, 2) + '\n');
  } else {
    process.stdout.write(renderText(name, dump, groups, locale, all));
  }
  for (const w of dump.warnings) console.error(`leaklab dump: warning: ${w.line !== undefined ? `line ${w.line}: ` : ''}${w.message}`);
  return 0;
}

function renderText(
  name: string,
  dump: ReturnType<typeof parseDump>,
  groups: ReturnType<typeof groupGoroutines>,
  locale: Locale,
  all: boolean,
): string {
  const zh = locale === 'zh-cn';
  const out: string[] = [];
  const ordered = orderForReading(groups);
  const suspects = ordered.filter((x) => isLeakSuspect(x.class));
  const suspectCount = suspects.reduce((n, x) => n + x.group.count, 0);
  out.push(
    zh
      ? `${name}: ${dump.format}，共 ${dump.total} 个协程，${groups.length} 个分组`
      : `${name}: ${dump.format}, ${dump.total} goroutines in ${groups.length} groups`,
  );
  if (dump.reason) out.push(dump.reason);
  out.push((zh ? '状态: ' : 'States: ') + stateCounts(dump).map(([s, n]) => `${s} ${n}`).join(' · '));
  out.push(
    zh ? `疑似泄漏: ${suspectCount} 个协程，${suspects.length} 个分组` : `Leak suspects: ${suspectCount} goroutines in ${suspects.length} groups`,
  );
  let hidden = 0;
  for (const { group: g, class: c } of ordered) {
    if (c === 'runtime-internal' && !all) {
      hidden++;
      continue;
    }
    const cl = classify(g);
    out.push('');
    let head = `[${CLASS_LABELS[c][locale]}] ${g.count} × ${g.state}`;
    if (g.waitMinutes !== null) head += zh ? `，已等待 ${g.waitMinutes.min}–${g.waitMinutes.max} 分钟` : `, waiting ${g.waitMinutes.min}–${g.waitMinutes.max} min`;
    if (g.lockedToThread > 0) head += zh ? '，锁定到线程' : ', locked to thread';
    out.push(head);
    out.push('  ' + cl.explanation[locale]);
    const max = 10;
    for (const f of g.frames.slice(0, max)) {
      const mark = cl.blockingFrame === f ? '> ' : '  ';
      out.push(`  ${mark}${f.func}${f.inlined ? '(...)' : ''}`, `      ${f.file || '?'}:${f.line}`);
    }
    if (g.frames.length > max) out.push(zh ? `    …另有 ${g.frames.length - max} 帧` : `    … ${g.frames.length - max} more frames`);
    if (g.createdBy) out.push(`  ${zh ? '创建者' : 'created by'} ${g.createdBy.func}  ${g.createdBy.file}:${g.createdBy.line}`);
    if (g.ids.length > 0) {
      const ids = g.ids.slice(0, 12).join(', ') + (g.ids.length > 12 ? ', …' : '');
      out.push(`  ${zh ? '协程 ID' : 'ids'}: ${ids}`);
    }
    if (cl.chapter) out.push(`  → ${chapterHref(cl.chapter, locale)}`);
  }
  if (hidden > 0) {
    out.push('', zh ? `（${hidden} 个运行时内部分组未显示，加 --all 查看）` : `(${hidden} runtime-internal group(s) hidden; --all shows them)`);
  }
  return out.join('\n') + '\n';
}

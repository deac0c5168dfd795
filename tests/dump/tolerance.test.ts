// What people paste: CRLF, spaces for tabs, indentation, log prefixes, logs around the dump,
// dumps cut off anywhere. The parser must keep what it understood and say what it could not.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { parseDump, createDumpParser, groupGoroutines } from '../../src/lib/dump/index.ts';
import { fixtureText, summary, PARKED } from './helpers.ts';

const base = fixtureText('parked-debug2.txt');
const lines = base.split('\n');

describe('tolerance', () => {
  it('CRLF line ends', () => {
    expect(summary(parseDump(base.replace(/\n/g, '\r\n')))).toEqual(PARKED);
  });

  it('spaces instead of tabs, and a common indent', () => {
    const spaced = lines.map((l) => '    ' + l.replace(/\t/g, '        ')).join('\n');
    const d = parseDump(spaced);
    expect(d.warnings).toEqual([]);
    expect(summary(d)).toEqual(PARKED);
  });

  it('a log timestamp prefix on every line, with varying widths', () => {
    let n = 0;
    const prefixed = lines
      .map((l) => {
        n++;
        // RFC 3339 nano trims trailing zeros, so the prefix width changes from line to line.
        const frac = String(123456789 - n * 1000).replace(/0+$/, '');
        return `2025-11-23T08:40:${String(n % 60).padStart(2, '0')}.${frac}Z stderr F ${l}`;
      })
      .join('\n');
    const d = parseDump(prefixed);
    expect(d.warnings).toEqual([]);
    expect(summary(d)).toEqual(PARKED);
    expect(groupGoroutines(d).find((g) => g.frames[0].func === 'main.sender')?.frames[0].file).toMatch(/^\/work\//);
  });

  it('journald and docker compose prefixes', () => {
    const journald = lines.map((l, i) => `Nov 23 08:40:${String(i % 60).padStart(2, '0')} build-7 leaky[31337]: ${l}`).join('\n');
    expect(summary(parseDump(journald))).toEqual(PARKED);
    const compose = lines.map((l) => `api-1  | ${l}`).join('\n');
    expect(summary(parseDump(compose))).toEqual(PARKED);
  });

  it('a byte order mark and no-break spaces from a web page', () => {
    const pasted = '\ufeff' + base.replace(/\t/g, '\u00a0\u00a0\u00a0\u00a0').replace(/ \[/g, '\u00a0[');
    expect(summary(parseDump(pasted))).toEqual(PARKED);
  });

  it('a traceback and a debug=1 profile in one log: both are read, the first sets the format', () => {
    const d = parseDump(base + '\nlater, from /debug/pprof/goroutine?debug=1:\n' + fixtureText('parked-debug1.txt'));
    expect(d.format).toBe('traceback');
    expect(d.total).toBe(48);
    expect(d.goroutines.filter((g) => g.stateInferred).length).toBe(17);
  });

  it('a gzipped text dump (dump.txt.gz) is unpacked and read as text', () => {
    const d = parseDump(gzipSync(new TextEncoder().encode(base)));
    expect(d.format).toBe('traceback');
    expect(summary(d)).toEqual(PARKED);
  });

  it('a constant bracketed prefix', () => {
    const d = parseDump(lines.map((l) => `[api-7f9c] ${l}`).join('\n'));
    expect(summary(d)).toEqual(PARKED);
  });

  it('log lines before, between and after goroutines', () => {
    const blocks = base.split('\n\n');
    const noisy =
      '2025/11/23 08:40:00 starting worker pool\nINFO: listening on :8080\n' +
      blocks.join('\n\n2025/11/23 08:40:01 request served in 3ms\n\n') +
      '\nexit status 2\n';
    const d = parseDump(noisy);
    expect(summary(d)).toEqual(PARKED);
    expect(d.warnings).toEqual([]);
  });

  it('a log line written in the middle of a stack is skipped and reported', () => {
    const i = lines.findIndex((l) => /^(internal\/)?sync\.\(\*Mutex\)\.lockSlow/.test(l));
    const mixed = [...lines.slice(0, i), 'level=info msg="cache warmed" took=12ms', ...lines.slice(i)].join('\n');
    const d = parseDump(mixed);
    expect(summary(d)).toEqual(PARKED);
    expect(d.warnings.map((w) => w.message)).toEqual(['skipped 1 line(s) inside goroutine stacks that were not frames']);
  });

  it('cut off mid-line: keeps the goroutines before the cut and warns', () => {
    const at = base.indexOf('main.condWaiter()');
    const cut = base.slice(0, at + 9);
    const d = parseDump(cut);
    const last = d.goroutines[d.goroutines.length - 1];
    expect(last.truncated).toBe(true);
    const prev = d.goroutines[d.goroutines.length - 2];
    expect(d.warnings.map((w) => w.message)).toEqual([`dump truncated after goroutine ${prev.id}`]);
    expect(prev.truncated).toBeFalsy();
  });

  it('cut off right after a header', () => {
    const at = base.indexOf('goroutine', base.indexOf('main.sleeper()'));
    const d = parseDump(base.slice(0, base.indexOf('\n', at) + 1));
    expect(d.warnings[0].message).toMatch(/^dump truncated after goroutine \d+$/);
  });

  it('debug=1 cut off: the header total does not match', () => {
    const d1 = fixtureText('parked-debug1.txt');
    const d = parseDump(d1.slice(0, Math.floor(d1.length / 3)));
    expect(d.format).toBe('pprof-debug1');
    expect(d.warnings.some((w) => /profile header says 24 goroutines/.test(w.message))).toBe(true);
  });

  it('nothing that looks like a dump gives no goroutines and does not throw', () => {
    for (const s of [
      '',
      '\n\n',
      'hello world',
      'goroutine',
      'goroutine 12',
      'goroutines are nice',
      '\u0000\u0001binary',
      '{"json": true}',
    ]) {
      const d = parseDump(s);
      expect(d.goroutines).toEqual([]);
      expect(d.total).toBe(0);
    }
    expect(parseDump(new Uint8Array([0x1f, 0x8b, 1, 2, 3])).warnings[0].message).toMatch(/could not decompress/);
  });
});

describe('streaming', () => {
  it('gives the same result for any chunking', () => {
    const whole = parseDump(base);
    for (const size of [1, 7, 64, 4096]) {
      const p = createDumpParser();
      for (let i = 0; i < base.length; i += size) p.push(base.slice(i, i + size));
      const d = p.finish();
      expect(d.goroutines).toEqual(whole.goroutines);
      expect(d.warnings).toEqual(whole.warnings);
    }
  });

  it('splitting CRLF between chunks is fine', () => {
    const crlf = base.replace(/\n/g, '\r\n');
    const p = createDumpParser();
    let i = 0;
    while (i < crlf.length) {
      const j = crlf.indexOf('\r', i);
      const end = j < 0 ? crlf.length : j + 1;
      p.push(crlf.slice(i, end));
      i = end;
    }
    expect(summary(p.finish())).toEqual(PARKED);
  });

  it('bytes are decoded in slices without breaking multi-byte characters', () => {
    const text = '日志：开始转储协程，共 24 个\n'.repeat(80000) + base;
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(2 << 20);
    expect(summary(parseDump(bytes))).toEqual(PARKED);
  });
});

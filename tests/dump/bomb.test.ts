/**
 * Issue 18, red team item 11: `leaklab dump` on a 2 MB .pb.gz of zeros grew past 4 GiB and ran a
 * minute. The one dump reader now stops unpacking at MAX_DECOMPRESSED_MIB and says so; the CLI (a
 * real process) prints "too large (more than N MiB once decompressed)" with its memory bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createDumpReader, MAX_DECOMPRESSED_MIB, readDump, readDumpAsync } from '../../src/lib/dump/index.ts';
import { zeroBomb } from './bomb.ts';

const BIN = fileURLToPath(new URL('../../bin/leaklab.mjs', import.meta.url));
const TOO_LARGE = `too large (more than ${MAX_DECOMPRESSED_MIB} MiB once decompressed)`;

let dir: string;
let bomb: Buffer;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'leaklab-bomb-'));
  bomb = zeroBomb();
  writeFileSync(path.join(dir, 'goroutine.pb.gz'), bomb);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a gzip bomb', () => {
  it('is about 2 MB that unpacks to 2 GiB', () => {
    expect(bomb.length).toBeLessThan(2.5e6);
    expect(bomb.readUInt32LE(bomb.length - 4)).toBe(2 ** 31); // gzip's size field: 2 GiB
  });

  it('is refused by the CLI (a real process) with the message, exit 2, and bounded memory', () => {
    // /usr/bin/time is not everywhere; the process reports its own peak through a preloaded hook.
    const hook = path.join(dir, 'peak.cjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('PEAK_RSS ' + process.resourceUsage().maxRSS + '\\n'));\n");
    for (const lang of ['en', 'zh-cn']) {
      const r = spawnSync(process.execPath, ['--require', hook, BIN, 'dump', path.join(dir, 'goroutine.pb.gz'), '--lang', lang], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        lang === 'en'
          ? `leaklab dump: cannot read ${path.join(dir, 'goroutine.pb.gz')}: ${TOO_LARGE}`
          : `解压后超过 ${MAX_DECOMPRESSED_MIB} MiB`,
      );
      const peakKiB = Number(/PEAK_RSS (\d+)/.exec(r.stderr)?.[1]);
      // The cap's worth of output plus Node itself, nowhere near the 2 GiB the bomb unpacks to.
      expect(peakKiB).toBeGreaterThan(0);
      expect(peakKiB * 1024).toBeLessThan((MAX_DECOMPRESSED_MIB + 256) * 1024 * 1024);
    }
    // Standard input takes the same path.
    const r = spawnSync(process.execPath, [BIN, 'dump', '-'], { input: bomb, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`cannot read stdin: ${TOO_LARGE}`);
  }, 300_000);

  it('is refused by the reader in every form: whole, async and piece by piece (fflate, in 4 KB steps)', async () => {
    const sync = readDump(bomb);
    expect(sync.problem).toBe('too-large');
    expect(sync.dump.warnings[0].message).toBe(TOO_LARGE);
    expect((await readDumpAsync(bomb)).problem).toBe('too-large');
    const r = createDumpReader();
    for (let i = 0; i < bomb.length; i += 1 << 18) r.push(bomb.subarray(i, i + (1 << 18)));
    expect((await r.finishAsync()).problem).toBe('too-large');
  }, 120_000);

  it('leaves gzip under the cap, and cut gzip, read as before', async () => {
    const text = Array.from({ length: 50 }, (_, i) => `goroutine ${i + 1} [running]:\nmain.main()\n\t/tmp/x.go:3 +0x1d\n\n`).join('');
    const gz = gzipSync(text);
    expect((await readDumpAsync(gz)).dump.total).toBe(50);
    const cut = await readDumpAsync(gz.subarray(0, Math.floor(gz.length * 0.6)));
    expect(cut.problem).toBeNull();
    expect(cut.dump.total).toBe(readDump(gz.subarray(0, Math.floor(gz.length * 0.6))).dump.total);
    expect(cut.dump.total).toBeGreaterThan(0);
    expect(cut.dump.warnings.map((w) => w.message).join()).toMatch(/cut short/);
  });
});

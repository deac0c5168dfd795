/**
 * `leaklab dump` and `leaklab watch` print text from files and services they do not control: a
 * function name carrying terminal escape sequences (set the title, clear the screen, an OSC 8
 * link, an OSC 52 clipboard write) must reach the terminal as plain text (round 4 of the red team).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, fixtureText } from './helpers.ts';
import { BIN, runWatch } from '../watch/helpers.ts';

const HOSTILE = 'main.\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\\x1b]52;c;ZXZpbA==\x07\x9b2Jsender';
const DUMP = fixtureText('parked-debug2.txt').replaceAll('main.sender', HOSTILE);
// No control character other than newline and tab: not ESC, BEL, or the 8-bit CSI.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

let dir = '';
let server: Server;
let base = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leaklab-escapes-'));
  // A service whose goroutineleak profile proves a leak in a hostile function: watch prints its name.
  const leak = fixtureText('go127-goroutineleak-debug2.txt').replaceAll('main.send', HOSTILE.replace('sender', 'send'));
  server = createServer((req, res) => {
    if (req.url?.endsWith('/pprof/')) res.end('<a href="goroutineleak?debug=1">goroutineleak</a>');
    else res.end(leak);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise((r) => server.close(r));
});

describe('the CLI prints no escape sequence from a dump', () => {
  it('leaklab dump', () => {
    expect(FIXTURES).toBeTruthy();
    const file = join(dir, 'hostile.txt');
    writeFileSync(file, DUMP);
    const r = spawnSync(process.execPath, [BIN, 'dump', file, '--all'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('sender'); // the name's text is still there
    expect(r.stdout).not.toMatch(CONTROLS);
    expect(r.stderr).not.toMatch(CONTROLS);
  });

  it('leaklab watch against a hostile service', async () => {
    const r = await runWatch([`${base}/debug/pprof/`, '--samples', '1']);
    expect(r.stdout).toContain('suspect main.');
    expect(r.stdout).toContain('send');
    expect(r.stdout).not.toMatch(CONTROLS);
    expect(r.stderr).not.toMatch(CONTROLS);
  }, 60_000);
});

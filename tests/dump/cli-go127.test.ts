// Issue 11's "done when", one test per kind of dump current Go writes: `leaklab dump --json`, run as
// a user runs it, on each real Go 1.27 (and 1.26) fixture and on the viewer's goroutineleak examples
// gives the right format, total, groups, labels and proven-leak count, with no warning.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/leaklab.mjs', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../public/examples/dumps/', import.meta.url));

interface JsonGroup {
  count: number;
  state: string;
  labels: Record<string, string>;
  leaked: boolean;
  bubble?: number;
}

function dumpJson(path: string) {
  const r = spawnSync(process.execPath, [BIN, 'dump', path, '--json'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { format: string; total: number; leaked: number | null; warnings: string[]; groups: JsonGroup[] };
}

/** count, state, labels, proven leaked, synctest bubble (or null): one row per group, in output order. */
type Row = [number, string, Record<string, string>, boolean, number | null];
const rows = (groups: JsonGroup[]): Row[] => groups.map((g) => [g.count, g.state, g.labels, g.leaked, g.bubble ?? null]);

const users = { handler: '/api/users' };
const orders = { handler: '/api/orders' };
/** The labels program's groups, wherever its dump comes from (debug=2, a panic header, proto). */
const LABELLED: Row[] = [
  [3, 'chan receive', users, false, null],
  [2, 'chan receive', orders, false, null],
  [1, 'running', {}, false, null],
  [1, 'sleep', {}, false, null],
];

describe('leaklab dump --json on what Go 1.27 writes', () => {
  it.each([
    // goroutineleak profile: the whole profile is the runtime's proof. debug=1 records carry no state.
    [
      'go127-goroutineleak-debug1.txt',
      'pprof-debug1',
      5,
      5,
      [
        [3, 'unknown', {}, true, null],
        [2, 'unknown', {}, true, null],
      ],
    ],
    // debug=2 lists every goroutine and marks the proven ones `(leaked)`; the writer is not one.
    [
      'go127-goroutineleak-debug2.txt',
      'traceback',
      6,
      5,
      [
        [3, 'chan send', {}, true, null],
        [2, 'chan receive', {}, true, null],
        [1, 'running', {}, false, null],
      ],
    ],
    [
      'go127-goroutineleak.pb.gz',
      'pprof-proto',
      5,
      5,
      [
        [3, 'chan send', {}, true, null],
        [2, 'chan receive', {}, true, null],
      ],
    ],
    // Go 1.26 wrote the same profile behind GOEXPERIMENT=goroutineleakprofile.
    [
      'go126-goroutineleak-debug1.txt',
      'pprof-debug1',
      5,
      5,
      [
        [3, 'unknown', {}, true, null],
        [2, 'unknown', {}, true, null],
      ],
    ],
    [
      'go126-goroutineleak-debug2.txt',
      'traceback',
      6,
      5,
      [
        [3, 'chan send', {}, true, null],
        [2, 'chan receive', {}, true, null],
        [1, 'running', {}, false, null],
      ],
    ],
    // pprof labels: `# labels:` in debug=1, the header `{handler: ...}` in 1.27 tracebacks, proto sample labels.
    [
      'go127-labels-debug1.txt',
      'pprof-debug1',
      7,
      null,
      [
        [3, 'unknown', users, false, null],
        [2, 'unknown', orders, false, null],
        [1, 'running', {}, false, null],
        [1, 'sleep', {}, false, null],
      ],
    ],
    ['go127-labels-debug2.txt', 'traceback', 7, null, LABELLED],
    ['go127-labels-panic.txt', 'traceback', 7, null, LABELLED],
    ['go127-labels.pb.gz', 'pprof-proto', 7, null, LABELLED],
  ] as [string, string, number, number | null, Row[]][])('%s: %s, %i goroutines, %s proven', (file, format, total, leaked, groups) => {
    const j = dumpJson(FIXTURES + file);
    expect(j).toMatchObject({ format, total, leaked, warnings: [] });
    expect(rows(j.groups)).toEqual(groups);
  });

  it('go test -v output around a synctest bubble deadlock: the bubble on every group in it, no false truncation', () => {
    const j = dumpJson(FIXTURES + 'go127-synctest-gotest.txt');
    expect(j).toMatchObject({ format: 'traceback', total: 5, leaked: null, warnings: [] });
    expect(rows(j.groups).sort((a, b) => b[0] - a[0] || (a[4] ?? 0) - (b[4] ?? 0))).toEqual([
      [2, 'chan receive', {}, false, 1],
      [1, 'running', {}, false, null],
      [1, 'chan receive', {}, false, 1],
      [1, 'chan receive', {}, false, 1],
    ]);
  });

  it("the viewer's goroutineleak examples: proven leaks per handler label, the live pool apart", () => {
    const d2 = dumpJson(EXAMPLES + 'api-goroutineleak-debug2.txt');
    expect(d2).toMatchObject({ format: 'traceback', total: 17, leaked: 12, warnings: [] });
    expect(rows(d2.groups)).toEqual([
      [6, 'chan send', users, true, null],
      [4, 'chan receive', { pool: 'indexer' }, false, null],
      [3, 'chan send', orders, true, null],
      [3, 'chan receive', orders, true, null],
      [1, 'running', {}, false, null],
    ]);
    const d1 = dumpJson(EXAMPLES + 'api-goroutineleak-debug1.txt');
    expect(d1).toMatchObject({ format: 'pprof-debug1', total: 12, leaked: 12, warnings: [] });
    expect(rows(d1.groups)).toEqual([
      [6, 'unknown', users, true, null],
      [3, 'unknown', orders, true, null],
      [3, 'unknown', orders, true, null],
    ]);
  });
});

// Grammar beyond the common traceback: real Go 1.27 dumps where the installed Go prints it, hand-written
// fixtures modelled on runtime/traceback.go where it cannot (see tests/fixtures/dumps/README.md), and
// single-line cases.
import { describe, expect, it } from 'vitest';
import { parseDump, groupGoroutines, classify, isStdlibFrame, isRuntimeFrame, userFrame } from '../../src/lib/dump/index.ts';
import { fixtureText, summary } from './helpers.ts';

describe('synctest bubbles (real go test -v output, Go 1.27)', () => {
  const d = parseDump(fixtureText('go127-synctest-gotest.txt'));
  it('reads `(durable)` and `, synctest bubble N` without letting them split groups', () => {
    expect(d.warnings).toEqual([]);
    expect(d.goroutines.find((g) => g.id === 11)).toMatchObject({ state: 'chan receive', durable: true, bubble: 1, parentId: 10 });
    expect(d.goroutines.find((g) => g.id === 8)!.durable).toBeUndefined();
    expect(summary(d)).toEqual({
      'example.com/bubble.TestStuck.func1.1': [2, 'chan receive', 'likely-leak'],
      'example.com/bubble.TestStuck': [1, 'running', 'running'],
      'testing/synctest.testingSynctestTest': [1, 'chan receive', 'needs-context'],
      'example.com/bubble.TestStuck.func1': [1, 'chan receive', 'likely-leak'],
    });
  });
});

describe('goroutineleak profile (Go 1.27, debug=2)', () => {
  const d = parseDump(fixtureText('go127-goroutineleak-debug2.txt'));
  it('reads `(leaked)`, keeps it out of the state, and trusts the runtime’s verdict', () => {
    expect(d.warnings).toEqual([]);
    expect(d.goroutines.find((g) => g.id === 5)).toMatchObject({ state: 'chan send', leaked: true, parentId: 1 });
    expect(d.goroutines.find((g) => g.id === 1)!.leaked).toBeUndefined();
    const groups = groupGoroutines(d);
    expect(groups[0]).toMatchObject({ count: 3, state: 'chan send', leaked: true, leakedCount: 3 });
    expect(classify(groups[0])).toMatchObject({ class: 'never-wakes', explanation: { key: 'proven-leak' } });
    expect(summary(d)).toEqual({
      'main.send': [3, 'chan send', 'never-wakes'],
      'main.recv': [2, 'chan receive', 'never-wakes'],
      'main.main': [1, 'running', 'running'],
    });
  });
});

describe('Windows paths with CRLF', () => {
  const d = parseDump(fixtureText('handwritten-windows-crlf.txt'));
  it('splits file and line on the last colon, keeps drive letters and spaces', () => {
    expect(fixtureText('handwritten-windows-crlf.txt')).toContain('\r\n');
    expect(d.warnings).toEqual([]);
    const io = d.goroutines.find((g) => g.id === 18)!;
    expect(io.frames[0]).toMatchObject({
      func: 'internal/poll.runtime_pollWait',
      file: 'C:/Program Files/Go/src/runtime/netpoll.go',
      line: 351,
      offset: '0x85',
    });
    expect(io.waitMinutes).toBe(3);
    expect(io.createdBy).toMatchObject({
      func: 'app/internal/relay.Start',
      file: 'C:/Users/dev/go/src/app/internal/relay/relay.go',
      line: 40,
    });
  });
  it('treats a dot-less module path as user code and keeps min/max wait', () => {
    const [send] = groupGoroutines(d);
    expect(send.count).toBe(2);
    expect(send.waitMinutes).toEqual({ min: 12, max: 47 });
    expect(classify(send)).toMatchObject({ class: 'likely-leak', chapter: '03-abandoned-work' });
    expect(classify(send).blockingFrame?.func).toBe('app/internal/relay.(*Relay).emit');
  });
});

describe('cgo and crash output', () => {
  const d = parseDump(fixtureText('handwritten-cgo.txt'));
  it('reads non-Go function frames, ?? frames and pc= lines', () => {
    expect(d.warnings).toEqual([]);
    const g1 = d.goroutines.find((g) => g.id === 1)!;
    expect(g1.lockedToThread).toBe(true);
    expect(g1.frames.slice(0, 4).map((f) => [f.func, f.file, f.line])).toEqual([
      ['non-Go function', '', 0],
      ['non-Go function', '/build/libsensor/src/poll.c', 212],
      ['??', '', 0],
      ['runtime.cgocall', '/usr/local/go/src/runtime/cgocall.go', 167],
    ]);
    const g6 = d.goroutines.find((g) => g.id === 6)!;
    expect(g6.frames.slice(0, 2).map((f) => f.func)).toEqual(['non-Go function', 'non-Go function']);
    expect(userFrame(g6.frames)?.func).toBe('main._Cfunc_sensor_read');
  });
  it('keeps a goroutine whose stack is on another thread, and ignores the register dump', () => {
    const g7 = d.goroutines.find((g) => g.id === 7)!;
    expect(g7).toMatchObject({ state: 'running', frames: [], parentId: 1 });
    expect(g7.truncated).toBeFalsy();
    expect(d.goroutines.map((g) => g.id)).toEqual([0, 1, 6, 7]);
    expect(classify(d.goroutines[0]).class).toBe('runtime-internal');
  });
});

describe('Go 1.20 and older', () => {
  const d = parseDump(fixtureText('handwritten-go120.txt'));
  it('reads created by without a goroutine id and the old elision marker', () => {
    expect(d.warnings).toEqual([]);
    const g35 = d.goroutines.find((g) => g.id === 35)!;
    expect(g35.parentId).toBeNull();
    expect(g35.createdBy?.func).toBe('github.com/acme/app/internal/fanout.(*Hub).Subscribe');
    const g40 = d.goroutines.find((g) => g.id === 40)!;
    expect(g40).toMatchObject({ state: 'select', waitMinutes: 93, lockedToThread: true, elided: -1 });
    expect(g40.frames).toHaveLength(2);
  });
  it('groups across wait times and classifies', () => {
    const g = groupGoroutines(d)[0];
    expect(g).toMatchObject({ count: 2, state: 'chan receive', waitMinutes: { min: 12, max: 93 }, ids: [35, 36] });
    expect(summary(d)['main.main']).toEqual([1, 'IO wait', 'needs-context']);
    expect(summary(d)['github.com/acme/app/internal/metrics.(*Ring).spin']).toEqual([1, 'runnable', 'running']);
  });
});

describe('single lines', () => {
  const one = (s: string) => parseDump(s).goroutines[0];
  it('reads every header field', () => {
    expect(
      one(
        'goroutine 7 gp=0xc000102380 m=nil [chan receive (scan), 5 minutes, locked to thread, synctest bubble 3]:\nmain.f()\n\t/a.go:1 +0x1\n',
      ),
    ).toMatchObject({
      id: 7,
      state: 'chan receive',
      waitMinutes: 5,
      lockedToThread: true,
      bubble: 3,
    });
  });
  it('reads args, generics and method receivers', () => {
    const g = one(
      'goroutine 1 [select]:\nexample.com/x.(*Pool[...]).run[...](0xc0, {0x1, 0x2}, 0x3?, ...)\n\t/x/pool.go:9 +0x1f\nmain.Map[...](...)\n\t/x/m.go:3\n',
    );
    expect(g.frames[0]).toMatchObject({
      func: 'example.com/x.(*Pool[...]).run[...]',
      args: '0xc0, {0x1, 0x2}, 0x3?, ...',
      line: 9,
      offset: '0x1f',
    });
    expect(g.frames[1]).toMatchObject({ func: 'main.Map[...]', inlined: true, line: 3 });
  });
  it('keeps spaces inside type names in function names', () => {
    const g = one(
      'goroutine 3 [running]:\ntype:.eq.struct { a int; b interface {} }(0x1?, 0x2?)\n\t<autogenerated>:1 +0x2a\nmain.main()\n\t/a.go:9 +0x1\n',
    );
    expect(g.frames.map((f) => [f.func, f.file, f.line])).toEqual([
      ['type:.eq.struct { a int; b interface {} }', '<autogenerated>', 1],
      ['main.main', '/a.go', 9],
    ]);
  });
  it('sums `...N frames elided...` markers', () => {
    expect(one('goroutine 1 [running]:\nmain.f()\n\t/a.go:1\n...7 frames elided...\nmain.g()\n\t/a.go:2\n').elided).toBe(7);
  });
});

describe('frame helpers', () => {
  const f = (func: string, file = '') => ({ func, file, line: 1 });
  it('tells runtime, standard library and user code apart', () => {
    expect(isRuntimeFrame(f('runtime.gopark'))).toBe(true);
    expect(isRuntimeFrame(f('internal/poll.runtime_pollWait'))).toBe(true);
    expect(isRuntimeFrame(f('panic'))).toBe(true);
    expect(isStdlibFrame(f('net/http.(*Server).Serve'))).toBe(true);
    expect(isStdlibFrame(f('sync.(*Mutex).Lock'))).toBe(true);
    expect(isStdlibFrame(f('main.main'))).toBe(false);
    expect(isStdlibFrame(f('main.main', '/tmp/sandbox123/prog.go'))).toBe(false);
    expect(isStdlibFrame(f('github.com/a/b.(*T).Run'))).toBe(false);
    expect(isStdlibFrame(f('myapp/internal/x.F'))).toBe(false);
    expect(userFrame([f('runtime.gopark'), f('sync.(*WaitGroup).Wait'), f('main.worker'), f('main.main')])?.func).toBe('main.worker');
  });
});

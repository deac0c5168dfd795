// Real dumps of the parked program (tests/fixtures/dump-programs/parked): every format must
// produce the goroutines it parked, in the right groups, states and classes.
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'fflate';
import { parseDump, groupGoroutines, buildCreatorTree, classify } from '../../src/lib/dump/index.ts';
import { fixtureText, fixtureBytes, groupAt, summary, lineOf, PARKED, SENDER_LINE } from './helpers.ts';

describe.each(['parked-stack.txt', 'parked-debug2.txt', 'parked-panic-all.txt', 'parked-ancestors.txt'])('%s', (name) => {
  const d = parseDump(fixtureText(name));
  const groups = groupGoroutines(d);

  it('finds every parked goroutine, grouped by stack, with its state and class', () => {
    expect(d.format).toBe('traceback');
    expect(d.warnings).toEqual([]);
    expect(d.total).toBe(24);
    expect(summary(d)).toEqual(PARKED);
    expect(groups.map((g) => g.count)).toEqual([...groups.map((g) => g.count)].sort((a, b) => b - a));
  });

  it('keeps ids, creators and parent ids', () => {
    const senders = groupAt(groups, 'main.sender');
    expect(senders.ids).toHaveLength(3);
    expect(new Set(senders.ids).size).toBe(3);
    expect(senders.createdBy?.func).toBe('main.main');
    expect(senders.createdBy?.file).toMatch(/dump-programs\/parked\/main\.go$/);
    expect(senders.goroutines.every((g) => g.parentId === 1)).toBe(true);
    const children = groupAt(groups, 'main.child');
    const spawner = groupAt(groups, 'main.spawner');
    expect(children.createdBy?.func).toBe('main.spawner');
    expect(children.goroutines.every((g) => g.parentId === spawner.ids[0])).toBe(true);
  });

  it('parses inlined frames, generics, elided frames and locked threads', () => {
    const sender = groupAt(groups, 'main.sender');
    expect(sender.frames[0]).toMatchObject({ func: 'main.sender', inlined: true, line: SENDER_LINE });
    const inl = groupAt(groups, 'main.recvOne');
    expect(inl.frames.map((f) => f.func)).toEqual(['main.recvOne', 'main.inlineCaller']);
    expect(inl.frames[0].inlined).toBe(true);
    const gen = groupAt(groups, 'main.(*Queue[...]).Pop');
    expect(gen.frames.map((f) => f.func)).toEqual(['main.(*Queue[...]).Pop', 'main.consume[...]']);
    const deep = groupAt(groups, 'main.deep');
    expect(deep.frames).toHaveLength(100);
    expect(deep.goroutines[0].elided).toBe(21);
    expect(deep.elided).toBe(true);
    expect(groupAt(groups, 'main.lockedThread').lockedToThread).toBe(1);
    expect(groupAt(groups, 'main.receiver').lockedToThread).toBe(0);
  });

  it('points the blocking frame at user code, past sync internals', () => {
    const lock = groupAt(groups, 'main.locker');
    // Go 1.24+ moved the mutex slow path to internal/sync.
    expect(lock.frames[0].func).toMatch(/^(internal\/)?sync\.runtime_SemacquireMutex$/);
    expect(classify(lock).blockingFrame?.func).toBe('main.locker');
    expect(classify(lock).chapter).toBe('06-sync');
  });

  it('builds the creator tree: main → spawner → 2 children', () => {
    const tree = buildCreatorTree(d);
    expect(tree.roots).toHaveLength(1);
    const root = tree.roots[0];
    expect(root.id).toBe(1);
    expect(root.descendants).toBe(23);
    const spawner = root.children.find((c) => c.goroutine?.frames[0]?.func === 'main.spawner');
    expect(spawner?.children.map((c) => c.goroutine?.frames[0]?.func)).toEqual(['main.child', 'main.child']);
  });
});

describe('parked-ancestors.txt (GODEBUG=tracebackancestors=5)', () => {
  const d = parseDump(fixtureText('parked-ancestors.txt'));
  it('attaches [originating from goroutine N] blocks as ancestors', () => {
    const child = d.goroutines.find((g) => g.frames[0]?.func === 'main.child')!;
    expect(child.ancestors.map((a) => a.id)).toEqual([child.parentId, 1]);
    expect(child.ancestors[0].frames[0].func).toBe('main.spawner');
    expect(child.ancestors[1].frames[0].func).toBe('main.main');
    // Ancestor frames are not the goroutine's own frames.
    expect(child.frames.map((f) => f.func)).toEqual(['main.child']);
  });
});

describe('parked-panic-system.txt (GOTRACEBACK=system)', () => {
  const d = parseDump(fixtureText('parked-panic-system.txt'));
  const groups = groupGoroutines(d);
  it('reads gp=/m=/mp= headers and fp=/sp=/pc= suffixes', () => {
    expect(d.warnings).toEqual([]);
    expect(d.reason).toBe('panic: parked: dumping every goroutine');
    const main = d.goroutines.find((g) => g.id === 1)!;
    expect(main.state).toBe('running');
    expect(main.frames.map((f) => [f.func, f.line])).toEqual([
      ['panic', main.frames[0].line],
      ['main.main', lineOf('parked/main.go', 'panic("parked: dumping every goroutine")')],
      ['runtime.main', main.frames[2].line],
      ['runtime.goexit', main.frames[3].line],
    ]);
    // Runtime line numbers change with every Go release; they are read, not guessed.
    expect(main.frames[0].line).toBeGreaterThan(0);
    const off = main.frames[1].offset!;
    expect(off).toMatch(/^0x[0-9a-f]+$/);
    expect(fixtureText('parked-panic-system.txt')).toContain(`main.go:${main.frames[1].line} +${off} fp=0x`);
  });
  it('shows runtime goroutines and classifies them runtime-internal', () => {
    const rt = groups.filter((g) => classify(g).class === 'runtime-internal');
    // Go 1.25+ adds the GOMAXPROCS updater.
    expect(rt.map((g) => g.state).sort()).toEqual([
      'GC scavenge wait',
      'GC sweep wait',
      'GOMAXPROCS updater (idle)',
      'finalizer wait',
      'force gc (idle)',
    ]);
  });
  it('groups the same leaks as GOTRACEBACK=all despite the extra runtime frames', () => {
    const all = summary(parseDump(fixtureText('parked-panic-all.txt')));
    const sys = summary(d);
    for (const [k, v] of Object.entries(all)) if (k !== 'main.main') expect(sys[k]).toEqual(v);
  });
});

describe('parked-sigquit-crash.txt (SIGQUIT, GOTRACEBACK=crash)', () => {
  const d = parseDump(fixtureText('parked-sigquit-crash.txt'));
  it('reads every goroutine 0 of each M, ignores signal headers, separators and registers', () => {
    expect(d.warnings).toEqual([]);
    const zeros = d.goroutines.filter((g) => g.id === 0);
    expect(zeros.length).toBeGreaterThanOrEqual(2);
    expect(zeros.every((g) => g.state === 'idle' && classify(g).class === 'runtime-internal')).toBe(true);
    const user = summary(d);
    for (const [k, v] of Object.entries(PARKED)) if (k !== 'main.main') expect(user[k]).toEqual(v);
    // main was parked on a channel when the signal came.
    expect(user['main.main']).toEqual([1, 'chan receive', 'likely-leak']);
  });
});

describe('deadlock.txt', () => {
  const d = parseDump(fixtureText('deadlock.txt'));
  it('parses the fatal error dump', () => {
    expect(d.reason).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(summary(d)).toEqual({
      'main.main': [1, 'sync.WaitGroup.Wait', 'likely-leak'],
      'main.produce': [2, 'chan send', 'likely-leak'],
      'main.main.func1': [1, 'chan send (nil chan)', 'never-wakes'],
    });
  });
});

describe('parked-debug1.txt (pprof debug=1)', () => {
  const d = parseDump(fixtureText('parked-debug1.txt'));
  const groups = groupGoroutines(d);
  it('reads records with counts, frames and labels', () => {
    expect(d.format).toBe('pprof-debug1');
    expect(d.total).toBe(24);
    expect(d.warnings).toEqual([]);
    const labelled = groupAt(groups, 'main.labelled.func1');
    expect(labelled.count).toBe(2);
    expect(labelled.goroutines[0].labels).toEqual({ worker: 'indexer' });
    expect(labelled.frames.map((f) => f.func)).toEqual(['main.labelled.func1', 'runtime/pprof.Do', 'main.labelled']);
    expect(labelled.frames[1].offset).toBe('0x8b');
    expect(labelled.ids).toEqual([]);
  });
  it('infers the states the frames reveal and says unknown for the rest', () => {
    expect(groupAt(groups, 'main.locker').state).toBe('sync.Mutex.Lock');
    expect(groupAt(groups, 'main.condWaiter').state).toBe('sync.Cond.Wait');
    expect(groupAt(groups, 'main.sleeper').state).toBe('sleep');
    // debug=1 drops the runtime frames that would say "chan send".
    expect(groupAt(groups, 'main.sender').state).toBe('unknown');
    expect(classify(groupAt(groups, 'main.sender')).class).toBe('needs-context');
  });
  it('groups the same stacks as the traceback', () => {
    const text = summary(parseDump(fixtureText('parked-debug2.txt')));
    const counts = Object.fromEntries(Object.entries(summary(d)).map(([k, v]) => [k, v[0]]));
    const want = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v[0]]));
    delete want['main.main'];
    delete counts['main.main'];
    expect(counts).toEqual(want);
  });
});

describe('parked.pb.gz (binary profile)', () => {
  const d = parseDump(fixtureBytes('parked.pb.gz'));
  const groups = groupGoroutines(d);
  it('decodes the gzip’d protobuf', () => {
    expect(d.format).toBe('pprof-proto');
    expect(d.total).toBe(24);
    expect(groupAt(groups, 'main.labelled.func1').goroutines[0].labels).toEqual({ worker: 'indexer' });
  });
  it('has the same groups, counts and classes as the text traceback, states inferred from runtime frames', () => {
    const text = summary(parseDump(fixtureText('parked-debug2.txt')));
    const proto = summary(d);
    delete text['main.main'];
    delete proto['main.main'];
    // The proto cannot tell a nil channel from a live one: both park in runtime.chanrecv.
    expect(proto['main.nilReceiver']).toEqual([1, 'chan receive', 'likely-leak']);
    delete text['main.nilReceiver'];
    delete proto['main.nilReceiver'];
    expect(proto).toEqual(text);
  });
  it('reads the profile uncompressed too', () => {
    const raw = parseDump(gunzipSync(fixtureBytes('parked.pb.gz')));
    expect(raw.format).toBe('pprof-proto');
    expect(summary(raw)).toEqual(summary(d));
  });
  it('gives a group the same key as the traceback when the stack is the same', () => {
    const text = groupGoroutines(parseDump(fixtureText('parked-debug2.txt')));
    for (const f of ['main.sender', 'main.locker', 'main.(*Queue[...]).Pop', 'main.labelled.func1']) {
      expect(groupAt(groups, f).key).toBe(groupAt(text, f).key);
    }
  });
});

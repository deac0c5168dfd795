/** The harness rewrite, without running anything: what is renamed, what is left alone. */
import { describe, expect, it } from 'vitest';
import { dumpBegin, dumpEnd, HARNESS_FILE, instrument, parseRun, restoreNames, RENAMED_MAIN } from '../../src/lib/runner/harness.ts';
import { isTestProgram, topLevelFuncs } from '../../src/lib/runner/goscan.ts';
import { splitFiles } from '../../src/lib/runner/txtar.ts';
import { pointAt } from '../../src/lib/dump/program.ts';

const utf8Len = (s: string) => new TextEncoder().encode(s).length;

describe('instrument', () => {
  const src = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n';

  it('renames main in place with a name of the same byte length and adds the harness file', () => {
    const out = instrument(src);
    expect(out.applied).toBe(true);
    const files = splitFiles(out.source);
    expect(files.map((f) => f.name)).toEqual(['prog.go', HARNESS_FILE]);
    const prog = files[0].data;
    expect(prog.split('\n').length).toBe(src.split('\n').length);
    expect(prog).toBe(src.replace('func main()', `func ${RENAMED_MAIN}()`));
    expect(utf8Len(RENAMED_MAIN)).toBe(utf8Len('main'));
    expect(files[1].data).toContain(`= ${RENAMED_MAIN}\n`);
  });

  it('is not fooled by main in comments, strings or methods', () => {
    const tricky = [
      'package main',
      '// func main() {}',
      '/* func main() {} */',
      'var s = `',
      'func main() {}',
      '`',
      'type T struct{}',
      'func (T) main() {}',
      'func main() {}',
      '',
    ].join('\n');
    const out = instrument(tricky);
    expect(out.applied).toBe(true);
    const lines = splitFiles(out.source)[0].data.split('\n');
    expect(lines[1]).toBe('// func main() {}');
    expect(lines[4]).toBe('func main() {}');
    expect(lines[7]).toBe('func (T) main() {}');
    expect(lines[8]).toBe(`func ${RENAMED_MAIN}() {}`);
  });

  it('adds the harness to an existing txtar and renames main wherever it lives', () => {
    const txtar =
      '-- go.mod --\nmodule play\n-- util.go --\npackage main\n\nfunc util() {}\n-- main.go --\npackage main\n\nfunc main() { util() }\n';
    const out = instrument(txtar);
    expect(out.applied).toBe(true);
    const files = splitFiles(out.source);
    expect(files.map((f) => f.name)).toEqual(['go.mod', 'util.go', 'main.go', HARNESS_FILE]);
    expect(files[2].data).toContain(`func ${RENAMED_MAIN}() { util() }`);
  });

  it('leaves tests, programs without main, opt-outs and bad archives alone', () => {
    const test = 'package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n';
    expect(instrument(test)).toMatchObject({ applied: false, reason: 'test', source: test });
    expect(instrument('package main\n\nfunc helper() {}\n')).toMatchObject({ applied: false, reason: 'no-main' });
    expect(instrument(src, { leakCheck: false })).toMatchObject({ applied: false, reason: 'opted-out', source: src });
    expect(instrument('package main\n-- a.go --\n-- a.go --\n')).toMatchObject({ applied: false, reason: 'unparsable' });
  });
});

describe('goscan', () => {
  it('finds top-level funcs with params and results, skipping literals', () => {
    const fns = topLevelFuncs(
      'package main\nfunc a(x int) (int, error) {\n\tf := func() {}\n}\nfunc b[T any](t T) {}\nvar c = func() {}\n',
    );
    expect(fns.map((f) => [f.name, f.params, f.results])).toEqual([
      ['a', 'x int', '(int, error)'],
      ['b', 't T', ''],
    ]);
  });

  it('applies the Playground test-program rule', () => {
    expect(isTestProgram('package main\nimport "testing"\nfunc TestA(t *testing.T) {}\n')).toBe(true);
    expect(isTestProgram('package main\nfunc ExampleA() {}\n')).toBe(true);
    expect(isTestProgram('package main\nfunc Testimony(t *testing.T) {}\n')).toBe(false);
    expect(isTestProgram('package main\nimport "testing"\nfunc TestA(t *testing.T) {}\nfunc main() {}\n')).toBe(false);
    expect(isTestProgram('package main\nimport "testing"\nfunc FuzzA(f *testing.F) {}\n')).toBe(true);
    expect(isTestProgram('package main\nimport "testing"\nfunc TestMain(m *testing.M) {}\n')).toBe(true);
    expect(isTestProgram('package main\nimport "testing"\nfunc TestA(a, b *testing.T) {}\n')).toBe(false);
    expect(isTestProgram('package other\nfunc ExampleA() {}\n')).toBe(false);
  });
});

describe('verdict', () => {
  const dump = [
    'goroutine 1 [running]:',
    'main.main()',
    '\t/tmp/x/leaklab_harness.go:27 +0x1d',
    '',
    'goroutine 7 [chan send, 3 minutes]:',
    `main.${RENAMED_MAIN}.func1()`,
    '\t/tmp/x/prog.go:11 +0x1e',
    `created by main.${RENAMED_MAIN} in goroutine 1`,
    '\t/tmp/x/prog.go:10 +0x66',
    '',
    'goroutine 8 [semacquire]:',
    'sync.runtime_Semacquire(0xc000012345?)',
    '\t/usr/lib/go-1.27/src/runtime/sema.go:71 +0x25',
    'sync.(*WaitGroup).Wait(0xc000010000?)',
    '\t/usr/lib/go-1.27/src/sync/waitgroup.go:118 +0x48',
    'main.wait(...)',
    '\t/tmp/x/util.go:5',
    `created by main.${RENAMED_MAIN} in goroutine 1`,
    '\t/tmp/x/prog.go:12 +0x77',
  ].join('\n');
  const inst = instrument('package main\n\nfunc main() {}\n-- util.go --\npackage main\n');

  it('extracts the marked dump from stderr, removes it from the output and lists the leaks', () => {
    const resp = {
      Errors: '',
      Status: 0,
      IsTest: false,
      TestsFailed: 0,
      Events: [
        { Message: 'out\n', Kind: 'stdout' as const, Delay: 0 },
        { Message: 'err' + dumpBegin(inst.nonce) + dump + dumpEnd(inst.nonce), Kind: 'stderr' as const, Delay: 5 },
      ],
    };
    const r = parseRun(resp, inst);
    expect(r.events).toEqual([
      { Message: 'out\n', Kind: 'stdout', Delay: 0 },
      { Message: 'err', Kind: 'stderr', Delay: 5 },
    ]);
    expect(r.leak.checked).toBe(true);
    expect(
      r.leak.goroutines.map((g) => {
        const { func, file, line } = pointAt(g, r.leak.files);
        return [g.id, g.state, { func, file, line }];
      }),
    ).toEqual([
      [7, 'chan send', { func: 'main.main.func1', file: 'prog.go', line: 11 }],
      [8, 'semacquire', { func: 'main.wait', file: 'util.go', line: 5 }],
    ]);
    expect(r.leak.goroutines[0].createdBy).toMatchObject({ func: 'main.main', file: 'prog.go', line: 10 });
    expect(r.leak.dump).not.toContain('goroutine 1 ');
    expect(r.leak.dump).not.toContain(RENAMED_MAIN);
    expect(r.leak.dump).toContain('created by main.main in goroutine 1');
  });

  it('tolerates a missing end marker (output cut by the cap)', () => {
    const cut = dump.slice(0, dump.indexOf('goroutine 8'));
    const resp = {
      Errors: '',
      Status: 1,
      IsTest: false,
      TestsFailed: 0,
      Events: [{ Message: dumpBegin(inst.nonce) + cut, Kind: 'stderr' as const, Delay: 0 }],
    };
    const r = parseRun(resp, inst);
    expect(r.events).toEqual([]);
    expect(r.leak).toMatchObject({ checked: true, leaked: 1 });
  });

  it('restores main.main and drops harness frames from any text shown to the learner', () => {
    const shown = restoreNames(dump);
    expect(shown).not.toContain(RENAMED_MAIN);
    expect(shown).not.toContain(HARNESS_FILE);
    expect(shown).toContain('main.main.func1()');
    expect(shown).toContain('created by main.main in goroutine 1');
  });
});

/** The harness rewrite, without running anything: what is renamed, what is left alone. */
import { describe, expect, it } from 'vitest';
import { HARNESS_FILE, instrument, parseStacks, restoreNames, RENAMED_MAIN } from '../../src/lib/runner/harness.ts';
import { isTestProgram, topLevelFuncs } from '../../src/lib/runner/goscan.ts';
import { splitFiles } from '../../src/lib/runner/txtar.ts';

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
    const txtar = '-- go.mod --\nmodule play\n-- util.go --\npackage main\n\nfunc util() {}\n-- main.go --\npackage main\n\nfunc main() { util() }\n';
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
    const fns = topLevelFuncs('package main\nfunc a(x int) (int, error) {\n\tf := func() {}\n}\nfunc b[T any](t T) {}\nvar c = func() {}\n');
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
  });
});

describe('verdict helpers', () => {
  it('parses runtime.Stack text and restores main.main', () => {
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
    ].join('\n');
    const gs = parseStacks(dump);
    expect(gs.map((g) => [g.id, g.state, g.frames[0].func, g.frames[0].line])).toEqual([
      [1, 'running', 'main.main', 27],
      [7, 'chan send', `main.${RENAMED_MAIN}.func1`, 11],
    ]);
    expect(gs[1].createdBy).toEqual({ func: `main.${RENAMED_MAIN}`, file: '/tmp/x/prog.go', line: 10 });
    const shown = restoreNames(dump);
    expect(shown).not.toContain(RENAMED_MAIN);
    expect(shown).not.toContain(HARNESS_FILE);
    expect(shown).toContain('main.main.func1()');
    expect(shown).toContain('created by main.main in goroutine 1');
  });
});

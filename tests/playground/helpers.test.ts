import { describe, expect, it } from 'vitest';
import { editorLine, parseProblems } from '../../src/components/playground/runner-adapter.ts';
import { evaluateCheck } from '../../src/lib/content/check.ts';
import { contrast, loadThemes, BACKGROUND } from '../../src/components/playground/themes.ts';

describe('editorLine', () => {
  it('maps prog.go lines one to one in a plain program', () => {
    expect(editorLine('package main\n\nfunc main() {}\n', 'prog.go', 3)).toBe(3);
    expect(editorLine('package main\n', '/tmp/sandbox123/prog.go', 1)).toBe(1);
  });

  it('maps files of a txtar to the lines after their marker', () => {
    const code = 'package main\n\nfunc main() { helper() }\n-- helper.go --\npackage main\n\nfunc helper() {}\n';
    expect(editorLine(code, 'prog.go', 3)).toBe(3);
    expect(editorLine(code, './helper.go', 3)).toBe(7);
    expect(editorLine(code, 'other.go', 1)).toBeNull();
  });

  it('ignores files that are not the learner’s', () => {
    expect(editorLine('package main\n', '/usr/local/go-faketime/src/runtime/proc.go', 10)).toBeNull();
  });
});

describe('parseProblems', () => {
  it('turns Go build output into editor problems with UTF-16 columns', () => {
    const code = 'package main\n\nfunc main() {\n\ts := "héllo"; undefinedThing(s)\n}\n';
    // Go counts bytes: é is two bytes, so byte column 17 is UTF-16 column 16.
    const problems = parseProblems('# command-line-arguments\n./prog.go:4:17: undefined: undefinedThing\n', code, 'error');
    expect(problems).toEqual([
      { file: 'prog.go', fileLine: 4, line: 4, column: 16, message: 'undefined: undefinedThing', severity: 'error' },
    ]);
  });

  it('places errors in a txtar’s second file on the right editor line', () => {
    const code = 'package main\n\nfunc main() { helper() }\n-- helper.go --\npackage main\n\nfunc helper() { x }\n';
    const [p] = parseProblems('./helper.go:3:17: undefined: x\n', code, 'error');
    expect(p).toMatchObject({ file: 'helper.go', fileLine: 3, line: 7, column: 17 });
  });
});

describe('evaluateCheck', () => {
  const check = { stdout: 'done\n', noLeaks: true, status: 0 };
  const run = { errors: '', status: 0, stdout: 'done\n', leak: { checked: true, leaked: 0 } };
  it('passes a clean run with the expected output', () => {
    expect(evaluateCheck(run, check)).toEqual({ passed: true, reason: 'passed' });
  });
  it.each([
    ['build', { ...run, errors: 'prog.go:1: x' }],
    ['status', { ...run, status: 2 }],
    ['output', { ...run, stdout: 'nope\n' }],
    ['leaked', { ...run, leak: { checked: true, leaked: 2 } }],
    ['leaked', { ...run, leak: { checked: false, leaked: 0 } }],
  ] as const)('fails with reason %s', (reason, r) => {
    expect(evaluateCheck(r, check)).toEqual({ passed: false, reason });
  });
  it('checks stdoutIncludes and lets leaks pass when the exercise allows them', () => {
    const loose = { stdoutIncludes: ['do'], noLeaks: false, status: 0 };
    expect(evaluateCheck({ ...run, leak: { checked: true, leaked: 3 } }, loose).passed).toBe(true);
    expect(evaluateCheck({ ...run, stdout: 'x' }, loose).reason).toBe('output');
  });
});

describe('code themes', () => {
  it('every token colour reads at 5.5:1 or better on its background', async () => {
    for (const theme of await loadThemes()) {
      const bg = theme.type === 'dark' ? BACKGROUND.dark : BACKGROUND.light;
      expect(theme.bg).toBe(bg);
      for (const s of theme.tokenColors ?? []) {
        const fg = s.settings?.foreground;
        if (fg && /^#[0-9a-f]{6}$/i.test(fg)) expect(contrast(fg, bg), `${theme.name} ${String(s.scope)}`).toBeGreaterThanOrEqual(5.5);
      }
    }
  });
});

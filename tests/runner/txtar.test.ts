import { describe, expect, it } from 'vitest';
import { formatTxtar, joinFiles, parseTxtar, splitFiles, TxtarError } from '../../src/lib/runner/txtar.ts';

describe('txtar (golang.org/x/tools/txtar semantics)', () => {
  it('parses comment and files, adding a final newline to the comment and data', () => {
    const a = parseTxtar('comment\n-- a.go --\nA\n-- b/c.go --\nC');
    expect(a).toEqual({
      comment: 'comment\n',
      files: [
        { name: 'a.go', data: 'A\n' },
        { name: 'b/c.go', data: 'C\n' },
      ],
    });
  });

  it('needs markers at the start of a line with the closing " --"', () => {
    expect(parseTxtar('x -- a.go --\n--a.go--\n-- a.go\n').files).toEqual([]);
    expect(parseTxtar('-- a.go --').files).toEqual([{ name: 'a.go', data: '' }]);
    expect(parseTxtar('--  spaced name.go   --\nx\n').files[0].name).toBe('spaced name.go');
  });

  it('keeps the comment empty when the archive starts with a marker', () => {
    expect(parseTxtar('-- a.go --\nA\n').comment).toBe('');
  });

  it('tolerates CRLF marker lines', () => {
    expect(parseTxtar('x\r\n-- a.go --\r\nA\r\n').files[0]).toEqual({ name: 'a.go', data: 'A\r\n' });
  });

  it('formats back to the same text', () => {
    const text = 'hello\n-- a.go --\nA\n-- b.go --\nB\n';
    expect(formatTxtar(parseTxtar(text))).toBe(text);
  });
});

describe('Playground file rules', () => {
  it('treats text before the first marker as prog.go, and a plain program as prog.go alone', () => {
    expect(splitFiles('package main\n')).toEqual([{ name: 'prog.go', data: 'package main\n' }]);
    expect(splitFiles('package main\n-- x.go --\npackage main\n').map((f) => f.name)).toEqual(['prog.go', 'x.go']);
  });

  it('ignores a blank preamble (no prog.go then)', () => {
    expect(splitFiles('\n\n-- main.go --\npackage main\n').map((f) => f.name)).toEqual(['main.go']);
  });

  it('rejects more than 20 files, duplicates, and unsafe names with clear messages', () => {
    const many = Array.from({ length: 21 }, (_, i) => `-- f${i}.go --\n`).join('');
    expect(() => splitFiles(many)).toThrow(/too many files in txtar archive \(21 exceeds limit of 20\)/);
    expect(() => splitFiles('package main\n-- prog.go --\n')).toThrow(/duplicate file name "prog.go"/);
    for (const bad of ['../x.go', '/etc/x.go', 'a//b.go', 'a/./b.go', 'a\\b.go']) {
      expect(() => splitFiles(`-- ${bad} --\n`), bad).toThrow(TxtarError);
    }
    expect(() => splitFiles('   \n')).toThrow(/no files/);
  });

  it('joinFiles is the inverse of splitFiles', () => {
    for (const src of ['package main\n', 'package main\n-- a.go --\nA\n', '-- go.mod --\nmodule play\n-- main.go --\npackage main\n']) {
      expect(splitFiles(joinFiles(splitFiles(src)))).toEqual(splitFiles(src));
    }
    expect(joinFiles([{ name: 'prog.go', data: 'package main\n' }])).toBe('package main\n');
  });
});

/**
 * Just enough of a Go lexer to find top-level function declarations without being fooled by
 * comments, strings, raw strings or runes. Used to rename `func main()` in place and to decide
 * whether a program is a test, like the Playground does with go/parser.
 */

export interface TopLevelFunc {
  name: string;
  /** Offset of the name in the source. */
  nameOffset: number;
  /** True when declared with a receiver (a method). */
  method: boolean;
  /** Parameter list text without the parentheses, whitespace-trimmed. */
  params: string;
  /** Result text between `)` and `{` (trimmed), '' when none. */
  results: string;
}

/** Offsets of code (not comment/string) characters are visited in order; returns top-level funcs. */
export function topLevelFuncs(src: string): TopLevelFunc[] {
  const out: TopLevelFunc[] = [];
  // Mask comments and literals with spaces so simple scanning over the rest is safe; offsets stay.
  const code = maskNonCode(src);
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === 'f' && code.startsWith('func', i) && !isIdent(code[i - 1]) && !isIdent(code[i + 4])) {
      const f = readFunc(code, i + 4);
      if (f) out.push(f);
    }
  }
  return out;
}

function isIdent(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{Nd}_]/u.test(c);
}

function skipSpace(code: string, i: number): number {
  while (i < code.length && /\s/.test(code[i])) i++;
  return i;
}

function matchParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function readFunc(code: string, i: number): TopLevelFunc | null {
  i = skipSpace(code, i);
  let method = false;
  if (code[i] === '(') {
    const close = matchParen(code, i);
    if (close < 0) return null;
    method = true;
    i = skipSpace(code, close + 1);
  }
  const start = i;
  while (isIdent(code[i])) i++;
  if (i === start) return null;
  const name = code.slice(start, i);
  i = skipSpace(code, i);
  if (code[i] === '[') {
    // Type parameters: skip to the matching bracket.
    let depth = 0;
    for (; i < code.length; i++) {
      if (code[i] === '[') depth++;
      else if (code[i] === ']' && --depth === 0) break;
    }
    i = skipSpace(code, i + 1);
  }
  if (code[i] !== '(') return null;
  const close = matchParen(code, i);
  if (close < 0) return null;
  const params = code.slice(i + 1, close).trim();
  const brace = code.indexOf('{', close);
  const nl = code.indexOf('\n', close);
  const resultsEnd = brace >= 0 && (nl < 0 || brace < nl) ? brace : nl < 0 ? code.length : nl;
  return { name, nameOffset: start, method, params, results: code.slice(close + 1, resultsEnd).trim() };
}

/** Replaces comments, string, raw string and rune literals by spaces (newlines kept). */
export function maskNonCode(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const stop = end < 0 ? src.length : end + 1;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      const stop = Math.min(j + 1, src.length);
      blank(i, stop);
      i = stop;
    } else i++;
  }
  return out.join('');
}

/** `package main` (or whatever) from a Go file, skipping comments; '' when not found. */
export function packageName(src: string): string {
  const m = /^\s*package\s+([\p{L}_][\p{L}\p{Nd}_]*)/mu.exec(maskNonCode(src));
  return m ? m[1] : '';
}

/** It is a Test if what follows the prefix does not start with a lower-case letter (go test's rule). */
function isTestName(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  if (name.length === prefix.length) return true;
  const next = name.slice(prefix.length)[0];
  return !(next.toLowerCase() === next && next.toUpperCase() !== next);
}

/**
 * The Playground's rule: prog.go runs as a test when it has no func main and has Test*, Fuzz* or
 * TestMain functions taking one `*T`/`*F`/`*M` (any package qualifier), or Example functions.
 */
export function isTestProgram(src: string): boolean {
  if (packageName(src) !== 'main') return false;
  const funcs = topLevelFuncs(src).filter((f) => !f.method);
  if (funcs.some((f) => f.name === 'main')) return false;
  const testParam = (f: TopLevelFunc) => /^\w+\s+\*(\w+\.)?[TFM]$/.test(f.params) && f.results === '';
  return funcs.some(
    (f) =>
      ((isTestName(f.name, 'Test') || isTestName(f.name, 'Fuzz')) && testParam(f)) ||
      (isTestName(f.name, 'Example') && f.params === '' && f.results === ''),
  );
}

/**
 * Line prefixes that log collectors put in front of every line of a pasted dump, e.g.
 * `2024-05-01T10:00:00.123456Z stderr F ` or `[worker-3] `. We learn the prefix from the first
 * goroutine header and strip anything of the same shape from later lines. Digit runs match digit
 * runs of any length because timestamps trim trailing zeros (RFC 3339 nano) or count up.
 */

export interface LinePrefix {
  /** Literal pieces and digit-run placeholders (null), in order. */
  parts: (string | null)[];
  /** The prefix as first seen, for messages. */
  text: string;
}

const C0 = 48;
const C9 = 57;

function isDigit(c: number): boolean {
  return c >= C0 && c <= C9;
}

/** Builds a prefix pattern from the text that preceded a recognised line; null when it is only whitespace. */
export function learnPrefix(text: string): LinePrefix | null {
  if (text.trim() === '') return null;
  const parts: (string | null)[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      if (lit) parts.push(lit);
      lit = '';
      while (i + 1 < text.length && isDigit(text.charCodeAt(i + 1))) i++;
      parts.push(null);
    } else {
      lit += text[i];
    }
  }
  // Trailing separators (spaces, tabs) vary with alignment; the caller trims leading whitespace anyway.
  lit = lit.replace(/[ \t]+$/, '');
  if (lit) parts.push(lit);
  return { parts, text };
}

/** Index just past the prefix in `line` starting at `from`, or -1 when the line does not carry it. */
export function matchPrefix(p: LinePrefix, line: string, from: number): number {
  let i = from;
  const parts = p.parts;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part === null) {
      if (i >= line.length || !isDigit(line.charCodeAt(i))) return -1;
      i++;
      while (i < line.length && isDigit(line.charCodeAt(i))) i++;
    } else {
      if (!line.startsWith(part, i)) return -1;
      i += part.length;
    }
  }
  return i;
}

/**
 * Line prefixes that log collectors put in front of every line of a pasted dump, e.g.
 * `2024-05-01T10:00:00.123456Z stderr F ` or `[worker-3] `. We learn the prefix from the first
 * goroutine header and strip anything of the same shape from later lines. Digit runs match digit
 * runs of any length because timestamps trim trailing zeros (RFC 3339 nano) or count up.
 */

export interface LinePrefix {
  /** Literal pieces (UTF-8, as the parser reads lines) and digit-run placeholders (null), in order. */
  parts: (Uint8Array | null)[];
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
  const enc = new TextEncoder();
  const parts: (Uint8Array | null)[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      if (lit) parts.push(enc.encode(lit));
      lit = '';
      while (i + 1 < text.length && isDigit(text.charCodeAt(i + 1))) i++;
      parts.push(null);
    } else {
      lit += text[i];
    }
  }
  // Trailing separators (spaces, tabs) vary with alignment; the caller trims leading whitespace anyway.
  lit = lit.replace(/[ \t]+$/, '');
  if (lit) parts.push(enc.encode(lit));
  return { parts, text };
}

/** Index just past the prefix in the UTF-8 bytes `b` starting at `from`, or -1 when the line does not carry it. */
export function matchPrefix(p: LinePrefix, b: Uint8Array, from: number): number {
  let i = from;
  const parts = p.parts;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part === null) {
      if (i >= b.length || !isDigit(b[i])) return -1;
      i++;
      while (i < b.length && isDigit(b[i])) i++;
    } else {
      if (i + part.length > b.length) return -1;
      for (let j = 0; j < part.length; j++) if (b[i + j] !== part[j]) return -1;
      i += part.length;
    }
  }
  return i;
}

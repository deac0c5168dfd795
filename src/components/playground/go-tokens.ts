/**
 * A few-line Go colouring for code the build did not highlight (saved edits, shared links), so it
 * never shows as plain text while the editor loads. Same classes as the touch editor's
 * (codemirror-editor.ts); playground.css colours them. Lines only: a block comment or raw string
 * spanning lines is coloured line by line, good enough for the second or two it shows.
 */
const TOKEN =
  /(\/\/.*$)|("(?:[^"\\]|\\.)*"?|`[^`]*`?|'(?:[^'\\]|\\.)*'?)|\b(break|case|chan|const|continue|default|defer|else|fallthrough|for|func|go|goto|if|import|interface|map|package|range|return|select|struct|switch|type|var)\b|\b(bool|byte|complex64|complex128|error|float32|float64|int|int8|int16|int32|int64|rune|string|uint|uint8|uint16|uint32|uint64|uintptr|any|true|false|nil|iota)\b|\b(\d[\d_.xXa-fA-F]*)\b/g;
const CLASSES = ['lp-tc', 'lp-ts', 'lp-tk', 'lp-tt', 'lp-tn'];

export function highlightGoLine(text: string): (string | HTMLElement)[] {
  const out: (string | HTMLElement)[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const span = document.createElement('span');
    span.className = CLASSES[m.slice(1).findIndex((g) => g !== undefined)]!;
    span.textContent = m[0];
    out.push(span);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

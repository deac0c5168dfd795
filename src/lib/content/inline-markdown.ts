/**
 * The little Markdown that exercise hints use: `code`, **strong**, and *emphasis* (or _emphasis_).
 * Hints are course content, but they reach the page through set:html, so everything else is
 * escaped: a stray `<` in a hint must print as text, never become markup.
 */
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function emphasis(s: string): string {
  return escape(s)
    .replace(/\*\*(?=\S)([^*]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)_(?!\w)/g, '$1<em>$2</em>');
}

export function inlineMarkdown(text: string): string {
  // Code spans first: nothing inside backticks is emphasis (Go's `a*b` or `_ = x` must survive).
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? `<code>${escape(part.slice(1, -1))}</code>` : emphasis(part)))
    .join('');
}

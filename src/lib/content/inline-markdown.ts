/**
 * The little Markdown that exercise hints and task texts (`exerciseTask` in lesson.ts) use: `code`, **strong**, *emphasis* /
 * _emphasis_. Hints are course content, but they reach the page through set:html, so everything
 * else is escaped: a stray `<` in a hint must print as text, never become markup.
 */
import { escapeHtml as escape } from './html.ts';

export function inlineMarkdown(text: string): string {
  let out = '';
  // Code spans first: nothing inside them is emphasis.
  const parts = text.split(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/);
  for (let i = 0; i < parts.length; i += 3) {
    out += emphasis(escape(parts[i]!));
    if (i + 2 < parts.length) out += `<code>${escape(parts[i + 2]!)}</code>`;
  }
  return out;
}

function emphasis(html: string): string {
  return html
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
}

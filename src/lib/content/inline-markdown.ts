/**
 * The little Markdown that exercise hints and task texts use: `code`, **strong**, *emphasis* /
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

/**
 * The task text of an exercise: the paragraphs between the last heading (or Aside/blank block
 * boundary) before `<Exercise id="…" />` and the tag itself, in the lesson's MDX source.
 */
export function exerciseTask(mdx: string, id: string): string[] {
  const lines = mdx.split('\n');
  const at = lines.findIndex((l) => l.includes(`<Exercise id="${id}"`));
  if (at < 0) return [];
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('#') || line.startsWith('<') || line.startsWith('</') || line.startsWith(':::') || line.startsWith('```')) break;
    if (line === '') {
      if (current.length) paragraphs.unshift(joinLines(current));
      current = [];
      continue;
    }
    current.unshift(line);
  }
  if (current.length) paragraphs.unshift(joinLines(current));
  return paragraphs;
}

/** Soft line breaks are a space in English and nothing between Chinese characters. */
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;
function joinLines(lines: string[]): string {
  return lines.reduce((acc, line) => (acc === '' ? line : CJK.test(acc.at(-1)!) || CJK.test(line[0]!) ? acc + line : `${acc} ${line}`), '');
}

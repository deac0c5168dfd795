import { escapeHtml } from '../../lib/content/html.ts';

/** Turns `code` spans of a UI string into <code> elements, escaping everything else. */
export function inlineCode(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

/**
 * Build-time Shiki rendering of a snippet, with the exact themes and grammar engine the editor
 * uses later, so the page shows highlighted code with zero JavaScript and no look change on swap.
 * Both themes are emitted as CSS variables; playground.css picks one from Starlight's data-theme.
 */
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { DARK_THEME, LIGHT_THEME, loadThemes } from './themes.ts';

let highlighter: Promise<HighlighterCore> | undefined;

export async function highlightGo(code: string): Promise<string> {
  highlighter ??= (async () =>
    createHighlighterCore({
      themes: await loadThemes(),
      langs: [import('shiki/langs/go.mjs')],
      engine: createJavaScriptRegexEngine(),
    }))();
  const h = await highlighter;
  return h.codeToHtml(code, {
    lang: 'go',
    themes: { dark: DARK_THEME, light: LIGHT_THEME },
    defaultColor: false,
  });
}

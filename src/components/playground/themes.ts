/**
 * The two code themes shared by the static (build-time) rendering and the Monaco editor, so a
 * snippet looks identical before and after the editor loads. They are Starlight's default Night
 * Owl pair with Starlight's code-block backgrounds, so snippets also match the lesson's other
 * code blocks. Loaded with the highlighter on demand in the browser, never on page load.
 */
import type { ThemeRegistration } from 'shiki/core';

export const DARK_THEME = 'leaklab-dark';
export const LIGHT_THEME = 'leaklab-light';

// Starlight's --sl-color-gray-6 (dark) and --sl-color-gray-7 (light): Monaco needs literal colours.
const BACKGROUND = { dark: '#23262f', light: '#f6f7f9' } as const;

function restyle(theme: ThemeRegistration, name: string, bg: string): ThemeRegistration {
  return {
    ...theme,
    name,
    bg,
    colors: {
      ...theme.colors,
      'editor.background': bg,
      'editorGutter.background': bg,
      'editor.lineHighlightBackground': theme.type === 'dark' ? '#ffffff0d' : '#0000000a',
      'editor.lineHighlightBorder': '#00000000',
    },
  };
}

export async function loadThemes(): Promise<ThemeRegistration[]> {
  const [dark, light] = await Promise.all([import('shiki/themes/night-owl.mjs'), import('shiki/themes/night-owl-light.mjs')]);
  return [
    restyle(dark.default as ThemeRegistration, DARK_THEME, BACKGROUND.dark),
    restyle(light.default as ThemeRegistration, LIGHT_THEME, BACKGROUND.light),
  ];
}

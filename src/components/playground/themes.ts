/**
 * The two code themes shared by the static (build-time) rendering and the Monaco editor, so a
 * snippet looks identical before and after the editor loads. They are Starlight's default Night
 * Owl pair with Starlight's code-block backgrounds, so snippets also match the lesson's other
 * code blocks, and, like Starlight's code blocks, token colours are nudged until they reach a
 * readable contrast (Night Owl's comments and line numbers are too faint for WCAG AA).
 * Loaded with the highlighter on demand in the browser, never on page load.
 */
import type { ThemeRegistration } from 'shiki/core';

export const DARK_THEME = 'leaklab-dark';
export const LIGHT_THEME = 'leaklab-light';

// Starlight's --sl-color-gray-6 (dark) and --sl-color-gray-7 (light): Monaco needs literal colours.
export const BACKGROUND = { dark: '#23262f', light: '#f6f7f9' } as const;
/** Line-number colours at AA contrast on those backgrounds; playground.css uses the same. */
export const LINE_NUMBER = { dark: '#8d9bb0', light: '#5f6b7a' } as const;
/** Expressive Code's default minimum for syntax colours; comfortably above WCAG AA's 4.5. */
const MIN_CONTRAST = 5.5;

function rgb(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const [x, y] = [rgb(a), rgb(b)];
  if (!x || !y) return 21;
  const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Mixes `fg` towards white (dark theme) or black (light theme) until it reads on `bg`. */
export function readable(fg: string, bg: string, dark: boolean): string {
  const c = rgb(fg);
  if (!c || contrast(fg, bg) >= MIN_CONTRAST) return fg;
  const target = dark ? 255 : 0;
  for (let t = 0.05; t <= 1; t += 0.05) {
    const mixed = `#${c
      .map((v) =>
        Math.round(v + (target - v) * t)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrast(mixed, bg) >= MIN_CONTRAST) return mixed;
  }
  return dark ? '#ffffff' : '#000000';
}

function restyle(theme: ThemeRegistration, name: string, mode: 'dark' | 'light'): ThemeRegistration {
  const bg = BACKGROUND[mode];
  const dark = mode === 'dark';
  const settings = (theme.tokenColors ?? theme.settings ?? []).map((s) =>
    s.settings?.foreground ? { ...s, settings: { ...s.settings, foreground: readable(s.settings.foreground, bg, dark) } } : s,
  );
  const fg = readable(theme.colors?.['editor.foreground'] ?? (dark ? '#d6deeb' : '#403f53'), bg, dark);
  return {
    ...theme,
    name,
    bg,
    fg,
    settings,
    tokenColors: settings,
    colors: {
      ...theme.colors,
      'editor.background': bg,
      'editor.foreground': fg,
      'editorGutter.background': bg,
      'editorLineNumber.foreground': LINE_NUMBER[mode],
      'editorLineNumber.activeForeground': LINE_NUMBER[mode],
      'editorLineNumber.dimmedForeground': LINE_NUMBER[mode],
      'editor.lineHighlightBackground': dark ? '#ffffff0d' : '#0000000a',
      'editor.lineHighlightBorder': '#00000000',
    },
  };
}

export async function loadThemes(): Promise<ThemeRegistration[]> {
  const [dark, light] = await Promise.all([import('shiki/themes/night-owl.mjs'), import('shiki/themes/night-owl-light.mjs')]);
  return [
    restyle(dark.default as ThemeRegistration, DARK_THEME, 'dark'),
    restyle(light.default as ThemeRegistration, LIGHT_THEME, 'light'),
  ];
}

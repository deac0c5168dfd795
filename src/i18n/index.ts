/**
 * Our UI strings (Starlight translates its own). Each area defines its strings with
 * `defineStrings`, whose type makes a missing Chinese key a type error, so both locales stay
 * complete. Pure module: used by Astro components at build time and by islands in the browser.
 */
export const locales = ['en', 'zh-cn'] as const;
export type Locale = (typeof locales)[number];

export function defineStrings<const T extends Record<string, string>>(strings: {
  en: T;
  'zh-cn': { [K in keyof T]: string };
}): { en: T; 'zh-cn': { [K in keyof T]: string } } {
  return strings;
}

/** Locale of a site path: `/zh-cn/...` is Chinese, everything else English. */
export function localeFromPath(pathname: string): Locale {
  return /^\/zh-cn(\/|$)/.test(pathname) ? 'zh-cn' : 'en';
}

/** Prefix for links to pages in a locale: '' for English, '/zh-cn' for Chinese. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '' : '/zh-cn';
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

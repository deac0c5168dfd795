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

/** BCP-47 tags of our locales, for Intl and `lang` attributes. */
export const localeTags: Record<Locale, string> = { en: 'en', 'zh-cn': 'zh-CN' };

/** The locale served at the site root; every other locale lives under `/<locale>/`. */
export const defaultLocale: Locale = 'en';

/**
 * The one locale helper: the locale of a site path (`Astro.url.pathname` in components, `location.pathname`
 * in the browser); `/zh-cn/...` is Chinese.
 */
export function localeFromPath(pathname: string): Locale {
  const first = pathname.split('/')[1];
  return locales.find((l) => l !== defaultLocale && l === first) ?? defaultLocale;
}

/** Prefix for links to pages in a locale: '' for English, '/zh-cn' for Chinese. */
export function localePrefix(locale: Locale): string {
  return locale === defaultLocale ? '' : `/${locale}`;
}

/**
 * Site path of a lesson in a locale: `lessonPath('06-sync', 'zh-cn')` → `/zh-cn/learn/06-sync/`;
 * `base` is the site's base path (`/leaklab/` when served under one).
 */
export function lessonPath(slug: string, locale: Locale, base = '/'): string {
  const b = base.endsWith('/') ? base.slice(0, -1) : base;
  return `${b}${localePrefix(locale)}/learn/${slug}/`;
}

/** A site path without its locale prefix: `/zh-cn/learn/02-channels/` → `/learn/02-channels/`. */
export function pathInLocale(pathname: string): string {
  const prefix = localePrefix(localeFromPath(pathname));
  return pathname.slice(prefix.length) || '/';
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

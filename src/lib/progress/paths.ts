import { pathInLocale } from '../../i18n/index.ts';

/** Chapter slug (`02-channels`) of a lesson path such as `/zh-cn/learn/02-channels/`. Tiny on purpose: every page loads it. */
export function chapterOfPath(path: string): string | undefined {
  return /^\/learn\/(\d\d-[a-z0-9-]+)(?:\/|$)/.exec(pathInLocale(path))?.[1];
}

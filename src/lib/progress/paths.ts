/** Chapter slug (`02-channels`) of a lesson path such as `/zh-cn/learn/02-channels/`. Tiny on purpose: every page loads it. */
export function chapterOfPath(path: string): string | undefined {
  return /^(?:\/zh-cn)?\/learn\/(\d\d-[a-z0-9-]+)(?:\/|$)/.exec(path)?.[1];
}

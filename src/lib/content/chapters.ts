/**
 * The twelve chapter slugs, in course order. They are the stable URLs workshops link to
 * (`/learn/<slug>/`), so the sidebar (astro.config.mjs) and the progress catalogue read this one list.
 */
export const CHAPTERS = [
  '01-what-is-a-leak',
  '02-channels',
  '03-abandoned-work',
  '04-context',
  '05-timers',
  '06-sync',
  '07-defer-and-lifetimes',
  '08-pipelines-and-pools',
  '09-finding-leaks',
  '10-testing-for-leaks',
  '11-production',
  '12-checklist',
] as const;

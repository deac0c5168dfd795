import { test, expect, type Locator, type Page } from '@playwright/test';

/**
 * The run verdict's words, on the chapter-9 program the goroutineleak profile is partly blind to
 * (1 goroutine proven, 4 merely blocked): the headline counts the two apart with the inspector's
 * words and colours, links to the chapter section that explains the profile, and on Go 1.26 (no
 * profile) says it cannot prove leaks and offers 1.27. Both locales, real Go, real Chromium.
 */

const LOCALES = [
  {
    locale: 'en',
    prefix: '',
    region: 'Go program goroutineleak-blind.go',
    headline: '1 proven leak · 4 blocked at exit',
    proven: 'proven leak',
    blocked: 'blocked',
    what: 'what’s this?',
    anchor: 'asking-the-runtime-the-goroutineleak-profile',
    inspect: 'Inspect',
    go126: '5 blocked at exit',
    cannot: 'cannot prove which of them leaked',
    useNewer: 'Run with Go 1.27',
  },
  {
    locale: 'zh-cn',
    prefix: '/zh-cn',
    region: 'Go 程序 goroutineleak-blind.go',
    headline: '1 个确认泄漏 · 退出时 4 个阻塞',
    proven: '确认泄漏',
    blocked: '阻塞',
    what: '这是什么？',
    anchor: '直接问运行时goroutineleak-profile',
    inspect: '查看',
    go126: '退出时 5 个阻塞',
    cannot: '无法证明其中哪些已经泄漏',
    useNewer: '用 Go 1.27 运行',
  },
] as const;

async function run(pg: Locator): Promise<void> {
  const before = Number((await pg.getAttribute('data-runs')) ?? 0);
  await pg.locator('[data-action="run"]').first().click();
  await expect(pg).toHaveAttribute('data-runs', String(before + 1), { timeout: 120_000 });
}

const colours = (l: Locator) =>
  l.evaluate((el) => ({ color: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor }));

async function openChapter(page: Page, prefix: string, region: string): Promise<Locator> {
  await page.goto(`${prefix}/learn/09-finding-leaks/`);
  const pg = page.getByRole('region', { name: region, exact: true });
  // The snippet turns into an editor on first touch.
  if ((await pg.getAttribute('data-state')) === 'static') await pg.locator('[data-editor]').click();
  await expect(pg).toHaveAttribute('data-state', 'editor');
  // The version menu shows once the server listed its releases: the default (1.27) applies.
  await expect(pg.locator('[data-goversion-label]')).toBeVisible();
  return pg;
}

for (const l of LOCALES) {
  test.describe(`verdict (${l.locale})`, () => {
    test.use({ viewport: { width: 1280, height: 800 } });
    // Two real Go runs each, on a machine that may be busy.
    test.setTimeout(300_000);

    test('counts proven leaks and blocked goroutines apart, in the inspector’s words and colours', async ({ page }) => {
      const pg = await openChapter(page, l.prefix, l.region);
      await run(pg);
      const verdict = pg.locator('[data-verdict]');
      const head = verdict.locator('.lp-verdict-head');
      await expect(head).toContainText(l.headline);
      await expect(head.locator('[data-kind="leaked"]')).toHaveAttribute('data-count', '1');
      await expect(head.locator('[data-kind="blocked"]')).toHaveAttribute('data-count', '4');
      // Each line's mark says the same two words.
      await expect(verdict.locator('li[data-kind="leaked"] .lp-mark')).toHaveText([l.proven]);
      await expect(verdict.locator('li[data-kind="blocked"] .lp-mark').first()).toHaveText(l.blocked);
      // The file name the learner sees, not prog.go.
      await expect(verdict.locator('li').first()).toContainText('goroutineleak-blind.go:');
      await expect(verdict).not.toContainText('prog.go');
      // "what's this?" leads to the section of this chapter that explains the profile.
      const what = head.getByRole('link', { name: l.what });
      await expect(what).toHaveAttribute('href', `${l.prefix}/learn/09-finding-leaks/#${l.anchor}`);
      await expect(page.locator(`[id="${l.anchor}"]`)).toHaveCount(1);
      await page.screenshot({ path: `test-results/verdict-${l.locale}.png` });

      // The inspector: the same words in the same colours.
      await verdict.getByRole('button', { name: l.inspect, exact: true }).click();
      const chips = pg.locator('[data-inspector] .llv-chip');
      const provenChip = chips.filter({ hasText: new RegExp(`^${l.proven}$`), visible: true }).first();
      const blockedChip = chips.filter({ hasText: new RegExp(`^${l.blocked}$`), visible: true }).first();
      await expect(provenChip).toBeVisible();
      await expect(blockedChip).toBeVisible();
      expect(await colours(provenChip)).toEqual(await colours(head.locator('[data-kind="leaked"]')));
      expect(await colours(blockedChip)).toEqual(await colours(head.locator('[data-kind="blocked"]')));
      await page.screenshot({ path: `test-results/verdict-inspector-${l.locale}.png` });
    });

    test('Go 1.26 cannot prove leaks: the verdict says so and switches to 1.27', async ({ page }) => {
      const pg = await openChapter(page, l.prefix, l.region);
      await pg.locator('[data-goversion]').selectOption('goprev');
      await run(pg);
      const verdict = pg.locator('[data-verdict]');
      await expect(verdict.locator('.lp-verdict-head')).toContainText(l.go126);
      await expect(verdict.locator('.lp-verdict-head [data-kind="leaked"]')).toHaveCount(0);
      await expect(verdict).toContainText(l.cannot);
      await page.screenshot({ path: `test-results/verdict-go126-${l.locale}.png` });
      const before = Number(await pg.getAttribute('data-runs'));
      await verdict.getByRole('button', { name: l.useNewer }).click();
      await expect(pg).toHaveAttribute('data-runs', String(before + 1), { timeout: 120_000 });
      await expect(pg.locator('[data-goversion]')).toHaveValue('');
      await expect(verdict.locator('.lp-verdict-head')).toContainText(l.headline);
      // The choice is remembered for every page: 1.27 again.
      expect(await page.evaluate(() => localStorage.getItem('leaklab:go-backend'))).toBe('');
    });
  });
}

import { test, expect } from '@playwright/test';

test.describe('site foundation', () => {
  test('English home says what the course is and links to chapter 1', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/Goroutine Leak Lab/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('goroutines');
    await page.getByRole('link', { name: 'Start with chapter 1' }).click();
    await expect(page).toHaveURL(/\/learn\/01-what-is-a-leak\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('Chinese home is translated, including Starlight UI', async ({ page }) => {
    await page.goto('/zh-cn/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('别让 goroutine 越积越多');
    await page.getByRole('link', { name: '从第 1 章开始' }).click();
    await expect(page).toHaveURL(/\/zh-cn\/learn\/01-what-is-a-leak\/$/);
    // Starlight's own chrome in Chinese (the "on this page" table of contents).
    await expect(page.getByText('本页内容').first()).toBeAttached();
  });

  test('language switcher moves between the two versions of a chapter', async ({ page }) => {
    await page.goto('/learn/01-what-is-a-leak/');
    const select = page.locator('starlight-lang-select select').first();
    await select.selectOption({ label: '简体中文' });
    await expect(page).toHaveURL(/\/zh-cn\/learn\/01-what-is-a-leak\/$/);
    await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
    await expect(page).toHaveURL(/\/learn\/01-what-is-a-leak\/$/);
  });

  for (const [path, query, expected] of [
    ['/', 'goroutine leak', /\/learn\/01-what-is-a-leak\//],
    ['/zh-cn/', '泄漏', /\/zh-cn\/learn\/01-what-is-a-leak\//],
  ] as const) {
    test(`search finds chapter 1 from ${path}`, async ({ page }) => {
      await page.goto(path);
      await page
        .getByRole('button', { name: /Search|搜索/ })
        .first()
        .click();
      const input = page.getByRole('dialog').getByRole('textbox');
      await input.fill(query);
      const first = page.locator('.pagefind-ui__result-link').first();
      await expect(first).toBeVisible();
      const hrefs = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.some((h) => h && expected.test(h))).toBe(true);
    });
  }

  test('unknown pages get the 404 page', async ({ page }) => {
    const res = await page.goto('/learn/99-nope/');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('404');
  });
});

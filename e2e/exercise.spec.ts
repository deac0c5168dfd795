/**
 * The exercise panel: graded hints rendered as Markdown, and the solution as a separate, explicit
 * reveal (a native <details>) whose "replace my code" button is a second step. Both locales.
 */
import { expect, test } from '@playwright/test';

const cases = [
  {
    path: '/learn/12-checklist/',
    hint: 'Show a hint (1 of 3)',
    kind: 'Hint 1 (a question):',
    reveal: 'Show solution',
    load: 'Replace my code with the solution',
  },
  {
    path: '/zh-cn/learn/12-checklist/',
    hint: '显示提示（第 1 条，共 3 条）',
    kind: '提示 1（一个问题）：',
    reveal: '查看答案',
    load: '用参考答案替换我的代码',
  },
];

for (const c of cases)
  test(`exercise hints and solution reveal (${c.path})`, async ({ page }) => {
    await page.goto(c.path);
    const ex = page.locator(`leak-playground[data-config*='"id":"12-checkout"']`);
    const solution = ex.locator('details.lp-solution');
    await expect(solution).not.toHaveAttribute('open');
    await expect(solution.locator('pre')).toBeHidden();

    await ex.getByRole('button', { name: c.hint }).click();
    const first = ex.locator('[data-hint="0"]');
    await expect(first).toBeVisible();
    await expect(first).toContainText(c.kind);
    // Inline Markdown: `go vet` is a code span and **Inspect** is strong, not literal markup.
    await expect(first.locator('code', { hasText: 'go vet' })).toHaveCount(1);
    await expect(first.locator('strong').nth(1)).toBeVisible();
    await expect(first).not.toContainText('`');
    await expect(ex.locator('[data-hint="1"]')).toBeHidden();

    await ex.locator('details.lp-solution > summary', { hasText: c.reveal }).click();
    await expect(solution).toHaveAttribute('open');
    await expect(solution.locator('pre')).toContainText('defer cancel()');
    await expect(ex.getByRole('button', { name: c.load })).toBeVisible();
  });

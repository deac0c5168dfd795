import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { builtPages } from './support/pages.ts';

const pages = builtPages();

// The embed pages (/embed/<id>/, /zh-cn/embed/<id>/) are one template filled with an exercise's
// title, task and starter: the first of each locale gets the whole audit; the others have their
// own parts (title and task) audited, without loading the editor again.
const EMBED = /^\/(zh-cn\/)?embed\/[^/]+\/$/;
const embeds = pages.filter((p) => EMBED.test(p));
const firstEmbeds = new Set(['en', 'zh-cn'].map((l) => embeds.find((p) => p.startsWith(l === 'en' ? '/embed/' : '/zh-cn/embed/'))));
const fullAudit = pages.filter((p) => !EMBED.test(p) || firstEmbeds.has(p));
const partAudit = embeds.filter((p) => !firstEmbeds.has(p));

// An empty or missing dist/ would otherwise audit nothing and pass.
test('there are built pages to audit', () => {
  expect(pages.length).toBeGreaterThan(0);
  expect(embeds.length, 'the embed template is audited through its pages').toBeGreaterThan(0);
});

async function expectNoSeriousViolations(page: Page, path: string, axe: AxeBuilder): Promise<void> {
  const results = await axe.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(summary, `serious/critical axe violations on ${path}`).toEqual([]);
}

// Every page template and every content page; both themes would double the run, and dark is
// Starlight's default for headless.
for (const path of fullAudit) {
  test(`axe: ${path}`, async ({ page }) => {
    // Auditing the 404 page in place of the real one would pass for the wrong page.
    const response = await page.goto(path);
    expect(response?.ok(), `${path} must load`).toBe(true);
    await expectNoSeriousViolations(page, path, new AxeBuilder({ page }));
  });
}

for (const path of partAudit) {
  test(`axe (title and task): ${path}`, async ({ page }) => {
    // The page's own scripts (the editor) are the template's, audited on the first embed.
    await page.route(/\/_astro\/.*\.js$/, (route) => route.abort());
    const response = await page.goto(path, { waitUntil: 'domcontentloaded' });
    expect(response?.ok(), `${path} must load`).toBe(true);
    await expect(page.locator('h1')).toHaveCount(1);
    const axe = new AxeBuilder({ page }).include('h1');
    if ((await page.locator('[data-task]').count()) > 0) axe.include('[data-task]');
    await expectNoSeriousViolations(page, path, axe);
  });
}

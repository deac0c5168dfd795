import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { builtPages } from './support/pages.ts';

const pages = builtPages();

// An empty or missing dist/ would otherwise audit nothing and pass.
test('there are built pages to audit', () => {
  expect(pages.length).toBeGreaterThan(0);
});

// Every built page, both themes would double the run; dark is Starlight's default for headless.
for (const path of pages) {
  test(`axe: ${path}`, async ({ page }) => {
    // Auditing the 404 page in place of the real one would pass for the wrong page.
    const response = await page.goto(path);
    expect(response?.ok(), `${path} must load`).toBe(true);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const summary = bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
    expect(summary, `serious/critical axe violations on ${path}`).toEqual([]);
  });
}

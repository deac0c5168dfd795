import { readdirSync, readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// A series saved by `leaklab watch --save` from tests/fixtures/watch-service (8 goroutine dumps and
// the goroutineleak profile of each): main.recordAudit leaks, main.worker is a steady pool.
const DIR = new URL('../tests/fixtures/watch-series/', import.meta.url);
const files = readdirSync(DIR)
  .sort()
  .reverse() // the page must order them by time, not by the order they were chosen in
  .map((name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(new URL(name, DIR)) }));

const SHOTS = process.env.LEAKLAB_SHOTS ?? 'test-results/timeline';

async function openPage(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-llv-page]')).toHaveAttribute('data-ready', 'true');
}

const rows = (page: Page) => page.locator('[data-llv-timeline] .llt-list > li');

for (const [path, t] of [
  [
    '/dump/',
    {
      file: 'Choose a file',
      dumps: '8 dumps',
      suspect: 'suspect',
      diff: 'First dump → last dump',
      parked: /goroutines parked here since the first dump/,
      close: 'Close',
    },
  ],
  [
    '/zh-cn/dump/',
    {
      file: '选择文件',
      dumps: '8 个转储',
      suspect: '疑似泄漏',
      diff: '第一个转储 → 最后一个转储',
      parked: /个协程从第一个转储起就停在这里/,
      close: '关闭',
    },
  ],
] as const) {
  test(`timeline of a saved series (${path})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openPage(page, path);
    await page.getByLabel(t.file).first().setInputFiles(files);
    const tl = page.locator('[data-llv-timeline]');
    await expect(tl.locator('[data-llt-summary]')).toContainText(t.dumps);
    await expect(tl.locator('[data-llt-summary]')).toContainText(path === '/dump/' ? 'suspects: 1' : '1 个疑似泄漏');
    // Suspects first, with the same verdict as the CLI; the pool is listed, flat, not a suspect.
    await expect(rows(page).first()).toContainText('main.recordAudit');
    await expect(rows(page).first().locator('.llt-badge')).toHaveText(t.suspect);
    const pool = rows(page).filter({ hasText: 'main.worker' });
    await expect(pool).toHaveCount(1);
    await expect(pool.locator('.llt-badge')).toHaveCount(0);
    await expect(pool).toContainText('8 → 8');
    await expect(rows(page).locator('.llt-badge')).toHaveCount(1);
    // One chart per group, an inline SVG with a text alternative.
    await expect(rows(page).first().locator('svg[role=img] title')).toContainText('main.recordAudit');
    // The single-dump viewer is not shown under a timeline.
    await expect(page.locator('.llv-viewer')).toBeHidden();

    await rows(page).first().getByRole('button').click();
    const detail = page.locator('[data-llt-detail]');
    await expect(detail).toContainText(t.diff);
    await expect(detail.locator('[data-llt-diff]')).toHaveText(/^(5 → 21 goroutines|5 → 21 个协程)$/);
    await expect(detail).toContainText(t.parked);
    await expect(detail.locator('.llv-frame.k-user')).toContainText(['main.recordAudit']);
    await page.screenshot({ path: `${SHOTS}/timeline${path === '/dump/' ? '' : '-zh-cn'}.png`, fullPage: false });

    const axe = await new AxeBuilder({ page }).include('[data-llv-timeline]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    await detail.getByRole('button', { name: t.close }).click();
    await expect(detail).toHaveCount(0);
    await expect(rows(page).first().getByRole('button')).toBeFocused();
  });
}

// The time stamps of the first three samples, for a series of three dumps and their leak profiles.
const FIRST_THREE = files
  .map((f) => f.name)
  .filter((n) => n.startsWith('goroutine-'))
  .sort()
  .slice(0, 3)
  .map((n) => n.slice('goroutine-'.length));

test('dropping a series opens the timeline; one readable dump is not a timeline', async ({ page }) => {
  await openPage(page, '/dump/');
  const drop = page.locator('[data-llv-drop]');
  const dt = await page.evaluateHandle(
    (fs) => {
      const d = new DataTransfer();
      for (const f of fs) d.items.add(new File([f.text], f.name, { type: 'text/plain' }));
      return d;
    },
    files
      .filter((f) => FIRST_THREE.some((stamp) => f.name.endsWith(stamp)))
      .map((f) => ({ name: f.name, text: f.buffer.toString('utf8') })),
  );
  await drop.dispatchEvent('drop', { dataTransfer: dt });
  // Six files: three dumps and their goroutineleak profiles.
  await expect(page.locator('[data-llt-summary]')).toContainText('3 dumps');

  await page
    .getByLabel('Choose a file')
    .first()
    .setInputFiles([
      files.find((f) => f.name.startsWith('goroutine-'))!,
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('a shopping list\n') },
    ]);
  await expect(page.locator('[data-llv-status]')).toContainText('A timeline needs at least two goroutine dumps; 1 could be read.');
  await expect(page.locator('[data-llv-status]')).toContainText('Skipped notes.txt');
  await expect(page.locator('[data-llv-timeline]')).toBeHidden();
});

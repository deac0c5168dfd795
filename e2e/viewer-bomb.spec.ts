/**
 * Issue 18, red team item 11 in the viewer: choosing a 2 MB .pb.gz of zeros (2 GiB unpacked) on
 * /dump/ shows "too large (more than 256 MiB once decompressed)" instead of unpacking it all.
 */
import { test, expect } from '@playwright/test';
import { zeroBomb } from '../tests/dump/bomb.ts';
import { MAX_DECOMPRESSED_MIB } from '../src/lib/dump/limits.ts';

// A loaded machine unpacks 256 MiB slowly; the waits are generous, never a timing assertion.
test.setTimeout(240_000);

test('a gzip bomb chosen on /dump/ is refused as too large, and the viewer still works after', async ({ page }) => {
  await page.goto('/dump/');
  await expect(page.locator('[data-llv-page]')).toHaveAttribute('data-ready', 'true');
  const status = page.getByRole('status').first();
  await page
    .getByLabel('Choose a file')
    .first()
    .setInputFiles({ name: 'goroutine.pb.gz', mimeType: 'application/gzip', buffer: zeroBomb() });
  await expect(status).toContainText(`too large (more than ${MAX_DECOMPRESSED_MIB} MiB once decompressed)`, { timeout: 120_000 });
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/viewer-bomb.png' });

  // The worker is still alive: a real dump opens next.
  await page.getByLabel('Paste a dump', { exact: true }).fill('goroutine 1 [chan send]:\nmain.main()\n\t/tmp/x.go:3 +0x1d\n');
  await page.getByRole('button', { name: 'Show goroutines' }).click();
  await expect(page.getByTestId('total')).toHaveText('1');
});

test('the Chinese viewer says it in Chinese', async ({ page }) => {
  await page.goto('/zh-cn/dump/');
  await expect(page.locator('[data-llv-page]')).toHaveAttribute('data-ready', 'true');
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({ name: 'goroutine.pb.gz', mimeType: 'application/gzip', buffer: zeroBomb() });
  await expect(page.getByRole('status').first()).toContainText(`解压后超过 ${MAX_DECOMPRESSED_MIB} MiB`, { timeout: 120_000 });
});

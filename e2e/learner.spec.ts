import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { decodeShare, encodeShare } from '../src/lib/share/codec.ts';

// Learners: progress that survives reloads, export/import, share links, keyboard shortcuts.
// Real server, real Go runs, real Chromium.

const KEY = 'leaklab:progress';
const EXERCISE = '07-flush-before-exit';
const LESSON = '/learn/07-defer-and-lifetimes/';

async function stored(page: Page): Promise<string | null> {
  return page.evaluate((k) => localStorage.getItem(k), KEY);
}

async function passExercise(page: Page, lesson: string, id: string): Promise<void> {
  await page.goto(lesson);
  const ex = page.locator(`leak-playground[data-config*='"id":"${id}"']`);
  page.on('dialog', (d) => void d.accept());
  await ex.locator('details.lp-solution summary').click();
  await ex.getByRole('button', { name: /Replace my code with the solution|用参考答案替换我的代码/ }).click();
  await expect(ex).toHaveAttribute('data-state', 'editor');
  await ex.getByRole('button', { name: /^(Check|检查)$/ }).click();
  await expect(ex.locator('[data-check-result]')).toContainText(/Well done|做得好/, { timeout: 45_000 });
  await expect(ex.locator('[data-passed]')).toBeVisible();
}

test.describe('progress', () => {
  test('a passed exercise stays marked after a reload, on the exercise, in the overview and the sidebar', async ({ page }) => {
    await passExercise(page, LESSON, EXERCISE);
    await page.reload();
    const ex = page.locator(`leak-playground[data-config*='"id":"${EXERCISE}"']`);
    await expect(ex.locator('[data-passed]')).toBeVisible();

    await page.goto('/progress/');
    const chapter = page.locator('[data-chapter="07-defer-and-lifetimes"]');
    await expect(chapter).toHaveAttribute('data-state', 'passed');
    await expect(chapter.locator(`[data-exercise="${EXERCISE}"]`)).toContainText('(passed)');
    await expect(chapter.locator('[data-visited]')).toContainText('Visited');
    await expect(page.locator('[data-summary]')).toContainText(/1 of \d+ exercises passed/);

    // Sidebar mark on the chapter's link (every page with a sidebar).
    const link = page.locator(`#starlight__sidebar a[href="${LESSON}"]`);
    await expect(link.locator('.ll-mark')).toHaveAttribute('data-kind', 'passed');
    await expect(link).toHaveAccessibleName(/all exercises passed/);
  });

  test('progress exports to a file and imports back; bad files change nothing', async ({ page }) => {
    const seeded = {
      version: 1,
      snippets: { '02-channels/nil-channel': 'package main // mine\n' },
      exercises: { '01-early-return': { passedAt: 1_700_000_000_000 } },
      visited: { '/learn/01-what-is-a-leak/': 1_700_000_000_000 },
    };
    await page.goto('/progress/');
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(seeded)] as const);
    await page.reload();
    await expect(page.locator('[data-chapter="01-what-is-a-leak"]')).toHaveAttribute('data-state', 'passed');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^leaklab-progress-\d{4}-\d\d-\d\d\.json$/);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(file)).toMatchObject({ format: 'goroutine-leak-lab/progress', ...seeded });

    // Reset everything (with confirmation): the overview empties.
    await page.getByRole('button', { name: 'Reset everything' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect(page.locator('[data-chapter="01-what-is-a-leak"]')).not.toHaveAttribute('data-state');
    expect(JSON.parse((await stored(page))!)).toEqual({ version: 1, snippets: {}, exercises: {}, visited: {} });

    // Import the exported file: everything is back.
    const input = page.getByLabel('Progress file to import (JSON)');
    await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect(page.locator('[data-message]')).toContainText('Imported: 1 passed exercises, 1 edited snippets and 1 visited pages');
    await expect(page.locator('[data-chapter="01-what-is-a-leak"]')).toHaveAttribute('data-state', 'passed');
    await expect(page.locator('[data-chapter="02-channels"] [data-edited-list]')).toContainText('nil-channel.go');
    expect(JSON.parse((await stored(page))!)).toEqual(seeded);

    // Bad and foreign files: a specific error, storage untouched.
    const before = await stored(page);
    for (const [content, message] of [
      ['{"name":"my-app","version":"1.0.0"}', 'was not exported by Goroutine Leak Lab'],
      ['this is not json', 'This file is not JSON'],
      [JSON.stringify({ format: 'goroutine-leak-lab/progress', version: 7 }), 'newer version of the lab (format version 7)'],
      [JSON.stringify({ format: 'goroutine-leak-lab/progress', version: 1, snippets: { a: 42 } }), '1 damaged entries'],
    ] as const) {
      await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(content) });
      await expect(page.locator('[data-message]')).toContainText(message);
      await expect(page.locator('[data-message]')).toHaveAttribute('data-kind', 'error');
      await expect(page.locator('[data-message]')).toContainText('Nothing was changed.');
      expect(await stored(page)).toBe(before);
    }

    // An export from the unversioned format migrates.
    await input.setInputFiles({
      name: 'old.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'goroutine-leak-lab/progress', code: { '02-channels/x': 'old' } })),
    });
    await expect(page.locator('[data-message]')).toContainText('older version of the lab and was converted');
    expect(JSON.parse((await stored(page))!).snippets['02-channels/x']).toBe('old');
  });

  test('reset one snippet and one chapter, after confirming', async ({ page }) => {
    await page.goto('/progress/');
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [
      KEY,
      JSON.stringify({
        version: 1,
        snippets: { '02-channels/nil-channel': 'a', '02-channels/range-closed': 'b', play: 'c' },
        exercises: { '01-early-return': { passedAt: 1 } },
        visited: { '/learn/01-what-is-a-leak/': 1, '/learn/02-channels/': 2 },
      }),
    ] as const);
    await page.reload();
    await page.getByRole('button', { name: 'Reset your edits of nil-channel.go' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(JSON.parse((await stored(page))!).snippets['02-channels/nil-channel']).toBe('a');
    await page.getByRole('button', { name: 'Reset your edits of nil-channel.go' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect(page.getByRole('button', { name: 'Reset your edits of nil-channel.go' })).toHaveCount(0);
    await page.getByRole('button', { name: /^Reset chapter 1:/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect(page.locator('[data-chapter="01-what-is-a-leak"]')).not.toHaveAttribute('data-state');
    expect(JSON.parse((await stored(page))!)).toEqual({
      version: 1,
      snippets: { '02-channels/range-closed': 'b', play: 'c' },
      exercises: {},
      visited: { '/learn/02-channels/': 2 },
    });
  });
});

test.describe('share links', () => {
  const leaky = readFileSync('src/components/share/scratch.go', 'utf8').replace('gave up waiting', 'shared and gave up');

  test('a share link opens in /play/ and runs', async ({ page }) => {
    const enc = encodeShare({ code: leaky, from: '07-defer-and-lifetimes/main-returns' });
    if (!enc.ok) throw new Error('encode');
    await page.goto(`/play/${enc.fragment}`);
    await expect(page.locator('[data-play-note]')).toContainText('Shared from');
    const snippet = page.locator('leak-playground');
    await expect(snippet).toContainText('shared and gave up');
    await snippet.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(snippet.locator('[data-term]')).toContainText('shared and gave up', { timeout: 45_000 });
    await expect(snippet.locator('[data-verdict]')).toContainText('1 proven leak');
  });

  test('Share copies a link that carries the code, and warns when it is long', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/play/');
    await expect(page.locator('leak-playground')).toBeVisible();
    await page.getByRole('button', { name: 'Share: copy a link to this code' }).click();
    const status = page.locator('.ll-play-share [data-share-status]');
    await expect(status).toContainText('Link copied');
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/\/play\/#code=/);
    const decoded = decodeShare(new URL(url).hash);
    expect(decoded.ok && decoded.program.code).toBe(readFileSync('src/components/share/scratch.go', 'utf8'));

    // A program that does not compress well makes a link past ~8000 characters: a clear warning.
    let seed = 7;
    const noise = Array.from({ length: 14000 }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
    const long = encodeShare({ code: `package main\n\n// ${noise}\nfunc main() {}\n` });
    if (!long.ok) throw new Error('encode');
    await page.goto(`/play/${long.fragment}`);
    await page.getByRole('button', { name: 'Share: copy a link to this code' }).click();
    await expect(status).toContainText(/This link is [\d,]+ characters long/);
  });

  test('a damaged link shows a clear error and an empty program, not a blank page', async ({ page }) => {
    const enc = encodeShare({ code: leaky });
    if (!enc.ok) throw new Error('encode');
    await page.goto(`/play/${enc.fragment.slice(0, 40)}`);
    await expect(page.locator('[data-play-note][role="alert"]')).toContainText('damaged or cut off');
    await expect(page.locator('leak-playground')).toContainText('func main()');
    await page.goto('/zh-cn/play/#code=@@@');
    await expect(page.locator('[data-play-note][role="alert"]')).toContainText('分享链接已损坏');
    await expect(page.locator('leak-playground')).toBeVisible();
  });
});

test.describe('keyboard', () => {
  test('Alt+Shift+E focuses the editor and Alt+Shift+O the output; Alt+→ goes to the next lesson', async ({ page }) => {
    await page.goto('/play/');
    await page.locator('h1').click();
    await page.keyboard.press('Alt+Shift+E');
    await expect(page.locator('leak-playground [data-editor]')).toHaveAttribute('data-live', /monaco|textarea/);
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-editor]'))).toBe(true);
    await page.keyboard.press('Shift+Enter');
    await expect(page.locator('leak-playground [data-term]')).toContainText('gave up waiting', { timeout: 45_000 });
    await page.keyboard.press('Alt+Shift+O');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-output]'))).toBe(true);

    await page.goto('/learn/01-what-is-a-leak/');
    await page.locator('h1').click();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(page).toHaveURL(/\/learn\/02-channels\/$/);
    // The URL changes when the navigation commits; the new page's key handler exists only once its
    // module scripts have run, which is before the load event.
    await page.waitForLoadState('load');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(page).toHaveURL(/\/learn\/01-what-is-a-leak\/$/);
    await page.waitForLoadState('load');
    await page.keyboard.press('Alt+Shift+H');
    await expect(page).toHaveURL(/\/help\/keyboard\/$/);
    await expect(page.getByRole('table')).toContainText('Next lesson');
  });
});

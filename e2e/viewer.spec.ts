import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { bigDump } from './viewer-dumps.ts';

// The viewer's example dumps, written by real Go 1.27 programs (tests/fixtures/viewer/generate.sh).
const example = (name: string) => readFileSync(new URL(`../public/examples/dumps/${name}`, import.meta.url));

// Dumps written by real Go 1.27 programs (tests/fixtures/dump-programs/regenerate.sh).
const fixture = (name: string) => readFileSync(new URL(`../tests/fixtures/dumps/${name}`, import.meta.url));

async function openPage(page: Page, path = '/dump/') {
  await page.goto(path);
  await expect(page.locator('[data-llv-page]')).toHaveAttribute('data-ready', 'true');
}

// Direct children only: an open group's stack is a nested list of its own.
const groupRows = (page: Page) => page.getByRole('list', { name: /Goroutine groups|Goroutine 分组/ }).locator(':scope > [role=listitem]');

async function seriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).include('[data-llv-page]').analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

test.describe('dump viewer', () => {
  test('paste a dump, filter, open a group, export Markdown', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openPage(page);
    await expect(page.getByText('Nothing is uploaded')).toBeVisible();

    await page.getByLabel('Paste a dump', { exact: true }).fill(example('crawler-debug2.txt').toString('utf8'));
    await page.getByRole('button', { name: 'Show goroutines' }).click();
    await expect(page.getByTestId('total')).toHaveText('59');
    await expect(page.getByRole('list', { name: 'Goroutines per state' })).toContainText('chan send');

    // Proven leaks first: the nil-channel goroutines can never wake and head the list.
    await expect(groupRows(page).first()).toContainText('proven leak');

    await page.getByLabel('Search functions, packages, files').fill('fetchFirst');
    await expect(groupRows(page)).toHaveCount(1);
    const row = groupRows(page).first();
    await expect(row).toContainText('40');
    await row.getByRole('button').first().click();
    await expect(row.getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
    await expect(row.getByRole('list', { name: 'Stack of this group' })).toContainText('main.fetchFirst.func1');
    await expect(row.locator('.llv-frame.k-user')).toHaveCount(1);
    await expect(row.getByRole('link', { name: 'Read the chapter' })).toHaveAttribute('href', /^\/learn\//);
    await expect(row).toContainText('created by');
    await row.getByRole('button', { name: 'Copy this stack' }).click();
    await expect(row.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^40 goroutines \[chan send\]:\nmain\.fetchFirst\.func1\(\)\n\t\/tmp\/gopher\/src\/crawler\/main\.go:21\n/,
    );

    await page.getByLabel('Search functions, packages, files').fill('');
    await page.getByLabel('State', { exact: true }).selectOption({ label: 'sync.WaitGroup.Wait (3)' });
    await expect(groupRows(page)).toHaveCount(1);
    await expect(groupRows(page).first()).toContainText('main.waitAll');
    await groupRows(page).first().getByRole('button').first().click();
    const stack = groupRows(page).first().getByRole('list', { name: 'Stack of this group' });
    await expect(stack).toContainText('sync.runtime_Semacquire');
    await page.getByLabel('Hide runtime and standard-library frames').check();
    await expect(stack).not.toContainText('sync.runtime_Semacquire');
    await expect(stack).toContainText('sync.(*WaitGroup).Wait');
    await expect(groupRows(page).first()).toContainText('1 runtime or standard-library frame hidden');
    await page.getByLabel('State', { exact: true }).selectOption({ value: '' });
    await page.getByLabel('Only proven leaks and blocked').check();
    await expect(page.getByText(/^\d+ of 10 groups/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Copy Markdown' }).click();
    await expect(page.getByText('Markdown copied to the clipboard.')).toBeVisible();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    expect(md).toContain('main.fetchFirst.func1');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download JSON' }).click();
    const json = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(json.total).toBe(59);
  });

  test('keyboard: tabs with arrow keys, rows with arrow keys and Enter', async ({ page }) => {
    await openPage(page);
    await page.getByRole('button', { name: 'Crawler leaking workers (debug=2)' }).click();
    await expect(page.getByTestId('total')).toHaveText('59');
    const first = groupRows(page).first().getByRole('button').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await expect(groupRows(page).nth(1).getByRole('button').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(groupRows(page).nth(1).getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
    // One tab stop for the whole list: Tab goes into the open group's details, not to the next row.
    await groupRows(page).nth(2).getByRole('button').first().focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await expect(groupRows(page).nth(1).getByRole('link', { name: 'Read the chapter' })).toBeFocused();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('llv-row-head'))).toBe(false);
    await page.getByRole('tab', { name: 'Groups' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Creator tree' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Creator tree' })).toContainText('main.fetchFirst.func1');
  });

  test('creator tree shows who started the leaking goroutines', async ({ page }) => {
    // Lessons deep-link to an example.
    await page.goto('/dump/?example=crawler-debug2.txt');
    await expect(page.getByTestId('total')).toHaveText('59');
    await page.getByRole('tab', { name: 'Creator tree' }).click();
    const tree = page.getByRole('list', { name: 'Creator tree' });
    const main = tree.getByRole('button', { name: /main\.main/ }).first();
    await expect(main).toHaveAttribute('aria-expanded', 'true');
    await expect(tree).toContainText('40 goroutines');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await main.click();
    await expect(main).toHaveAttribute('aria-expanded', 'false');
    await expect(tree.getByText('main.fetchFirst.func1')).toBeHidden();
  });

  test('diff view: before/after examples, persistent goroutines first', async ({ page }) => {
    await openPage(page);
    await page.getByRole('button', { name: 'Crawler leaking workers (debug=2)' }).click();
    await expect(page.getByTestId('total')).toHaveText('59');
    await page.getByRole('tab', { name: 'Diff' }).click();
    await page.getByRole('button', { name: 'Load the example pair' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Diff' });
    await expect(panel.getByText(/goroutines present in both/)).toBeVisible();
    const rows = panel.getByRole('row');
    await expect(rows.nth(1)).toContainText('persistent IDs');
    await expect(panel).toContainText('Disappeared');
    const handler = panel.locator('tr', { hasText: 'main.handle.func1' });
    await expect(handler).toContainText('Grown');
    await handler.locator('summary').click();
    await expect(handler.getByRole('list', { name: 'Stack of this group' })).toContainText('/tmp/gopher/src/snapshots/main.go:18');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('binary profile from a file, and friendly errors', async ({ page }) => {
    await openPage(page);
    await page
      .getByLabel('Choose a file')
      .first()
      .setInputFiles({ name: 'goroutine.pb.gz', mimeType: 'application/gzip', buffer: example('crawler.pb.gz') });
    await expect(page.getByTestId('total')).toHaveText('59');
    await expect(page.getByText('pprof profile (proto)')).toBeVisible();

    const status = page.getByRole('status').first();
    await page
      .getByLabel('Choose a file')
      .first()
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\nthis is a shopping list\n') });
    await expect(status).toContainText('does not look like a goroutine dump');
    await page
      .getByLabel('Choose a file')
      .first()
      .setInputFiles({
        name: 'broken.pb.gz',
        mimeType: 'application/gzip',
        buffer: Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      });
    await expect(status).toContainText('could not be decompressed');
    await page.getByRole('button', { name: 'Show goroutines' }).click();
    await expect(status).toContainText('nothing to read');

    // A dump cut off mid-way still shows what was read, with the parser's warning.
    await page.getByLabel('Paste a dump', { exact: true }).fill(example('crawler-debug2.txt').toString('utf8').slice(0, 1500));
    await page.getByRole('button', { name: 'Show goroutines' }).click();
    await expect(page.getByTestId('total')).toHaveText('7');
    await page.getByText('1 parser warning').click();
    await expect(page.getByText(/dump truncated after goroutine \d+/)).toBeVisible();

    // Redirected in Windows PowerShell: UTF-16 with a byte-order mark.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(example('deadlock.txt').toString('utf8'), 'utf16le')]);
    await page.getByLabel('Choose a file').first().setInputFiles({ name: 'ps.txt', mimeType: 'text/plain', buffer: utf16 });
    await expect(page.getByTestId('total')).toHaveText('5');
    await page
      .getByLabel('Choose a file')
      .first()
      .setInputFiles({
        name: 'cat.png',
        mimeType: 'image/png',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      });
    await expect(status).toContainText('binary, but not a pprof goroutine profile');

    // Dropping a file on the input area opens it: here the deadlock a crashed program printed.
    const dt = await page.evaluateHandle(
      (text) => {
        const d = new DataTransfer();
        d.items.add(new File([text], 'crash.log', { type: 'text/plain' }));
        return d;
      },
      'some log line before the crash\n' + example('deadlock.txt').toString('utf8'),
    );
    await page.locator('[data-llv-drop]').dispatchEvent('drop', { dataTransfer: dt });
    await expect(page.getByTestId('total')).toHaveText('5');
    await expect(status).toContainText('crash.log');
  });

  for (const path of ['/dump/', '/zh-cn/dump/']) {
    test(`axe over the whole page ${path}, light and dark`, async ({ page }) => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await openPage(page, path);
        // Starlight's own search button trips label-content-name-mismatch ("Search" vs "Search Ctrl K"): not ours.
        const r = await new AxeBuilder({ page }).exclude('site-search').analyze();
        const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).toEqual([]);
      }
    });
  }

  test('Chinese page is translated', async ({ page }) => {
    await openPage(page, '/zh-cn/dump/');
    await expect(page.getByText('不会上传任何内容')).toBeVisible();
    await page.getByRole('button', { name: '爬虫 worker 泄漏（debug=2）' }).click();
    await expect(page.getByRole('tab', { name: '创建者树' })).toBeVisible();
    await expect(groupRows(page).first()).toContainText('确认泄漏');
    await groupRows(page).first().getByRole('button').first().click();
    await expect(groupRows(page).first().getByRole('link', { name: '阅读相关章节' })).toHaveAttribute('href', /^\/zh-cn\/learn\//);
    // Starlight's language switcher and sidebar work on our page too.
    await expect(page.getByRole('link', { name: '转储查看器' })).toHaveAttribute('aria-current', 'page');
    await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
    await expect(page).toHaveURL(/\/dump\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Goroutine dump viewer');
  });

  test('inline in a lesson: Inspect a leaky run, then jump from a frame to the editor line', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/learn/01-what-is-a-leak/');
    // Loaded on demand only: nothing of the viewer on the lesson page before Inspect.
    await expect(page.locator('#llv-css')).toHaveCount(0);
    const pg = page.getByRole('region', { name: 'Go program first-leak.go' });
    await pg.locator('[data-editor]').click();
    await expect(pg).toHaveAttribute('data-state', 'editor');
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(pg.getByRole('status').filter({ hasText: 'proven leak' })).toBeVisible({ timeout: 60_000 });
    await pg.getByRole('button', { name: 'Inspect' }).click();

    const inline = pg.getByRole('region', { name: 'Leaked goroutines' });
    await expect(inline).toBeVisible();
    await expect(page.locator('#llv-css')).toHaveCount(1);
    const row = inline.getByRole('list', { name: 'Goroutine groups' }).getByRole('listitem').filter({ hasText: 'main.handle.func1' });
    // A lesson's leak is one or two groups: the top one opens by itself.
    await expect(row.getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
    // Inspect has already turned the code towards the cited line: put the cursor on another line first.
    await pg.locator('.monaco-editor .view-line').first().click();
    await expect(pg.locator('.monaco-editor .active-line-number')).not.toHaveText('14');
    await row.getByRole('button', { name: /^Go to line 14 of prog\.go/ }).click();
    await expect(pg.locator('.monaco-editor .active-line-number')).toHaveText('14');
    await inline.getByRole('tab', { name: 'Creator tree' }).click();
    await expect(inline.getByRole('list', { name: 'Creator tree' })).toContainText('main.handle.func1');
    expect(await inline.getByRole('tab', { name: 'Diff' }).count()).toBe(0);

    // The full viewer takes the same dump over, still without any upload.
    await inline.getByRole('link', { name: 'Open in the full viewer' }).click();
    await expect(page).toHaveURL(/\/dump\/#llv-handoff$/);
    await expect(page.getByTestId('total')).toHaveText('3');
  });

  test('a big generated dump: 80,000 goroutines, 21 MB, 2,000 groups', async ({ page }) => {
    test.setTimeout(120_000);
    const text = bigDump(80_000, 2_000);
    await openPage(page);
    await page
      .getByLabel('Choose a file')
      .first()
      .setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await expect(page.getByTestId('total')).toHaveText('80000', { timeout: 60_000 });
    // Virtualised: only the rows near the viewport exist, whatever the number of groups.
    await expect(page.getByText(/of 2001 groups/)).toBeVisible();
    expect(await groupRows(page).count()).toBeLessThan(60);
    const list = page.locator('.llv-scroll');
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect(groupRows(page).first()).not.toHaveAttribute('aria-posinset', '1');
    expect(await groupRows(page).count()).toBeLessThan(60);
    const status = page.locator('[data-llv-status]');
    const ms = Number(await status.getAttribute('data-ms'));
    const parseMs = Number(await status.getAttribute('data-parse-ms'));
    // Reported, not asserted: timing depends on the machine and its load.
    console.log(
      `viewer: 80k goroutines, ${(text.length / 1e6).toFixed(1)} MB debug=2 read, parsed and grouped in the worker in ${ms.toFixed(0)} ms (read+parse ${parseMs.toFixed(0)} ms)`,
    );
    test.info().annotations.push({ type: 'parse+group ms (80k goroutines, 21 MB)', description: ms.toFixed(0) });
  });

  // Opt-in (LEAKLAB_E2E_HUGE=1): writing and reading 100 MB is too heavy for every run on shared machines.
  test('a 100 MB dump streams through the worker', async ({ page }) => {
    test.skip(!process.env.LEAKLAB_E2E_HUGE, 'set LEAKLAB_E2E_HUGE=1 to run');
    test.setTimeout(300_000);
    const file = test.info().outputPath('huge.txt');
    writeFileSync(file, bigDump(440_000, 3_000));
    await openPage(page);
    await page.getByLabel('Choose a file').first().setInputFiles(file);
    await expect(page.getByTestId('total')).toHaveText('440000', { timeout: 240_000 });
    const ms = Number(await page.locator('[data-llv-status]').getAttribute('data-ms'));
    console.log(`viewer: 440k goroutines, 105 MB debug=2 in ${ms.toFixed(0)} ms`);
  });

  test('Go 1.27: proven leaks, pprof labels and their filters, in both locales', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openPage(page);
    const file = page.getByLabel('Choose a file').first();
    await file.setInputFiles({ name: 'leak.txt', mimeType: 'text/plain', buffer: fixture('go127-goroutineleak-debug2.txt') });
    await expect(page.getByTestId('total')).toHaveText('6');
    await expect(page.getByTestId('proven')).toHaveText('5');
    await expect(groupRows(page).filter({ hasText: 'proven leak' })).toHaveCount(2);
    await page.getByLabel('Only proven leaks', { exact: true }).check();
    await expect(groupRows(page)).toHaveCount(2);
    await expect(page.getByRole('status').filter({ hasText: 'groups,' })).toContainText('2 of 3 groups, 5 goroutines');
    // No labels in this dump: no label filter to offer.
    await expect(page.getByLabel('Label', { exact: true })).toBeHidden();

    // A dump with labels: one stack, two handlers, two groups; the filter picks one handler.
    await file.setInputFiles({ name: 'labels.txt', mimeType: 'text/plain', buffer: fixture('go127-labels-panic.txt') });
    await expect(page.getByTestId('total')).toHaveText('7');
    await expect(page.getByTestId('proven')).toHaveCount(0);
    await expect(page.getByLabel('Only proven leaks', { exact: true })).toBeHidden();
    // Each suspect in the summary names its label, so the two handlers' rows are told apart.
    await expect(page.locator('.llv-suspects')).toContainText('handler=/api/orders');
    await expect(groupRows(page).filter({ hasText: 'handler=/api/users' })).toContainText('3');
    await expect(groupRows(page).filter({ hasText: 'handler=/api/orders' })).toContainText('2');
    await page.getByLabel('Label', { exact: true }).selectOption('handler=/api/users');
    await expect(groupRows(page)).toHaveCount(1);
    await expect(groupRows(page).first()).toContainText('handler=/api/users');
    await page.getByRole('button', { name: 'Copy Markdown' }).click();
    await expect(page.getByText('Markdown copied')).toBeVisible();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    expect(md).toContain('labels: `handler=/api/users`');
    expect(md).toContain('labels: `handler=/api/orders`');

    await openPage(page, '/zh-cn/dump/');
    await page
      .getByLabel('选择文件')
      .first()
      .setInputFiles({ name: 'leak.pb.gz', mimeType: 'application/gzip', buffer: fixture('go127-goroutineleak.pb.gz') });
    await expect(page.getByTestId('proven')).toHaveText('5');
    await expect(page.getByText('确认泄漏').first()).toBeVisible();
    await expect(page.getByLabel('只看确认泄漏', { exact: true })).toBeVisible();
  });

  test('the goroutineleak example: proven leaks only, then one handler, in Chinese', async ({ page }) => {
    await openPage(page, '/zh-cn/dump/');
    await page.getByRole('button', { name: 'API 处理函数：Go 1.27 确认泄漏和标签（debug=2）' }).click();
    await expect(page.getByTestId('total')).toHaveText('17');
    await expect(page.getByTestId('proven')).toHaveText('12');
    await expect(groupRows(page)).toHaveCount(5);
    await page.getByLabel('只看确认泄漏', { exact: true }).check();
    await expect(groupRows(page)).toHaveCount(3);
    await expect(groupRows(page).filter({ hasText: 'pool=indexer' })).toHaveCount(0);
    await page.getByLabel('标签', { exact: true }).selectOption('handler=/api/users');
    await expect(groupRows(page)).toHaveCount(1);
    await expect(groupRows(page).first()).toContainText('6');
    await expect(groupRows(page).first()).toContainText('确认泄漏');
    await page.getByLabel('只看确认泄漏', { exact: true }).uncheck();
    await page.getByLabel('标签', { exact: true }).selectOption('pool=indexer');
    await expect(groupRows(page)).toHaveCount(1);
    await expect(groupRows(page).first()).not.toContainText('确认泄漏');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('copy on an insecure origin: the selection fallback copies, a refused copy says so', async ({ page }) => {
    // As on a workshop laptop's http://192.168.x.y address: no navigator.clipboard at all.
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
      const copied: string[] = [];
      (window as unknown as { copied: string[] }).copied = copied;
      document.addEventListener('copy', () => copied.push(String(document.getSelection())));
    });
    await page.goto('/dump/?example=deadlock.txt');
    await expect(page.getByTestId('total')).toHaveText('5');
    const row = groupRows(page).first();
    await row.getByRole('button').first().click();
    await row.getByRole('button', { name: 'Copy this stack' }).click();
    await expect(row.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([
      expect.stringMatching(/^4 goroutines \[chan send\]:/),
    ]);

    // The browser refuses even the fallback: the button and the export say it failed.
    await page.evaluate(() => (document.execCommand = () => false));
    await row.getByRole('button', { name: 'Copied' }).click();
    await expect(row.getByRole('button', { name: 'Copy failed' })).toBeVisible();
    await page.getByRole('button', { name: 'Copy Markdown' }).click();
    await expect(page.getByText('The clipboard is not available here; use the download instead.')).toBeVisible();
  });

  test('small defects: one goroutine, the state chart, the diff, a rejected file', async ({ page }) => {
    await openPage(page);
    const status = page.locator('[data-llv-status]');
    await page.getByLabel('Paste a dump', { exact: true }).fill('goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n');
    await page.getByRole('button', { name: 'Show goroutines' }).click();
    await expect(status).toContainText('1 goroutine from');
    await expect(status).not.toContainText('goroutines');

    // More than eight states: the rest is a labelled row, not a bare ellipsis.
    const states = [
      'chan send',
      'chan receive',
      'select',
      'sleep',
      'IO wait',
      'semacquire',
      'sync.Mutex.Lock',
      'sync.Cond.Wait',
      'syscall',
      'sync.RWMutex.Lock',
    ];
    const many = states.map((st, i) => `goroutine ${i + 2} [${st}]:\nmain.w${i}()\n\t/app/main.go:${i + 10} +0x1d\n`).join('\n');
    await page.getByLabel('Paste a dump', { exact: true }).fill(many);
    await page.getByRole('button', { name: 'Show goroutines' }).click();
    const chart = page.getByRole('list', { name: 'Goroutines per state' });
    await expect(chart.locator('li')).toHaveCount(9);
    await expect(chart.locator('li').last()).toContainText('other states');
    await expect(chart).not.toContainText('…');

    // A rejected file clears the previous results instead of leaving them under the error.
    await expect(page.getByTestId('total')).toBeVisible();
    await page
      .getByLabel('Choose a file')
      .first()
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('a shopping list\n') });
    await expect(status).toContainText('does not look like a goroutine dump');
    await expect(page.getByTestId('total')).toBeHidden();
    await expect(groupRows(page)).toHaveCount(0);

    // The diff of two snapshots lists the goroutine that wrote them once, not as appeared + disappeared.
    await page.getByLabel('Paste a dump', { exact: true }).fill(example('deadlock.txt').toString('utf8'));
    await page.getByRole('button', { name: 'Show goroutines' }).click();
    await page.getByRole('tab', { name: 'Diff' }).click();
    await page.getByRole('button', { name: 'Load the example pair' }).click();
    const appeared = page.locator('tr.d-appeared');
    const disappeared = page.locator('tr.d-disappeared');
    await expect(page.getByText(/goroutines present in both|goroutine present in both/)).toBeVisible();
    const dumping = async (rows: typeof appeared) => (await rows.allTextContents()).filter((t) => t.includes('running')).length;
    expect((await dumping(appeared)) + (await dumping(disappeared))).toBe(0);
  });
});

import { mkdirSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';

/**
 * The learner's loop as a learner walks it: open a lesson, get into the editor, run, read the
 * verdict, inspect, come back to the code. At 1280×800 and 1440×900 with a mouse and with the
 * keyboard only, on a phone (390×844, touch), in both locales, and inside an embed.
 * Screenshots of every screen go to /tmp/loop-shots/ for a person to look at.
 */

const SHOTS = '/tmp/loop-shots';
mkdirSync(SHOTS, { recursive: true });

const CHAPTER_1 = { en: '/learn/01-what-is-a-leak/', 'zh-cn': '/zh-cn/learn/01-what-is-a-leak/' } as const;
const RUN = { en: 'Run', 'zh-cn': '运行' } as const;

/** The element typing goes into: Monaco's edit surface, CodeMirror's content, or a textarea. */
async function typingTarget(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return 'body';
    const editable =
      a.isContentEditable || (a instanceof HTMLTextAreaElement && !a.readOnly) || a.classList.contains('native-edit-context');
    return editable && a.closest('[data-editor]') ? 'editor' : `${a.tagName.toLowerCase()}.${a.className}`;
  });
}

async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + Math.min(box.height, 24) <= vp.height;
}

async function waitRuns(pg: Locator, n: number): Promise<void> {
  await expect(pg).toHaveAttribute('data-runs', String(n), { timeout: 45_000 });
}

const INSPECT = { en: 'Inspect', 'zh-cn': '查看' } as const;

/** Bottom of what Starlight keeps fixed over the top of the page (the nav bar and the top TOC). */
async function coveredTop(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(
      0,
      ...[...document.querySelectorAll('header.header, mobile-starlight-toc nav')]
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.height > 0)
        .map((r) => r.bottom),
    ),
  );
}

/** Where a box's top sits: 'above' (scrolled away or under the fixed header), 'in', or 'below'. */
async function topPlace(page: Page, locator: Locator): Promise<string> {
  const box = await locator.boundingBox();
  if (!box) return 'none';
  const top = await coveredTop(page);
  if (box.y < top - 1) return `above (${Math.round(box.y)} < ${Math.round(top)})`;
  if (box.y + Math.min(box.height, 24) > page.viewportSize()!.height) return `below (${Math.round(box.y)})`;
  return 'in';
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test.describe(`run layout at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    for (const locale of ['en', 'zh-cn'] as const) {
      test(`${locale}: the longest line fits; after Run the editor's top and the verdict's first line are in view; Inspect shows the viewer`, async ({
        page,
      }) => {
        const size = `${viewport.width}x${viewport.height}`;
        await page.goto(CHAPTER_1[locale]);
        const pg = page.locator('leak-playground').first();
        await pg.scrollIntoViewIfNeeded();
        await page.mouse.wheel(0, 1);
        await expect(pg.locator('.monaco-editor .view-line').first()).toBeVisible({ timeout: 30_000 });
        // Chapter 1's longest line (78 columns) ends inside the editor: no horizontal scrolling.
        const overflow = await pg.evaluate((el) => {
          const guard = el.querySelector('.monaco-editor .overflow-guard')!.getBoundingClientRect();
          const ends = [...el.querySelectorAll('.monaco-editor .view-line > span')].map((s) => s.getBoundingClientRect().right);
          return Math.max(...ends) - (guard.right - 14);
        });
        expect(overflow, 'longest line overflows the editor by (px)').toBeLessThanOrEqual(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
        await page.screenshot({ path: `${SHOTS}/layout-${locale}-${size}-1-before.png` });

        await pg.getByRole('button', { name: RUN[locale], exact: true }).click();
        await waitRuns(pg, 1);
        const head = pg.locator('[data-verdict] p').first();
        await expect(head).toBeVisible();
        await expect.poll(() => inViewport(page, head), { message: 'verdict head in the viewport' }).toBe(true);
        await expect.poll(() => topPlace(page, pg.locator('[data-editor]')), { message: "editor's top in the viewport" }).toBe('in');
        await expect.poll(() => topPlace(page, head), { message: 'verdict head clear of the header' }).toBe('in');
        await page.screenshot({ path: `${SHOTS}/layout-${locale}-${size}-2-run.png` });

        await pg.getByRole('button', { name: INSPECT[locale], exact: true }).click();
        const viewer = pg.locator('[data-inspector]');
        await expect(viewer).toBeVisible();
        await expect.poll(() => topPlace(page, viewer), { message: "viewer's top in the viewport" }).toBe('in');
        await page.screenshot({ path: `${SHOTS}/layout-${locale}-${size}-3-inspect.png` });
      });
    }
  });
}

test.describe('keyboard only', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('Alt+Shift+E focuses the editable editor; typing lands in the code', async ({ page }) => {
    await page.goto(CHAPTER_1.en);
    await page.locator('h1').click();
    await page.keyboard.press('Alt+Shift+E');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('// typed by keyboard\n');
    const pg = page.locator('leak-playground').first();
    await expect(pg.locator('.view-lines')).toContainText('typed by keyboard');
  });

  test('Escape then Tab / Shift+Tab leave the editor in both directions; Ctrl+M makes Tab leave for good', async ({ page }) => {
    await page.goto(CHAPTER_1.en);
    await page.locator('h1').click();
    await page.keyboard.press('Alt+Shift+E');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    const pg = page.locator('leak-playground').first();
    // Plain Tab indents: the learner is writing Go.
    await page.keyboard.press('Tab');
    expect(await typingTarget(page)).toBe('editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.lp-foot'))).toBe(true);
    await page.keyboard.press('Alt+Shift+E');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    // Backwards: the last toolbar button before the code.
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.lp-actions'))).toBe(true);
    await page.keyboard.press('Alt+Shift+E');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    await page.keyboard.press('Control+M');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.lp-actions'))).toBe(true);
    await expect(pg).toBeVisible();
  });

  for (const [locale, viewport] of [
    ['en', { width: 1280, height: 800 }],
    ['zh-cn', { width: 1280, height: 800 }],
    ['en', { width: 390, height: 844 }],
    ['zh-cn', { width: 390, height: 844 }],
  ] as const) {
    test(`${locale} at ${viewport.width}×${viewport.height}: a whole run by keyboard: editor → Run (focus stays on Run) → Inspect → back to the editor`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto(CHAPTER_1[locale]);
      await page.locator('h1').click();
      const pg = page.locator('leak-playground').first();
      await page.keyboard.press('Alt+Shift+E');
      await expect.poll(() => typingTarget(page)).toBe('editor');
      // Shift+Tab after Escape reaches the toolbar; walk back to Run.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Shift+Tab');
      const run = pg.getByRole('button', { name: RUN[locale], exact: true });
      for (let i = 0; i < 8 && !(await run.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
      await expect(run).toBeFocused();
      await page.keyboard.press('Enter');
      await waitRuns(pg, 1);
      await expect(run).toBeFocused();
      const inspect = pg.getByRole('button', { name: INSPECT[locale], exact: true });
      await expect(inspect).toBeVisible();
      await expect.poll(() => inViewport(page, pg.locator('[data-verdict] p').first())).toBe(true);
      await inspect.focus();
      await page.keyboard.press('Enter');
      await expect(pg.locator('[data-inspector]')).toBeVisible();
      await expect.poll(() => topPlace(page, pg.locator('[data-inspector]')), { message: "viewer's top in the viewport" }).toBe('in');
      await page.screenshot({ path: `${SHOTS}/keyboard-inspect-${locale}-${viewport.width}x${viewport.height}.png` });
      // The verdict's line link takes the learner back into the code, at that line.
      await pg.locator('[data-verdict] button.lp-link').first().focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => typingTarget(page)).toBe('editor');
      await page.keyboard.press('Alt+Shift+E');
      await expect.poll(() => typingTarget(page)).toBe('editor');
    });
  }

  test('Shift+Enter from the editor runs; Alt+Shift+O then focuses the output', async ({ page }) => {
    await page.goto(CHAPTER_1['zh-cn']);
    await page.locator('h1').click();
    const pg = page.locator('leak-playground').first();
    await page.keyboard.press('Alt+Shift+E');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    await page.keyboard.press('Shift+Enter');
    await waitRuns(pg, 1);
    await page.keyboard.press('Alt+Shift+O');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-output]'))).toBe(true);
  });
});

test.describe('keyboard only: check and format', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('Alt+Shift+C checks the exercise in use and Alt+Shift+F formats it, with focus kept in the editor', async ({ page }) => {
    await page.goto(CHAPTER_1.en);
    const ex = page.locator('leak-playground[data-config*="01-early-return"]');
    await ex.scrollIntoViewIfNeeded();
    await ex.locator('[data-editor]').click();
    await expect(ex).toHaveAttribute('data-state', 'editor');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nvar    spacing = 1\n');
    await page.keyboard.press('Alt+Shift+F');
    await expect(ex.locator('.view-lines')).toContainText('var spacing = 1');
    // Shortcuts, like clicks, are ignored while a format or run is in flight.
    await expect(ex).toHaveAttribute('data-busy', 'false');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    await page.keyboard.press('Alt+Shift+C');
    await waitRuns(ex, 1);
    await expect(ex.locator('[data-check-result]')).toContainText('Not yet');
    await expect.poll(() => inViewport(page, ex.locator('[data-check-result] p'))).toBe(true);
    expect(await typingTarget(page)).toBe('editor');
  });
});

test.describe('embed', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  for (const [locale, theme] of [
    ['en', 'dark'],
    ['zh-cn', 'light'],
  ] as const) {
    test(`${locale}, ?theme=${theme}: monospace code and output, the task text, a height that fits`, async ({ page }) => {
      const lang = locale === 'zh-cn' ? '&lang=zh-cn' : '';
      await page.goto(`/embed-host-example.html?exercise=01-early-return${lang}&theme=${theme}`);
      const frame = page.frameLocator('#lab');
      await expect(frame.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(frame.locator('[data-task]')).toContainText(locale === 'en' ? 'asks two slow backends' : '同时向两个很慢的后端查询');
      await expect(frame.locator('[data-task] code').first()).toHaveText('average');
      const pg = frame.locator('leak-playground');
      await pg.locator('[data-editor]').click();
      await expect(pg).toHaveAttribute('data-state', 'editor');
      await pg.getByRole('button', { name: RUN[locale], exact: true }).click();
      await waitRuns(pg, 1);
      const mono = await frame.locator('body').evaluate(() => {
        const probe = (el: Element | null, text: string) => {
          if (!el) return -1;
          const c = document.createElement('canvas').getContext('2d')!;
          c.font = `14px ${getComputedStyle(el).fontFamily}`;
          // In a monospace font "iiii" and "WWWW" are equally wide.
          return Math.abs(c.measureText(text.replace(/./g, 'i')).width - c.measureText(text.replace(/./g, 'W')).width);
        };
        return {
          editor: probe(document.querySelector('.monaco-editor .view-lines'), 'abcd'),
          output: probe(document.querySelector('.xterm-rows'), 'abcd'),
        };
      });
      expect(mono).toEqual({ editor: 0, output: 0 });
      // The host sizes the frame from the `resize` messages: no inner scrollbar, no empty tail.
      await expect
        .poll(async () => {
          const frameBox = await page.locator('#lab').boundingBox();
          const content = await frame.locator('main').evaluate((m) => m.getBoundingClientRect().height);
          return Math.abs(frameBox!.height - 2 - content) < 24;
        })
        .toBe(true);
      await page.screenshot({ path: `${SHOTS}/embed-${locale}-${theme}.png`, fullPage: true });
    });
  }
});

test.describe('phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  for (const locale of ['en', 'zh-cn'] as const) {
    test(`${locale}: full header title, one-row toolbar, CodeMirror with line numbers, verdict line link scrolls to the line`, async ({
      page,
    }) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(CHAPTER_1[locale]);
      // The site name is not clipped.
      const title = page.locator('.site-title span').first();
      expect(await title.evaluate((s) => s.scrollWidth <= s.clientWidth + 1)).toBe(true);
      const search = await page.locator('site-search button').first().boundingBox();
      const titleBox = await title.boundingBox();
      expect(titleBox!.x + titleBox!.width).toBeLessThanOrEqual(search!.x);
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-header.png` });

      const pg = page.locator('leak-playground').first();
      await pg.locator('[data-editor]').tap();
      await expect(pg.locator('[data-editor]')).toHaveAttribute('data-live', 'codemirror');
      // Line numbers, as cited by verdicts and errors.
      expect(await pg.locator('.cm-lineNumbers .cm-gutterElement').count()).toBeGreaterThan(20);
      await expect(pg.locator('.cm-lineNumbers')).toContainText('14');
      // Highlighted: keywords get their own colour class.
      expect(await pg.locator('.cm-content .lp-tk').count()).toBeGreaterThan(3);
      // Typing lands in the code.
      await pg.locator('.cm-content').tap();
      await expect.poll(() => typingTarget(page)).toBe('editor');
      // One toolbar row: every visible control in the bar shares a row.
      const tops = await pg
        .locator('.lp-bar')
        .evaluate((bar) =>
          [...bar.querySelectorAll<HTMLElement>('button, .lp-name')]
            .filter((b) => b.getClientRects().length > 0)
            .map((b) => Math.round(b.getBoundingClientRect().top + b.getBoundingClientRect().height / 2)),
        );
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(8);
      // Format, Reset, Copy and Share live in the ⋯ menu.
      await pg.getByRole('button', { name: locale === 'en' ? 'More actions' : '更多操作' }).tap();
      await expect(pg.getByRole('button', { name: locale === 'en' ? 'Format' : '格式化' })).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-menu.png` });
      await page.keyboard.press('Escape');

      await pg.getByRole('button', { name: RUN[locale], exact: true }).tap();
      await waitRuns(pg, 1);
      const head = pg.locator('[data-verdict] p').first();
      await expect.poll(() => inViewport(page, head)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-verdict.png` });
      const link = pg.locator('[data-verdict] button.lp-link').first();
      const cited = Number((await link.textContent())!.split(':').pop());
      await link.tap();
      const line = pg.locator('.cm-activeLine');
      await expect(line).toBeVisible();
      await expect.poll(() => inViewport(page, line)).toBe(true);
      const number = await page.evaluate(() => {
        const active = document.querySelector('.cm-activeLineGutter');
        return Number(active?.textContent);
      });
      expect(number).toBe(cited);
      await page.screenshot({ path: `${SHOTS}/phone-${locale}-line.png` });
      expect(requests.filter((u) => /monaco/i.test(u))).toEqual([]);
    });
  }
});

test.describe('state the learner can see', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('an edited snippet shows "edited" after a reload, and Restore brings back the lesson code', async ({ page }) => {
    await page.goto(CHAPTER_1.en);
    const pg = page.locator('leak-playground').first();
    await expect(pg.locator('[data-edited]')).toBeHidden();
    await page.locator('h1').click();
    await page.keyboard.press('Alt+Shift+E');
    await expect.poll(() => typingTarget(page)).toBe('editor');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('// mine\n');
    await expect(pg.locator('[data-edited]')).toBeVisible();
    await page.waitForTimeout(600); // let the debounced save land (400 ms)
    await page.reload();
    await expect(pg.locator('[data-edited]')).toBeVisible();
    await expect(pg.locator('[data-edited]')).toContainText('edited');
    await page.screenshot({ path: `${SHOTS}/edited-badge.png` });
    page.once('dialog', (d) => void d.accept());
    await pg.getByRole('button', { name: 'Restore the lesson’s code' }).click();
    await expect(pg.locator('[data-edited]')).toBeHidden();
    await expect(pg.locator('.view-lines')).not.toContainText('// mine');
  });

  for (const locale of ['en', 'zh-cn'] as const) {
    test(`${locale}: hints render their Markdown code spans`, async ({ page }) => {
      await page.goto(CHAPTER_1[locale]);
      const ex = page.locator('leak-playground[data-config*="01-early-return"]');
      await ex.scrollIntoViewIfNeeded();
      await ex.locator('button[data-action="hint"]').click();
      const hint = ex.locator('[data-hint="0"]');
      await expect(hint).toBeVisible();
      await expect(hint.locator('code').first()).toHaveText('average');
      expect(await hint.textContent()).not.toContain('`');
      await hint.screenshot({ path: `${SHOTS}/hint-${locale}.png` });
    });
  }

  test('the Go version menu appears only when the server offers versions, is remembered, and sends backend=goprev', async ({ page }) => {
    await page.goto(CHAPTER_1.en);
    const pg = page.locator('leak-playground').first();
    await pg.locator('[data-editor]').click();
    await expect(pg).toHaveAttribute('data-state', 'editor');
    // The real server offers Go 1.27 and 1.26: the menu names the release, the default first.
    await expect(pg.locator('[data-version]')).toHaveText('Local runner');
    await expect(pg.locator('[data-goversion-label]')).toBeVisible();
    await expect(pg.locator('[data-goversion] option')).toHaveText(['1.27', '1.26']);
    // A server that offers a single Go has no menu; the label names the version instead.
    await page.route('**/api/version', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as Record<string, unknown>;
      delete body.Versions;
      await route.fulfill({ response: res, json: body });
    });
    await page.reload();
    await pg.locator('[data-editor]').click();
    await expect(pg.locator('[data-version]')).toContainText('go1.');
    await expect(pg.locator('[data-goversion-label]')).toBeHidden();
    await page.unroute('**/api/version');
    await page.reload();
    await pg.locator('[data-editor]').click();
    const menu = pg.getByRole('combobox', { name: 'Go version for runs' });
    await expect(menu).toBeVisible();
    await menu.selectOption('goprev');
    await page.reload();
    await pg.locator('[data-editor]').click();
    await expect(menu).toHaveValue('goprev');
    const compile = page.waitForRequest((r) => r.url().endsWith('/api/compile'));
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    expect(new URLSearchParams((await compile).postData() ?? '').get('backend')).toBe('goprev');
    await waitRuns(pg, 1);
    await pg.locator('.lp-foot').screenshot({ path: `${SHOTS}/go-version-menu.png` });
  });
});

test.describe('workshop and course home', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('opened as 127.0.0.1 the workshop page warns, and a typed address is used by every snippet and remembered', async ({ page }) => {
    await page.goto('/workshop/');
    await expect(page.getByRole('alert').filter({ hasText: 'only works on this laptop' })).toBeVisible();
    await page.getByLabel('Address learners use').fill('192.168.1.20');
    await page.getByRole('button', { name: 'Use in the snippets' }).click();
    const port = new URL(page.url()).port;
    await expect(page.locator('[data-snippet]').first()).toContainText(`src="http://192.168.1.20:${port}/embed/`);
    await page.reload();
    await expect(page.locator('[data-snippet]').last()).toContainText(`src="http://192.168.1.20:${port}/embed/`);
    await page.locator('[data-addr]').screenshot({ path: `${SHOTS}/workshop-address.png` });
    await page.getByLabel('Address learners use').fill('http://localhost');
    await page.getByRole('button', { name: 'Use in the snippets' }).click();
    await expect(page.locator('[data-addr-status]')).toContainText('Type an IP address');
    await page.goto('/zh-cn/workshop/');
    await expect(page.getByRole('alert').filter({ hasText: '只在这台笔记本上有效' })).toBeVisible();
  });

  for (const locale of ['en', 'zh-cn'] as const) {
    test(`${locale}: the home page lists all 12 chapters with minutes and progress, and the tools`, async ({ page }) => {
      const prefix = locale === 'en' ? '' : '/zh-cn';
      await page.goto(`${prefix}/learn/02-channels/`);
      await page.goto(`${prefix}/`);
      const chapters = page.locator('.ll-home-chapters > li');
      await expect(chapters).toHaveCount(12);
      await expect(chapters.nth(11)).toContainText(locale === 'en' ? 'min' : '分钟');
      await expect(chapters.nth(1)).toHaveAttribute('data-progress', 'visited');
      await expect(page.locator('[data-continue] a')).toHaveAttribute('href', `${prefix}/learn/02-channels/`);
      for (const path of ['/dump/', '/play/', '/workshop/'])
        await expect(page.locator(`.ll-home-tools a[href="${prefix}${path}"]`)).toBeVisible();
      await page.locator('.ll-home').screenshot({ path: `${SHOTS}/home-${locale}.png` });
    });
  }
});

import { mkdirSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { encodeShare } from '../src/lib/share/codec.ts';

/**
 * Issue 20's learner journeys, as a learner takes them, in both locales at 1280×800, 1920×1080
 * and on a 390×844 touch phone: first contact with the editor by keyboard, typing before the
 * editor has loaded, reading stacks next to the code, loading a solution, a workshop embed that
 * fits, and the smaller things (phone targets, names, search, the dump viewer, the Go choice).
 * Each journey makes at most one real Go run. Screenshots go to /tmp/learner-shots/ for a person.
 */

const SHOTS = '/tmp/learner-shots';
mkdirSync(SHOTS, { recursive: true });

const LOCALES = ['en', 'zh-cn'] as const;
type Locale = (typeof LOCALES)[number];
const prefix = (l: Locale) => (l === 'en' ? '' : '/zh-cn');
const CHAPTER_1 = (l: Locale) => `${prefix(l)}/learn/01-what-is-a-leak/`;
const T = {
  en: { run: 'Run', inspect: 'Inspect', check: 'Check' },
  'zh-cn': { run: '运行', inspect: '查看', check: '检查' },
} as const;

const SIZES = [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, touch: false },
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, touch: false },
  { name: '390x844', viewport: { width: 390, height: 844 }, touch: true },
] as const;

/** Bottom of what Starlight keeps fixed over the top of the page (nav bar, "On this page" bar). */
function coveredTop(page: Page): Promise<number> {
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

/** Whether the box is on screen: its top below the fixed bars and at least `part` px of it above the bottom. */
async function onScreen(page: Page, locator: Locator, part = 16): Promise<boolean> {
  const box = await locator.boundingBox();
  if (!box) return false;
  const top = await coveredTop(page);
  return box.y >= top - 1 && box.y + Math.min(box.height, part) <= page.viewportSize()!.height;
}

/** The focused element, if it is under the fixed bars (its description), else ''. */
function focusUnderBars(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body || a.closest('header.header, mobile-starlight-toc')) return '';
    const bars = [...document.querySelectorAll('header.header, mobile-starlight-toc nav')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.height > 0)
      .map((r) => r.bottom);
    const r = a.getBoundingClientRect();
    return r.top < Math.max(0, ...bars) - 1 ? `${a.tagName}.${a.className} at ${Math.round(r.top)}` : '';
  });
}

/** Whether the focused element shows a focus indicator (an outline, or a ring on the editor around it). */
function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return false;
    const ring = (n: Element) => {
      const cs = getComputedStyle(n);
      return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow !== 'none' && cs.boxShadow !== '');
    };
    const editor = a.closest('[data-editor]');
    return ring(a) || (!!editor && ring(editor));
  });
}

const inEditor = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('[data-editor]'));

async function waitRuns(pg: Locator, n: number): Promise<void> {
  await expect(pg).toHaveAttribute('data-runs', String(n), { timeout: 60_000 });
}

/** The code the snippet holds now, whichever editor shows it. */
function editorText(pg: Locator): Promise<string> {
  return pg.evaluate((el) => {
    const cm = el.querySelector('.cm-content');
    if (cm) return [...cm.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n');
    const lines = [...el.querySelectorAll('.monaco-editor .view-line')].sort(
      (a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top),
    );
    if (lines.length) return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
    return (el.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? el.querySelector('[data-static]')?.textContent ?? '';
  });
}

for (const size of SIZES) {
  test.describe(`${size.name}${size.touch ? ' touch' : ''}`, () => {
    test.use({ viewport: size.viewport, hasTouch: size.touch, isMobile: size.touch });

    for (const locale of LOCALES) {
      const shot = (page: Page, journey: string) => page.screenshot({ path: `${SHOTS}/${journey}-${locale}-${size.name}.png` });

      test(`${locale}: Tab twice from the first snippet leaves the code and the badge alone, and the focus shows`, async ({ page }) => {
        await page.goto(CHAPTER_1(locale));
        const pg = page.locator('leak-playground').first();
        const original = await pg.evaluate((el) => JSON.parse((el as HTMLElement).dataset.config!).original as string);
        await pg.locator('button[data-action="run"]').focus();
        // The last visible toolbar control, then into the code.
        const last = pg.locator('.lp-bar button:visible').last();
        await last.focus();
        await page.keyboard.press('Tab');
        await expect(pg).toHaveAttribute('data-state', 'editor', { timeout: 30_000 });
        await expect.poll(() => inEditor(page), { message: 'the editor took the focus' }).toBe(true);
        expect(await focusVisible(page), 'the focused editor shows a ring').toBe(true);
        await expect.poll(() => focusUnderBars(page)).toBe('');
        await shot(page, 'tab-1-editor');
        await page.keyboard.press('Tab');
        await expect.poll(() => inEditor(page), { message: 'Tab left the editor' }).toBe(false);
        expect(await focusVisible(page), 'the next control shows its focus').toBe(true);
        await expect.poll(() => focusUnderBars(page)).toBe('');
        await expect(pg.locator('[data-edited]')).toBeHidden();
        // Monaco draws a tab as spaces up to the next stop (4).
        const shown = (await editorText(pg)).trimEnd().replace(/\t/g, '    ');
        expect(shown).toBe(original.trimEnd().replace(/\t/g, '    '));
        await shot(page, 'tab-2-left');
        // Shift+Tab back in and out again: still no trap, still untouched.
        await page.keyboard.press('Shift+Tab');
        await expect.poll(() => inEditor(page)).toBe(true);
        await page.keyboard.press('Shift+Tab');
        await expect.poll(() => inEditor(page)).toBe(false);
        await expect(pg.locator('[data-edited]')).toBeHidden();
        expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('snippet')))).toEqual([]);
      });

      test(`${locale}: text typed right after the first click arrives, on a lesson while the editor loads, on /play/ and in an embed`, async ({
        page,
      }) => {
        // Hold the editor back, so the keys are typed while it loads.
        await page.route('**/_astro/session.*.js', async (route) => {
          await new Promise((r) => setTimeout(r, 1500));
          await route.continue();
        });
        await page.goto(CHAPTER_1(locale));
        let pg = page.locator('leak-playground').first();
        await pg.locator('[data-static] .line').first().scrollIntoViewIfNeeded();
        const click = (target: Locator) => (size.touch ? target.tap() : target.click());
        await click(pg.locator('[data-static] .line').nth(2));
        await page.keyboard.type('// typed early');
        await expect(pg).toHaveAttribute('data-state', 'editor', { timeout: 30_000 });
        await expect.poll(() => editorText(pg)).toContain('// typed early');
        // Where it was clicked: line 3.
        expect((await editorText(pg)).split('\n')[2]).toContain('// typed early');
        await shot(page, 'typed-lesson');

        await page.goto(`${prefix(locale)}/play/`);
        pg = page.locator('leak-playground');
        await click(pg.locator('[data-editor]'));
        await page.keyboard.type('// typed on play');
        await expect.poll(() => editorText(pg)).toContain('// typed on play');
        await shot(page, 'typed-play');

        await page.unroute('**/_astro/session.*.js');
        await page.goto(`${prefix(locale)}/embed/01-early-return/`);
        pg = page.locator('leak-playground');
        await click(pg.locator('[data-editor]'));
        await page.keyboard.type('// typed in embed');
        await expect.poll(() => editorText(pg)).toContain('// typed in embed');
        await shot(page, 'typed-embed');
      });

      test(`${locale}: after Run and Inspect the stack and the code are on screen together; closing returns to the code`, async ({
        page,
      }) => {
        test.setTimeout(120_000); // one real Go run on a shared machine
        await page.goto(CHAPTER_1(locale));
        const pg = page.locator('leak-playground').first();
        await pg.scrollIntoViewIfNeeded();
        await page.mouse.wheel(0, 1);
        await expect(pg).toHaveAttribute('data-state', 'editor', { timeout: 30_000 });
        const run = pg.getByRole('button', { name: T[locale].run, exact: true });
        expect((await run.boundingBox())!.height, 'Run is a 44 px target on a phone').toBeGreaterThanOrEqual(size.touch ? 44 : 20);
        if (size.touch) {
          for (const b of [pg.locator('button[data-action="stop"]'), pg.locator('.lp-more-toggle')])
            expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        }
        await shot(page, 'inspect-0-before');
        await (size.touch ? run.tap() : run.click());
        await waitRuns(pg, 1);
        await expect(pg.locator('[data-verdict] p').first()).toBeVisible();
        await expect.poll(() => onScreen(page, pg.locator('[data-verdict] p').first()), { message: 'verdict on screen' }).toBe(true);
        await shot(page, 'inspect-1-run');
        const cited = pg.locator('[data-verdict] button.lp-link').first();
        const line = Number((await cited.textContent())!.split(':').pop());
        expect(line).toBeGreaterThan(0);
        const inspect = pg.getByRole('button', { name: T[locale].inspect, exact: true });
        await inspect.focus();
        await page.keyboard.press('Enter');
        const inspector = pg.locator('[data-inspector]');
        await expect(inspector).toBeVisible();
        const frame = inspector
          .locator('button, a')
          .filter({ hasText: /\.go:\d+/ })
          .first();
        await expect(frame).toBeVisible();
        await page.waitForTimeout(800); // the smooth scroll
        await expect.poll(() => onScreen(page, frame), { message: 'a stack frame on screen' }).toBe(true);
        // The code stays in view: the editor's visible lines include some code.
        const codeLine = size.touch ? pg.locator('.cm-activeLine') : pg.locator('.monaco-editor .view-line').first();
        await expect.poll(() => onScreen(page, codeLine, 8), { message: 'code on screen beside/above the stack' }).toBe(true);
        if (size.name === '1920x1080') {
          const number = pg.locator('.monaco-editor .line-numbers').filter({ hasText: new RegExp(`^${line}$`) });
          await expect.poll(() => onScreen(page, number), { message: `cited line ${line} on screen` }).toBe(true);
        }
        await expect.poll(() => focusUnderBars(page)).toBe('');
        await shot(page, 'inspect-2-open');
        await page.keyboard.press('Enter'); // the toggle, now "Close inspector"
        await expect(inspector).toBeHidden();
        await expect.poll(() => onScreen(page, pg.locator('[data-editor]'), 8), { message: 'back at the code' }).toBe(true);
        await expect.poll(() => focusUnderBars(page)).toBe('');
        await shot(page, 'inspect-3-closed');
        // Alt+Shift+E: the snippet's name and toolbar clear of the bars.
        await page.keyboard.press('Alt+Shift+E');
        await expect.poll(() => inEditor(page)).toBe(true);
        await expect.poll(() => onScreen(page, pg.locator('.lp-bar'))).toBe(true);
      });

      test(`${locale}: loading the solution shows the editor, marks the change and puts the focus on Check`, async ({ page }) => {
        await page.goto(CHAPTER_1(locale));
        const ex = page.locator('leak-playground[data-config*="01-early-return"]');
        await ex.locator('.lp-solution summary').scrollIntoViewIfNeeded();
        await ex.locator('.lp-solution summary').click();
        const replace = ex.locator('button[data-action="solution"]');
        await replace.scrollIntoViewIfNeeded();
        page.once('dialog', (d) => void d.accept());
        await replace.click();
        const check = ex.getByRole('button', { name: T[locale].check, exact: true });
        await expect(check).toBeFocused({ timeout: 30_000 });
        await expect.poll(() => onScreen(page, check)).toBe(true);
        await expect.poll(() => onScreen(page, ex.locator('[data-editor]'), 40)).toBe(true);
        await expect(ex.locator('[data-edited]')).toBeVisible();
        if (!size.touch) expect(await ex.locator('.lp-changed-line').count()).toBeGreaterThan(0);
        await expect(ex.locator('[data-busy]')).not.toBeEmpty();
        await expect.poll(() => focusUnderBars(page)).toBe('');
        await shot(page, 'solution');
      });

      test(`${locale}: the workshop snippet carries its resize code and the preview, which is that snippet, grows after Check`, async ({
        page,
      }) => {
        test.setTimeout(120_000); // one real Go run on a shared machine
        await page.goto(`${prefix(locale)}/workshop/`);
        const section = page.locator('[data-embed="01-early-return"]');
        await expect(section.locator('[data-snippet]')).toContainText("addEventListener('message'");
        await expect(section.locator('[data-snippet]')).toContainText('e.origin !== new URL(f.src).origin');
        // Nothing on the page is wider than the screen (a phone would zoom the whole page out).
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
        await section.locator('summary').scrollIntoViewIfNeeded();
        await (size.touch ? section.locator('summary').tap() : section.locator('summary').click());
        const iframe = section.locator('iframe');
        const frame = section.frameLocator('iframe');
        const pg = frame.locator('leak-playground');
        await expect(pg).toHaveAttribute('data-state', 'editor', { timeout: 30_000 });
        const fits = async () => {
          const inner = await frame.locator('main').evaluate((m) => m.getBoundingClientRect().height);
          return Math.abs((await iframe.boundingBox())!.height - inner) < 24;
        };
        // Sized by the snippet's own lines from the `resize` messages, not the 760 px it starts at.
        await expect.poll(fits, { message: 'the frame fits its content' }).toBe(true);
        const before = (await iframe.boundingBox())!.height;
        expect(before).not.toBe(760);
        await shot(page, 'workshop-1-preview');
        await pg.getByRole('button', { name: T[locale].check, exact: true }).click();
        await waitRuns(pg, 1);
        await expect.poll(async () => (await iframe.boundingBox())!.height).toBeGreaterThan(before + 40);
        await expect.poll(fits, { message: 'the frame still fits its content' }).toBe(true);
        await iframe.scrollIntoViewIfNeeded();
        await shot(page, 'workshop-2-checked');
      });
    }
  });
}

test.describe('smaller things', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  for (const locale of LOCALES) {
    test(`${locale}: the embed's title is whole at 360 px`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${prefix(locale)}/embed/01-early-return/`);
      const name = page.locator('.lp-name');
      expect(await name.evaluate((n) => n.scrollWidth <= n.clientWidth + 1 && getComputedStyle(n).textOverflow !== 'ellipsis')).toBe(true);
      await page.screenshot({ path: `${SHOTS}/embed-title-${locale}-360.png` });
    });

    test(`${locale}: a shared /play/ link shows coloured, numbered code before the editor loads`, async ({ page }) => {
      await page.route('**/_astro/session.*.js', () => {
        /* never answered: the static code is what shows */
      });
      const code = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("shared")\n}\n';
      const shared = encodeShare({ code });
      if (!shared.ok) throw new Error('could not encode');
      await page.goto(`${prefix(locale)}/play/${shared.fragment}`);
      const pg = page.locator('leak-playground');
      await expect(pg.locator('[data-static] .line')).not.toHaveCount(0);
      expect(await pg.locator('[data-static] .lp-tk').count()).toBeGreaterThan(0);
      const number = await pg
        .locator('[data-static] .line')
        .first()
        .evaluate((l) => getComputedStyle(l, '::before').content);
      expect(number).not.toBe('none');
      await page.screenshot({ path: `${SHOTS}/play-shared-static-${locale}.png` });
    });

    test(`${locale}: choosing a dump example brings its results into view`, async ({ page }) => {
      await page.goto(`${prefix(locale)}/dump/`);
      const example = page.locator('[data-llv-example]').first();
      await example.scrollIntoViewIfNeeded();
      await example.tap();
      const status = page.locator('[data-llv-status]');
      await expect(status).not.toBeEmpty();
      await page.waitForTimeout(800);
      await expect.poll(() => onScreen(page, status)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/dump-example-${locale}.png` });
    });
  }
});

test.describe('a Go version chosen on one page shows on every page', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const locale of LOCALES) {
    test(`${locale}: chapter 1's choice of 1.26 is announced in chapter 2, with the way back`, async ({ page }) => {
      await page.goto(CHAPTER_1(locale));
      const pg = page.locator('leak-playground').first();
      await pg.locator('[data-editor]').click();
      await expect(pg.locator('[data-goversion-label]')).toBeVisible();
      await pg.locator('[data-goversion]').selectOption('goprev');
      await expect(pg.locator('[data-gonote]')).toContainText('1.26');
      await page.goto(`${prefix(locale)}/learn/02-channels/`);
      const other = page.locator('leak-playground').first();
      // Before the snippet's session loads, and after.
      await expect(other.locator('[data-gonote]')).toBeVisible();
      await other.scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 1);
      await expect(other.locator('[data-gonote]')).toContainText('1.27');
      await other.locator('.lp-foot').screenshot({ path: `${SHOTS}/go-note-${locale}.png` });
      await other.locator('[data-gonote] button').click();
      await expect(other.locator('[data-gonote]')).toBeHidden();
      await expect(other.locator('[data-goversion]')).toHaveValue('');
    });
  }

  test('search results hold lesson text, not the widget labels', async ({ page }) => {
    await page.goto('/zh-cn/learn/01-what-is-a-leak/');
    const hits = await page.evaluate(async () => {
      const pagefind = (await import('/pagefind/pagefind.js' as string)) as {
        search(q: string): Promise<{ results: { data(): Promise<{ content: string }> }[] }>;
      };
      const out: string[] = [];
      for (const q of ['恢复课程原始代码', '已修改', 'Restore the lesson’s code']) {
        const r = await pagefind.search(q);
        for (const hit of r.results) {
          const d = await hit.data();
          if (/恢复课程原始代码|已修改|Restore the lesson’s code|Program controls|程序操作/.test(d.content)) out.push(q);
        }
      }
      return out;
    });
    expect(hits).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';

/**
 * The lesson playground against the real server and real Go: Monaco, runs, verdicts, build
 * errors, saved edits and exercises, on real lesson pages.
 */

const CHAPTER_1 = '/learn/01-what-is-a-leak/';
const program = (path: string) => readFileSync(new URL(`../content/programs/${path}`, import.meta.url), 'utf8');

function snippet(page: Page, name: string): Locator {
  return page.getByRole('region', { name: `Go program ${name}`, exact: true });
}

/** Clicks into the snippet's code, as a reader would, and waits until Monaco has replaced it. */
async function editorOf(pg: Locator): Promise<Locator> {
  if ((await pg.getAttribute('data-state')) === 'static') await pg.locator('[data-editor]').click();
  await expect(pg).toHaveAttribute('data-state', 'editor');
  return pg.locator('.monaco-editor').first();
}

/** Replaces the editor's whole text the way a reader would: select all, then paste. */
async function replaceCode(page: Page, pg: Locator, code: string): Promise<void> {
  const editor = await editorOf(pg);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorText(pg)).toContain(code.trim().split('\n').at(-2)!.trim());
}

/** What Monaco shows, with its non-breaking spaces turned back into spaces. */
async function editorText(pg: Locator): Promise<string> {
  return ((await pg.locator('.monaco-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function runAndWait(pg: Locator, button = 'Run'): Promise<void> {
  const before = Number((await pg.getAttribute('data-runs')) ?? 0);
  await pg.getByRole('button', { name: button, exact: true }).click();
  await expect(pg).toHaveAttribute('data-runs', String(before + 1), { timeout: 45_000 });
}

const output = (pg: Locator) => pg.locator('[data-term] .xterm-rows');

test.describe('lesson playground', () => {
  test('static code is highlighted before the editor loads, with no Monaco or xterm on the page', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(CHAPTER_1);
    const last = page.getByRole('region', { name: /^Exercise:/ });
    // Far below the fold: still the build-time rendering.
    await expect(last).toHaveAttribute('data-state', 'static');
    await expect(last.locator('pre.shiki .line').first()).toBeVisible();
    expect(requests.filter((u) => /monaco|xterm|terminal/.test(u))).toEqual([]);
    const before = await last.locator('[data-editor]').boundingBox();
    await editorOf(last);
    const after = await last.locator('[data-editor]').boundingBox();
    // The swap keeps the box: no jump.
    expect(Math.abs(after!.height - before!.height)).toBeLessThanOrEqual(1);
  });

  test('type into Monaco, run with the keyboard, see the output and the backend', async ({ page }) => {
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    const editor = await editorOf(pg);
    await editor.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // Typed key by key, every closing character included: Monaco types over the ones it closed itself,
    // so the text is the same whether or not its auto-closing kept up with the keystrokes.
    await page.keyboard.type('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("typed in monaco") }');
    await expect.poll(() => editorText(pg)).toContain('func main() { fmt.Println("typed in monaco") }');
    await page.keyboard.press('Shift+Enter');
    await expect(output(pg)).toContainText('typed in monaco', { timeout: 45_000 });
    await expect(output(pg)).toContainText('Program exited.');
    await expect(pg.locator('[data-version]')).toHaveText('Local runner');
    await expect(pg.getByRole('combobox', { name: 'Go version for runs' })).toHaveValue('');
    await expect(pg.getByText('No goroutines leaked')).toBeVisible();
  });

  test('stderr and a non-zero exit status are shown, Ctrl+Enter runs too', async ({ page }) => {
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    await replaceCode(
      page,
      pg,
      'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\tfmt.Println("to stdout")\n\tfmt.Fprintln(os.Stderr, "to stderr")\n\tos.Exit(3)\n}\n',
    );
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(output(pg)).toContainText('to stdout', { timeout: 45_000 });
    await expect(output(pg)).toContainText('to stderr');
    await expect(output(pg)).toContainText('Program exited: status 3.');
    // stderr is drawn in red (ANSI red from the xterm theme), stdout in the default colour.
    const stderrColor = await pg
      .locator('.xterm-rows span', { hasText: 'to stderr' })
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    const stdoutColor = await pg
      .locator('.xterm-rows div', { hasText: 'to stdout' })
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    expect(stderrColor).not.toBe(stdoutColor);
  });

  test('a leaky program gets a grouped verdict, the fixed one a clean verdict', async ({ page }) => {
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    await editorOf(pg);
    await runAndWait(pg);
    const verdict = pg.getByRole('status').filter({ hasText: 'proven leaks' });
    await expect(verdict).toContainText('3 proven leaks · 0 blocked at exit');
    // The snippet's own file name, not the prog.go the Playground protocol calls it.
    await expect(verdict).toContainText('3 × chan send — first-leak.go:14 main.handle.func1');
    await expect(output(pg)).toContainText('Program exited.');
    // The harness's dump never shows up as program output.
    await expect(output(pg)).not.toContainText('goroutine 1');

    // The group's location takes the editor to the blocked send.
    await verdict.getByRole('button', { name: 'first-leak.go:14' }).click();
    await expect(pg.locator('.monaco-editor .active-line-number')).toHaveText('14');

    // Inspect opens the dump of the leaked goroutines in place.
    await pg.getByRole('button', { name: 'Inspect' }).click();
    await expect(pg.locator('[data-inspector]')).toBeVisible();
    await expect(pg.locator('[data-inspector]')).toContainText('main.handle.func1');

    // The lesson's fixed version, right below it on the page.
    const fixed = snippet(page, 'first-leak-fixed.go');
    await editorOf(fixed);
    await runAndWait(fixed);
    await expect(fixed.getByText('No goroutines leaked')).toBeVisible();
    await expect(fixed.getByRole('button', { name: 'Inspect' })).toHaveCount(0);
  });

  test('a deadlock offers the dump it died with, and Format runs gofmt', async ({ page }) => {
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    await replaceCode(page, pg, 'package main\nimport "fmt"\nfunc main(){\nch:=make(chan int)\nch<-1\nfmt.Println( <-ch )\n}\n');
    await pg.getByRole('button', { name: 'Format' }).click();
    await expect.poll(() => editorText(pg)).toContain('fmt.Println(<-ch)');
    await expect.poll(() => editorText(pg)).toContain('ch := make(chan int)');

    await runAndWait(pg);
    await expect(output(pg)).toContainText('all goroutines are asleep - deadlock!');
    await expect(output(pg)).toContainText('Program exited: status 2.');
    await expect(pg.getByText('The program died and printed the stack of its 1 goroutine.')).toBeVisible();
    await pg.getByRole('button', { name: 'Inspect the goroutine dump' }).click();
    await expect(pg.locator('[data-inspector]')).toContainText('chan send');
  });

  test('clicking a build error moves the editor cursor to its line', async ({ page }) => {
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    await replaceCode(page, pg, 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("ok")\n\tundefinedThing()\n}\n');
    await runAndWait(pg);
    await expect(output(pg)).toContainText('undefined: undefinedThing');
    await expect(output(pg)).toContainText('Build failed.');
    const problem = pg.getByRole('button', { name: /^prog\.go:7:\d+: undefined: undefinedThing/ });
    await expect(problem).toBeVisible();
    // Put the cursor elsewhere first, so the jump is observable.
    await pg.locator('.monaco-editor .view-line').first().click();
    await expect(pg.locator('.monaco-editor .active-line-number')).toHaveText('1');
    await problem.click();
    await expect(pg.locator('.monaco-editor .active-line-number')).toHaveText('7');
    // And the error is a marker in the editor.
    await expect(pg.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  });

  test('edits are kept across a reload and Reset restores the lesson code', async ({ page }) => {
    await page.goto(CHAPTER_1);
    let pg = snippet(page, 'first-leak.go');
    const edited = program('01-what-is-a-leak/first-leak.go').replace('func main() {', 'func main() { // kept-after-reload');
    await replaceCode(page, pg, edited);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('leaklab:progress') ?? '')).toContain('kept-after-reload');

    await page.reload();
    pg = snippet(page, 'first-leak.go');
    await expect(pg.locator('[data-editor]')).toContainText('kept-after-reload');
    await editorOf(pg);
    await expect(pg.locator('.monaco-editor .view-lines')).toContainText('kept-after-reload');

    page.once('dialog', (d) => d.accept());
    await pg.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(pg.locator('.monaco-editor .view-lines')).not.toContainText('kept-after-reload');
    await page.reload();
    await expect(snippet(page, 'first-leak.go').locator('[data-editor]')).not.toContainText('kept-after-reload');
  });

  test('Stop interrupts a run', async ({ page }) => {
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    // A program that hits the run time limit keeps the request open long enough to stop it.
    // Unique source, so the server's response cache cannot answer before Stop is pressed.
    await replaceCode(page, pg, `package main\n\n// ${Date.now()}\nfunc main() {\n\tfor {\n\t}\n}\n`);
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(pg.getByRole('button', { name: 'Stop' })).toBeEnabled();
    await pg.getByRole('button', { name: 'Stop' }).click();
    await expect(output(pg)).toContainText('Stopped.');
    await expect(pg).toHaveAttribute('data-busy', 'false');
  });

  test('an exercise passes with the solution and stays marked after a reload', async ({ page }) => {
    await page.goto(CHAPTER_1);
    const name = 'Exercise: Return early without leaving a goroutine behind';
    let ex = page.getByRole('region', { name });
    await editorOf(ex);
    await runAndWait(ex, 'Check');
    await expect(ex.getByText(/^Not yet/)).toBeVisible();
    await expect(ex.getByText('Passed ✓')).toBeHidden();

    // Hints unfold one at a time.
    const hints = ex.getByRole('group', { name: 'Hints' });
    await expect(hints.getByRole('listitem')).toHaveCount(0);
    await hints.getByRole('button', { name: /Show a hint \(1 of 3\)/ }).click();
    await expect(hints.getByRole('listitem')).toHaveCount(1);

    page.once('dialog', (d) => d.accept());
    await ex.locator('details.lp-solution summary').click();
    await ex.getByRole('button', { name: 'Replace my code with the solution' }).click();
    await runAndWait(ex, 'Check');
    await expect(ex.getByText(/^Well done/)).toBeVisible();
    await expect(ex.getByText('No goroutines leaked')).toBeVisible();
    await expect(ex.getByText('Passed ✓')).toBeVisible();

    await page.reload();
    ex = page.getByRole('region', { name });
    await expect(ex.getByText('Passed ✓')).toBeVisible();
  });

  test('Chinese lesson pages get Chinese controls', async ({ page }) => {
    await page.goto(`/zh-cn${CHAPTER_1}`);
    const pg = page.getByRole('region', { name: 'Go 程序 first-leak.go' });
    await expect(pg.getByRole('button', { name: '运行', exact: true })).toBeVisible();
    await expect(pg.getByRole('button', { name: '格式化' })).toBeVisible();
    await editorOf(pg);
    await runAndWait(pg, '运行');
    await expect(pg.getByText('3 个确认泄漏', { exact: true })).toBeVisible();
  });
});

test.describe('lesson playground lifetime', () => {
  test('a playground removed from the page stops following page-wide events (its window listeners are gone)', async ({ page }) => {
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    await editorOf(pg);
    // The Go version menu shows once the server has listed its releases; from then on the snippet
    // follows a choice made in any other snippet, announced on window.
    await expect(pg.locator('[data-goversion-label]')).toBeVisible();
    const follows = (goBackend: string) =>
      page.evaluate((goBackend) => {
        const el = [...document.querySelectorAll<HTMLElement>('leak-playground')].find(
          (e) => e.querySelector('.lp-name')?.textContent === 'first-leak.go',
        )!;
        dispatchEvent(new CustomEvent('leaklab:goversion', { detail: { goBackend, from: document.body } }));
        return el.dataset.goBackend;
      }, goBackend);
    expect(await follows('goprev')).toBe('goprev');
    expect(await follows('')).toBe('');
    const after = await page.evaluate(async () => {
      const el = [...document.querySelectorAll<HTMLElement>('leak-playground')].find(
        (e) => e.querySelector('.lp-name')?.textContent === 'first-leak.go',
      )!;
      el.remove();
      await new Promise((r) => setTimeout(r, 0));
      dispatchEvent(new CustomEvent('leaklab:goversion', { detail: { goBackend: 'goprev', from: document.body } }));
      return { goBackend: el.dataset.goBackend, disposed: el.dataset.disposed };
    });
    expect(after).toEqual({ goBackend: '', disposed: 'true' });
    expect(errors).toEqual([]);
  });
});

test.describe('lesson playground backends', () => {
  test('the backend choice is remembered, and a static deployment falls back to the Playground', async ({ page }) => {
    await page.goto(CHAPTER_1);
    let pg = snippet(page, 'first-leak.go');
    await editorOf(pg);
    const select = pg.getByRole('combobox', { name: 'Run on' });
    await expect(select).toHaveValue('server');
    await select.selectOption('playground');
    await page.reload();
    pg = snippet(page, 'first-leak.go');
    // Shown from the saved choice even before the snippet's session loads.
    await expect(pg.getByRole('combobox', { name: 'Run on' })).toHaveValue('playground');
    await page.evaluate(() => localStorage.removeItem('leaklab:backend'));

    // No /api on the host (a static deployment): "This server" is unavailable.
    await page.route('**/api/version', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.reload();
    pg = snippet(page, 'first-leak.go');
    await editorOf(pg);
    await expect(pg).toHaveAttribute('data-backend', 'playground');
    await expect(pg.getByRole('option', { name: 'This server' })).toBeDisabled();
  });
});

test.describe('lesson playground on a touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a plain textarea replaces Monaco and still runs with a verdict', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(CHAPTER_1);
    const pg = snippet(page, 'first-leak.go');
    await pg.locator('[data-editor]').tap();
    await expect(pg).toHaveAttribute('data-state', 'editor');
    const area = pg.getByRole('textbox', { name: /Go source code of/ });
    await expect(area).toBeVisible();
    await area.fill(program('01-what-is-a-leak/first-leak-fixed.go'));
    await pg.getByRole('button', { name: 'Run', exact: true }).tap();
    await expect(pg.getByText('No goroutines leaked')).toBeVisible({ timeout: 45_000 });
    expect(requests.filter((u) => /monaco/i.test(u))).toEqual([]);
  });
});

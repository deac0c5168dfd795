// copyText in real Chromium: the Clipboard API on a secure origin, the selection fallback when the
// API is missing (plain http) or refused, and a clean page whichever path ran.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripTypeScriptTypes } from 'node:module';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === 'true') {
  throw new Error(`tests/shared/clipboard.test.ts needs Chromium at ${CHROMIUM} (scripts/setup-machine.sh installs it)`);
}

// The module as the browser gets it: types erased, export made a global for the page to call.
const source = stripTypeScriptTypes(readFileSync('src/components/shared/clipboard.ts', 'utf8')).replace(
  'export async function copyText',
  'window.copyText = async function copyText',
);
const html = `<!doctype html><meta charset="utf-8"><title>clipboard</title>
<input id="before" aria-label="before"><button id="go">copy</button><p id="out"></p>
<script>${source}
document.getElementById('go').addEventListener('click', async () => {
  document.getElementById('out').textContent = String(await window.copyText(window.textToCopy));
});
</script>`;

describe.skipIf(!haveChromium)('copyText in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    // 127.0.0.1 counts as a secure origin, so navigator.clipboard exists unless a test removes it.
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(setup?: string): Promise<Page> {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    // Keep a reader for the assertions before a test takes the API away from the page's code.
    await page.addInitScript(`window.readClipboard = navigator.clipboard.readText.bind(navigator.clipboard); ${setup ?? ''}`);
    await page.goto(origin);
    return page;
  }

  async function copyByClick(page: Page, text: string): Promise<{ result: string; clipboard: string; textareas: number; focused: string }> {
    await page.evaluate((t) => ((window as unknown as { textToCopy: string }).textToCopy = t), text);
    await page.focus('#before');
    // A real click: the fallback command needs the user activation it brings.
    await page.click('#go');
    await expect.poll(() => page.textContent('#out')).not.toBe('');
    await page.focus('#before');
    return page.evaluate(async () => ({
      result: document.getElementById('out')!.textContent!,
      clipboard: await (window as unknown as { readClipboard: () => Promise<string> }).readClipboard(),
      textareas: document.querySelectorAll('textarea').length,
      focused: document.activeElement?.id ?? '',
    }));
  }

  it('copies with the Clipboard API on a secure origin', async () => {
    const page = await open();
    expect(await copyByClick(page, 'go func() { <-ch }()')).toEqual({
      result: 'true',
      clipboard: 'go func() { <-ch }()',
      textareas: 0,
      focused: 'before',
    });
    await page.context().close();
  });

  it('falls back to the selection command where navigator.clipboard does not exist (plain http)', async () => {
    const page = await open(`Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });`);
    expect(await page.evaluate(() => navigator.clipboard)).toBeUndefined();
    expect(await copyByClick(page, 'fallback 1')).toEqual({ result: 'true', clipboard: 'fallback 1', textareas: 0, focused: 'before' });
    await page.context().close();
  });

  it('falls back when the Clipboard API refuses', async () => {
    const page = await open(`Clipboard.prototype.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));`);
    expect(await copyByClick(page, 'fallback 2')).toEqual({ result: 'true', clipboard: 'fallback 2', textareas: 0, focused: 'before' });
    await page.context().close();
  });

  it('reports false, leaving the page as it was, when both ways fail', async () => {
    const page = await open(
      `Clipboard.prototype.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
       Document.prototype.execCommand = () => false;`,
    );
    const got = await copyByClick(page, 'nothing');
    expect(got).toMatchObject({ result: 'false', textareas: 0, focused: 'before' });
    expect(got.clipboard).not.toBe('nothing');
    await page.context().close();
  });
});

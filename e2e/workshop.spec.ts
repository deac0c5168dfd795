import { existsSync, readdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';

// Workshops: embeddable exercises that talk to their host page, and the instructor page.

const EXERCISE = '07-flush-before-exit';

test('an embedded exercise posts ready, run and passed to its host page', async ({ page }) => {
  // Collect every message the host window receives, as a host page script would.
  await page.addInitScript(() => {
    (window as unknown as { msgs: unknown[] }).msgs = [];
    addEventListener('message', (e) => (window as unknown as { msgs: unknown[] }).msgs.push({ origin: e.origin, data: e.data }));
  });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`/embed-host-example.html?exercise=${EXERCISE}`);
  const log = page.locator('#log');
  await expect(log.locator('li[data-type="ready"]')).toHaveCount(1);

  const frame = page.frameLocator('#lab');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'en');
  await frame.locator('details.lp-solution summary').click();
  await frame.getByRole('button', { name: 'Replace my code with the solution' }).click();
  await frame.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(log.locator('li[data-type="passed"]')).toHaveCount(1, { timeout: 45_000 });
  await expect(page.locator('#count')).toHaveText('1');

  const msgs = await page.evaluate(() => (window as unknown as { msgs: { origin: string; data: Record<string, unknown> }[] }).msgs);
  const ours = msgs.filter((m) => (m.data as { source?: string })?.source === 'leaklab');
  const types = ours.map((m) => m.data.type);
  expect(types[0]).toBe('ready');
  expect(types.indexOf('run')).toBeGreaterThan(0);
  expect(types.indexOf('passed')).toBeGreaterThan(types.indexOf('run'));
  const passed = ours.find((m) => m.data.type === 'passed')!;
  expect(passed.origin).toBe(new URL(page.url()).origin);
  expect(passed.data).toMatchObject({ source: 'leaklab', type: 'passed', exercise: EXERCISE, detail: { id: EXERCISE } });
  expect(ours.find((m) => m.data.type === 'run')!.data.detail).toMatchObject({ check: true });
});

test('a failed check is reported to the host page with its reason', async ({ page }) => {
  await page.goto(`/embed-host-example.html?exercise=${EXERCISE}`);
  const frame = page.frameLocator('#lab');
  await frame.getByRole('button', { name: 'Check', exact: true }).click();
  const failed = page.locator('#log li[data-type="failed"]');
  await expect(failed).toHaveCount(1, { timeout: 45_000 });
  await expect(failed).toContainText(EXERCISE);
  await expect(failed).toContainText('"reason"');
});

test('the Chinese embed page is Chinese, with no course chrome', async ({ page }) => {
  await page.goto(`/zh-cn/embed/${EXERCISE}/`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '检查' })).toBeVisible();
  await expect(page.locator('#starlight__sidebar')).toHaveCount(0);
  await expect(page.locator('header')).toHaveCount(0);
});

test('the instructor page lists every exercise with a working snippet, copy button and preview', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/workshop/');
  const ids = readdirSync('content/exercises')
    .filter((d) => existsSync(`content/exercises/${d}/exercise.json`))
    .sort();
  const sections = page.locator('[data-embed]');
  await expect(sections).toHaveCount(ids.length);
  expect(await sections.evaluateAll((els) => els.map((e) => e.getAttribute('data-embed')).sort())).toEqual(ids);
  await expect(page.getByText('npm start -- --host 0.0.0.0 --port 4321', { exact: false }).first()).toBeVisible();

  const origin = new URL(page.url()).origin;
  const section = page.locator(`[data-embed="${EXERCISE}"]`);
  const snippet = section.locator('[data-snippet]');
  await expect(snippet).toContainText(`<iframe id="leaklab-${EXERCISE}" src="${origin}/embed/${EXERCISE}/"`);
  // The snippet follows the frame's resize messages, from that frame's origin only.
  await expect(snippet).toContainText('e.origin !== new URL(f.src).origin');
  await section.getByRole('button', { name: /^Copy the embed code/ }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.textContent());

  // The preview loads only when opened.
  const frame = section.locator('iframe');
  await expect(frame).not.toHaveAttribute('src');
  await section.getByText('Preview').click();
  await expect(frame).toHaveAttribute('src', `/embed/${EXERCISE}/`);
  await expect(page.frameLocator(`[data-embed="${EXERCISE}"] iframe`).getByRole('button', { name: 'Check', exact: true })).toBeVisible();
});

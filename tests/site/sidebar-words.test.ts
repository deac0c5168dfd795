/** The sidebar's tool names (astro.config.mjs, which cannot import our strings) must read as the home page's. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { homeStrings } from '../../src/i18n/strings/home.ts';

const config = readFileSync(new URL('../../astro.config.mjs', import.meta.url), 'utf8');

describe('sidebar translations', () => {
  it('name every tool as home.ts does, in both locales', () => {
    const tools = [
      ['/dump/', 'toolViewer'],
      ['/play/', 'toolPlayground'],
      ['/progress/', 'toolProgress'],
      ['/workshop/', 'toolWorkshop'],
    ] as const;
    for (const [link, key] of tools) {
      const m = new RegExp(`label: '([^']+)', translations: \\{ 'zh-CN': '([^']+)' \\}, link: '${link}'`).exec(config);
      expect(m, link).not.toBeNull();
      expect([m![1], m![2]]).toEqual([homeStrings.en[key], homeStrings['zh-cn'][key]]);
    }
  });
});

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './content/docs' }),
    schema: docsSchema(),
  }),
  // Overrides of Starlight's own UI strings; ours live in src/i18n/strings/.
  i18n: defineCollection({
    loader: glob({ pattern: '*.json', base: './content/i18n' }),
    schema: i18nSchema(),
  }),
};

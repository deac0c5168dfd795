// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://leaklab.example',
  trailingSlash: 'always',
  server: { host: '127.0.0.1', port: 4321 },
  integrations: [
    starlight({
      title: { en: 'Goroutine Leak Lab', 'zh-CN': 'Goroutine 泄漏实验室' },
      description: 'Learn to recognise, find and fix goroutine leaks in Go, by running real programs.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      logo: { src: './src/assets/logo.svg', alt: 'Goroutine Leak Lab' },
      favicon: '/favicon.svg',
      customCss: ['./src/styles/theme.css'],
      components: { Sidebar: './src/components/overrides/Sidebar.astro' },
      sidebar: [
        {
          label: 'Course',
          translations: { 'zh-CN': '课程' },
          items: [{ autogenerate: { directory: 'learn' } }],
        },
        {
          label: 'Tools',
          translations: { 'zh-CN': '工具' },
          items: [
            { label: 'Dump viewer', translations: { 'zh-CN': '堆栈查看器' }, link: '/dump/' },
          ],
        },
      ],
      lastUpdated: false,
      pagination: true,
    }),
  ],
});

// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { playgroundVite } from './src/playground/vite.mjs';

// GitHub Pages: SITE=https://<user>.github.io BASE=/<repo>/ npm run build
const site = process.env.SITE || 'https://example.github.io';
const base = process.env.BASE || '/';

export default defineConfig({
  site,
  base,
  integrations: [
    starlight({
      title: 'Kubernetes 基础笔记',
      defaultLocale: 'root',
      locales: { root: { label: '简体中文', lang: 'zh-CN' } },
    }),
    mdx(),
  ],
  vite: playgroundVite(),
});

// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { playgroundVite } from './src/playground/vite.mjs';
import { chapters, fullTextPath, normalizeBase } from './src/utils/book.mjs';
import { rehypeBaseLinks } from './src/utils/rehype-base-links.mjs';
import { pagefindRanking } from './src/utils/search.mjs';

// GitHub Pages: SITE=https://<user>.github.io BASE=/<repo>/ npm run build
const site = process.env.SITE || 'https://example.github.io';
const base = normalizeBase(process.env.BASE || '/');
const ogImage = new URL(`${base}og.png`, site).href;

export default defineConfig({
  site,
  base,
  markdown: {
    // The notes' text stays as written: no "--" → "–" or curly quotes.
    smartypants: false,
    // Root-absolute links written in the chapters (`[探针](/probes/)`) get the base.
    rehypePlugins: [[rehypeBaseLinks, { base }]],
  },
  integrations: [
    starlight({
      title: 'Kubernetes 基础笔记',
      description: 'K8s基础篇-基本概念：一本可以动手运行的 Kubernetes 中文学习笔记，每章都有模拟集群 Playground。',
      defaultLocale: 'root',
      locales: { root: { label: '简体中文', lang: 'zh-CN' } },
      favicon: '/favicon.svg',
      // src/pages/404.astro replaces Starlight's 404 route.
      disable404Route: true,
      customCss: ['./src/styles/book.css'],
      pagefind: { ranking: pagefindRanking },
      // The chapters live in ./content, outside src/content/docs: give them Starlight's Markdown
      // features too (asides such as :::note[校注], heading anchor links).
      markdown: { processedDirs: ['./content/'] },
      // Keep first-line comments such as `# kubectl run nginx --image=nginx:1.23` in the code.
      expressiveCode: { frames: { extractFileNameFromCode: false } },
      head: [
        { tag: 'meta', attrs: { property: 'og:locale', content: 'zh_CN' } },
        { tag: 'meta', attrs: { property: 'og:image', content: ogImage } },
        { tag: 'meta', attrs: { property: 'og:image:width', content: '1200' } },
        { tag: 'meta', attrs: { property: 'og:image:height', content: '630' } },
        { tag: 'meta', attrs: { property: 'og:image:alt', content: 'Kubernetes 基础笔记：可以动手运行的中文学习笔记' } },
        { tag: 'meta', attrs: { name: 'twitter:image', content: ogImage } },
        { tag: 'link', attrs: { rel: 'icon', href: `${base}favicon.png`, type: 'image/png', sizes: '32x32' } },
      ],
      sidebar: [
        { label: '章节', items: chapters.map((c) => ({ slug: c.slug })) },
        { label: '全文（单页）', link: `/${fullTextPath}` },
      ],
    }),
    mdx(),
  ],
  vite: playgroundVite(),
});

// Content collections: the book's chapters live in the top-level `content/` folder (one MDX file
// per chapter, plus the home page). Sub-folders (`manifests/`, `source/`, `i18n/`)
// are not pages. Starlight's UI strings for zh-CN are completed from `content/i18n/zh-CN.json`.
import { readFile } from 'node:fs/promises';
import { defineCollection, z } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

/**
 * Loads `content/i18n/<lang>.json` entries keyed by language tag. Starlight derives the language
 * from an entry's file path under `src/content/i18n/`, so these entries carry only an id.
 */
function bookI18nLoader(langs: string[]): Loader {
  return {
    name: 'book-i18n-loader',
    load: async ({ store, parseData, config }) => {
      store.clear();
      for (const lang of langs) {
        const url = new URL(`content/i18n/${lang}.json`, config.root);
        const data = await parseData({ id: lang, data: JSON.parse(await readFile(url, 'utf8')) });
        store.set({ id: lang, data });
      }
    },
  };
}

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '*.mdx' }),
    // `summary`: the one-line text of the chapter's card on the home page (`description` is the
    // longer text for search engines and link previews).
    schema: docsSchema({ extend: z.object({ summary: z.string().optional() }) }),
  }),
  i18n: defineCollection({
    loader: bookI18nLoader(['zh-CN']),
    schema: i18nSchema(),
  }),
};

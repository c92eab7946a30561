// Pagefind ranking used by the site's search box (passed to Starlight in astro.config.mjs) and by
// the search check (tests/site/check-search.mjs), so the test ranks results the way readers see
// them. These are Starlight's defaults, written out: a low page-length weight keeps short pages
// that mention a term once from outranking the chapter about it.
export const pagefindRanking = { pageLength: 0.1, termFrequency: 0.1, termSaturation: 2, termSimilarity: 9 };

// Content check: the built book holds the whole notes, faithfully.
// - every heading of the notes (the misnumbered three renumbered) is an h2 of the full-text page
//   and of the chapter that holds it (book order from src/utils/book.mjs);
// - every fenced code block (34) is a code block of the full-text page and of its chapter, text
//   equal apart from whitespace, with the notes' language in lower case;
// - every paragraph, list item, table cell and tab-indented paragraph is in the text of the
//   full-text page (emoji shortcodes rendered, the listed typo fixes applied);
// - the 20 anchors of the notes' table of contents exist on the full-text page and on the chapter
//   pages, at the heading of their section;
// - every full YAML manifest of the notes is in content/manifests/ byte for byte, fragments are
//   wrapped in a marked full Pod, and each chapter offers them through its playgrounds;
// - pages carry zh-CN, description and Open Graph metadata; the full-text page has no playground
//   and is not searchable.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allSections, chapters } from '../../src/utils/book.mjs';
import { correctProse, RENUMBERED_HEADINGS } from './corrections.mjs';
import { loadSite, pageAt, select, selectAll, squash, textOf } from './lib/dist.mjs';
import { Report } from './lib/report.mjs';
import { parseSeed } from './lib/seed.mjs';

const MANIFESTS = 'content/manifests';

const contentOf = (page) => select('.sl-markdown-content', page.tree) ?? select('main', page.tree);
const h2Texts = (page) => selectAll('h2', contentOf(page)).map((h) => squash(textOf(h)));
const codeBlocksOf = (page) =>
  selectAll('pre', contentOf(page)).map((pre) => ({ lang: String(pre.properties.dataLanguage ?? ''), text: squash(textOf(pre)) }));
const meta = (page, key) => {
  const el = select(`meta[property="${key}"], meta[name="${key}"]`, page.tree);
  return el ? String(el.properties.content ?? '') : undefined;
};

/** The book's heading for a heading of the notes. */
const bookHeading = (text) => RENUMBERED_HEADINGS[text] ?? text;

/** The element right after `el` among its parent's element children. */
function nextElement(tree, el) {
  let found;
  const walk = (node) => {
    const kids = (node.children ?? []).filter((c) => c.type === 'element');
    const i = kids.indexOf(el);
    if (i >= 0) found = kids[i + 1];
    else kids.forEach(walk);
  };
  walk(tree);
  return found;
}

export function checkContent(site = loadSite(), seed = parseSeed()) {
  const report = new Report('content');
  const sections = allSections();
  const full = pageAt(site, 'full/');
  const fullText = squash(textOf(contentOf(full)));
  const fullH2 = h2Texts(full);
  const fullCode = codeBlocksOf(full);
  const chapterPage = (slug) => pageAt(site, `${slug}/`);

  // The notes themselves, as this check reads them.
  report.check(seed.headings.length === 20, `the notes should have 20 section headings, parsed ${seed.headings.length}`);
  report.check(seed.codeBlocks.length === 34, `the notes should have 34 fenced code blocks, parsed ${seed.codeBlocks.length}`);
  report.check(seed.tocAnchors.length === 20, `the notes' table of contents should have 20 links, parsed ${seed.tocAnchors.length}`);
  report.check(
    sections.length === seed.headings.length,
    `src/utils/book.mjs lists ${sections.length} sections, the notes have ${seed.headings.length}`,
  );

  // Title.
  report.check(
    squash(textOf(select('h1', full.tree))).includes(squash(seed.title)),
    `full page title should contain the notes' title "${seed.title}"`,
  );

  // Headings: on the full page and on the chapter page, in book order.
  seed.headings.forEach((h, i) => {
    const expected = squash(bookHeading(h.text));
    const section = sections[i];
    report.check(section && squash(section.heading) === expected, `book.mjs section ${i + 1} should be "${bookHeading(h.text)}", is "${section?.heading}"`);
    report.check(fullH2.includes(expected), `full page: no h2 "${bookHeading(h.text)}"`);
    if (section) report.check(h2Texts(chapterPage(section.chapter)).includes(expected), `${section.chapter}/: no h2 "${bookHeading(h.text)}"`);
  });
  report.check(fullH2.join('|') === seed.headings.map((h) => squash(bookHeading(h.text))).join('|'), 'full page: the h2 headings are not exactly the notes\' sections in order');

  // Every section heading has a link to itself a reader can copy.
  for (const page of [full, ...chapters.map((c) => chapterPage(c.slug))]) {
    for (const h of selectAll('h2[id]', contentOf(page))) {
      const wrapper = nextElement(page.tree, h);
      const link = wrapper?.tagName === 'a' ? wrapper : undefined;
      report.check(
        link && String(link.properties.href) === `#${h.properties.id}`,
        `${page.file}: heading "${textOf(h).trim()}" has no anchor link to #${h.properties.id}`,
      );
    }
  }

  // Code blocks: text and language, on the full page and on the chapter page.
  seed.codeBlocks.forEach((block, i) => {
    const where = `code block ${i + 1} (notes line ${block.line}, ${block.lang})`;
    const text = squash(block.value);
    const lang = block.lang.toLowerCase();
    const inFull = fullCode.filter((c) => c.text === text);
    report.check(inFull.length > 0, `full page: missing ${where}: ${block.value.split('\n')[0].slice(0, 60)}`);
    report.check(inFull.some((c) => c.lang === lang), `full page: ${where} should be marked as "${lang}", found ${JSON.stringify(inFull.map((c) => c.lang))}`);
    const section = sections[block.section];
    if (section) {
      report.check(codeBlocksOf(chapterPage(section.chapter)).some((c) => c.text === text), `${section.chapter}/: missing ${where}`);
    }
  });

  // Prose: every block of text of the notes, in the notes' words.
  let proseChecked = 0;
  for (const p of seed.prose) {
    const text = squash(correctProse(p.text));
    proseChecked += 1;
    report.check(fullText.includes(text), `full page: missing ${p.kind} (notes line ${p.line}): ${p.text.slice(0, 70)}`);
  }
  for (const page of site.pages.values()) {
    report.check(!/:(deciduous_tree|taco):/.test(textOf(page.tree)), `${page.file}: an emoji shortcode was not rendered`);
  }

  // The notes' table-of-contents anchors.
  seed.tocAnchors.forEach((toc, i) => {
    const section = sections[i];
    const expected = squash(bookHeading(seed.headings[i]?.text ?? ''));
    for (const page of [full, section && chapterPage(section.chapter)].filter(Boolean)) {
      const el = select(`[id="${toc.anchor.replace(/"/g, '\\"')}"]`, page.tree);
      if (!report.check(Boolean(el), `${page.file}: old anchor #${toc.anchor} (${toc.label}) missing`)) continue;
      // The anchor is the heading itself, or an empty element right before it.
      const heading = el.tagName === 'h2' ? el : select('h2', nextElement(page.tree, el) ?? { type: 'root', children: [] });
      report.check(
        heading && squash(textOf(heading)) === expected,
        `${page.file}: old anchor #${toc.anchor} does not land on "${bookHeading(seed.headings[i]?.text ?? '')}"`,
      );
    }
  });

  // Manifests: the notes' full YAML, byte for byte; fragments wrapped in a marked full Pod.
  const manifests = new Map(
    readdirSync(MANIFESTS)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [f, readFileSync(`${MANIFESTS}/${f}`, 'utf8')]),
  );
  const yamlBlocks = seed.codeBlocks.filter((b) => b.lang.toLowerCase() === 'yaml');
  for (const block of yamlBlocks) {
    const section = sections[block.section];
    const page = section && chapterPage(section.chapter);
    const offered = page ? selectAll('a[data-pg-open]', page.tree).map((a) => String(a.properties.dataManifest)) : [];
    if (/^apiVersion:/.test(block.value)) {
      const file = [...manifests].find(([, text]) => text === `${block.value}\n`);
      report.check(Boolean(file), `no file in ${MANIFESTS}/ is byte-identical to the YAML at notes line ${block.line}`);
      report.check(offered.includes(`${block.value}\n`), `${section?.chapter}/: no "open in playground" link for the YAML at notes line ${block.line}`);
    } else {
      const file = [...manifests].find(([, text]) => text.startsWith('# 校注') && text.includes(`${block.value}\n`));
      report.check(Boolean(file), `the YAML fragment at notes line ${block.line} is not wrapped in a full Pod marked "# 校注" in ${MANIFESTS}/`);
      report.check(offered.some((m) => m.includes(block.value)), `${section?.chapter}/: no playground link offers the fragment at notes line ${block.line}`);
    }
  }
  for (const [name, text] of manifests) {
    const fromNotes = yamlBlocks.some((b) => `${b.value}\n` === text);
    report.check(fromNotes || text.startsWith('# 校注'), `${MANIFESTS}/${name} is neither a manifest of the notes nor marked "# 校注" as the book's own`);
  }

  // Chapters: playgrounds, metadata.
  for (const chapter of chapters) {
    const page = chapterPage(chapter.slug);
    const pgs = selectAll('section[data-playground]', page.tree);
    report.check(pgs.length > 0, `${page.file}: no playground`);
    for (const pg of pgs) {
      const id = String(pg.properties.id);
      report.check(new RegExp(`^pg-${chapter.slug}-\\d+$`).test(id), `${page.file}: playground id "${id}" should be pg-${chapter.slug}-<n>`);
      report.check(pg.properties.dataPagefindIgnore !== undefined, `${page.file}: playground ${id} lacks data-pagefind-ignore`);
      report.check(String(pg.properties.dataManifest ?? '').trim().length > 0, `${page.file}: playground ${id} has no manifest`);
    }
  }
  for (const page of [...chapters.map((c) => chapterPage(c.slug)), full, pageAt(site, '')]) {
    const html = select('html', page.tree);
    report.check(html?.properties.lang === 'zh-CN', `${page.file}: <html lang> should be zh-CN`);
    report.check(Boolean(meta(page, 'description')), `${page.file}: no meta description`);
    for (const key of ['og:title', 'og:description', 'og:url', 'og:type', 'og:image']) {
      report.check(Boolean(meta(page, key)), `${page.file}: no ${key}`);
    }
    report.check(meta(page, 'og:locale') === 'zh_CN', `${page.file}: og:locale should be zh_CN, is ${meta(page, 'og:locale')}`);
  }

  // The full-text page: the notes only, no playground, not searchable.
  report.check(selectAll('section[data-playground]', full.tree).length === 0, 'full page: should not embed playgrounds');
  report.check(!/data-pagefind-body/.test(full.html), 'full page: should be left out of the search index (no data-pagefind-body)');

  const notes = selectAll('.starlight-aside', contentOf(full)).filter((a) => textOf(a).trim().startsWith('校注'));
  report.note(
    `${seed.headings.length} headings, ${seed.codeBlocks.length} code blocks, ${proseChecked} prose blocks, ${seed.tocAnchors.length} old anchors, ` +
      `${manifests.size} manifests; ${notes.length} 校注 in the book`,
  );
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = checkContent();
  report.print();
  process.exitCode = report.ok ? 0 : 1;
}

// The book's structure (src/utils/book.mjs) against the notes and the chapter files.
import { existsSync, readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { describe, expect, test } from 'vitest';
import { allSections, chapterOfPlayground, chapters, normalizeBase, withBase } from '../../src/utils/book.mjs';
import { parseSeed } from '../site/lib/seed.mjs';

describe('base helpers', () => {
  test.each([
    ['/', '/'],
    ['', '/'],
    ['k8s-notes', '/k8s-notes/'],
    ['/k8s-notes', '/k8s-notes/'],
    ['/k8s-notes/', '/k8s-notes/'],
    ['//a/b//', '/a/b/'],
  ])('normalizeBase(%j) → %j', (input, expected) => {
    expect(normalizeBase(input)).toBe(expected);
  });

  test.each([
    ['/k8s-notes/', 'probes/', '/k8s-notes/probes/'],
    ['/k8s-notes', '/probes/', '/k8s-notes/probes/'],
    ['/', 'full/', '/full/'],
  ])('withBase(%j, %j) → %j', (base, path, expected) => {
    expect(withBase(base, path)).toBe(expected);
  });

  test.each([
    ['pg-probes-2', 'probes'],
    ['pg-node-components-1', 'node-components'],
    ['pg-grpc-probe-1', 'grpc-probe'],
    ['probes-1', undefined],
  ])('chapterOfPlayground(%j) → %j', (id, expected) => {
    expect(chapterOfPlayground(id)).toBe(expected);
  });
});

describe('chapters', () => {
  const seed = parseSeed();
  const sections = allSections();

  test('hold every section of the notes once, numbered 1.1 to 1.20 in order', () => {
    expect(sections.map((s) => s.number)).toEqual(Array.from({ length: 20 }, (_, i) => `1.${i + 1}`));
  });

  test('keep the notes\' heading text, except the three renumbered ones', () => {
    seed.headings.forEach((h, i) => {
      const s = sections[i];
      expect(s.legacyHeading ?? s.heading).toBe(h.text);
    });
  });

  test('old anchors are the GitHub slugs of the notes\' headings, as the notes\' table of contents links them', () => {
    const slugger = new GithubSlugger();
    const slugs = seed.headings.map((h) => slugger.slug(h.text));
    expect(seed.tocAnchors.map((t) => t.anchor)).toEqual(slugs);
    for (const s of sections.filter((x) => x.legacyAnchor)) {
      expect(slugs).toContain(s.legacyAnchor);
      expect(new GithubSlugger().slug(s.heading)).not.toBe(s.legacyAnchor);
    }
  });

  test.each(chapters.map((c) => [c.slug]))('%s has a short ASCII slug and a chapter file with title and description', (slug) => {
    expect(slug).toMatch(/^[a-z][a-z-]*$/);
    const file = `content/${slug}.mdx`;
    expect(existsSync(file)).toBe(true);
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    expect(front).toMatch(/^title: .+/m);
    expect(front).toMatch(/^description: .+/m);
  });
});

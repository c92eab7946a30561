// The parser the content check reads the notes with, and the corrections it applies.
import { describe, expect, test } from 'vitest';
import { correctProse, TYPO_FIXES } from '../site/corrections.mjs';
import { parseSeed } from '../site/lib/seed.mjs';

describe('parseSeed', () => {
  const seed = parseSeed();

  test('finds the title, 20 headings, 20 table-of-contents anchors and 34 fenced code blocks', () => {
    expect(seed.title).toBe('K8s基础篇-基本概念');
    expect(seed.headings).toHaveLength(20);
    expect(seed.tocAnchors).toHaveLength(20);
    expect(seed.codeBlocks).toHaveLength(34);
  });

  test('keeps the heading text with its double spaces, and anchors as the table of contents writes them', () => {
    expect(seed.headings[14].text).toBe('1.15  探针的实现四种种方式');
    expect(seed.tocAnchors[17]).toEqual({ label: '1.10  postStart', anchor: '110--poststart' });
    expect(seed.tocAnchors[0].anchor).toBe('11-k8s-和-docker');
  });

  test('code blocks keep their language as written and belong to their section', () => {
    const langs = new Set(seed.codeBlocks.map((b) => b.lang));
    expect([...langs].sort()).toEqual(['SH', 'YAML', 'sh', 'yaml']);
    expect(seed.codeBlocks[0]).toMatchObject({ lang: 'SH', section: 3 });
    expect(seed.codeBlocks[33]).toMatchObject({ lang: 'YAML', section: 19 });
    expect(seed.codeBlocks[9].value).toContain('apiVersion: v1  \t\t# 版本号');
  });

  test('reads tab-indented paragraphs as prose, not code', () => {
    const indented = seed.prose.filter((p) => p.kind === 'indented');
    expect(indented).toHaveLength(7);
    expect(indented.map((p) => p.text)).toContain('kubectl explain pod.spec');
  });

  test('skips raw HTML in table cells', () => {
    const cell = seed.prose.find((p) => p.text.startsWith('用于探测容器是否在运行'));
    expect(cell?.text).not.toContain('<br');
  });
});

describe('correctProse', () => {
  test('renders emoji shortcodes', () => {
    expect(correctProse(':deciduous_tree: 端口问题 :taco:')).toBe('🌳 端口问题 🌮');
  });

  test.each(TYPO_FIXES)('fixes %j → %j', (from, to) => {
    expect(correctProse(`前${from}后`)).toBe(`前${to}后`);
  });

  test('every typo fix applies to the notes exactly where it is meant to', () => {
    const text = parseSeed().markdown;
    for (const [from] of TYPO_FIXES) expect(text.includes(from), from).toBe(true);
  });
});

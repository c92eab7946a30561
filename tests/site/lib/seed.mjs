// Parse the notes (content/source/k8s-basics.md, an unchanged copy of the seed) into what the
// site checks compare against: the table-of-contents anchors, the section headings, the fenced code
// blocks (with the section each belongs to) and the prose blocks.
import { readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';

export const SEED_PATH = 'content/source/k8s-basics.md';

/** Text of an mdast node, skipping raw HTML (`<br />`) and images. */
function textOf(node) {
  if (node.type === 'html' || node.type === 'image') return '';
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

/**
 * @returns {{
 *   markdown: string,
 *   title: string,
 *   tocAnchors: { label: string, anchor: string }[],
 *   headings: { text: string, index: number }[],
 *   codeBlocks: { lang: string, value: string, section: number, line: number }[],
 *   prose: { kind: string, text: string, section: number, line: number }[],
 * }}
 */
export function parseSeed(markdown = readFileSync(SEED_PATH, 'utf8')) {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const out = { markdown, title: '', tocAnchors: [], headings: [], codeBlocks: [], prose: [] };
  let section = -1;
  let tocSeen = false;

  const addProse = (kind, node) => {
    const text = textOf(node).trim();
    if (text) out.prose.push({ kind, text, section, line: node.position.start.line });
  };

  const visit = (node) => {
    switch (node.type) {
      case 'heading':
        section = out.headings.length;
        out.headings.push({ text: textOf(node), index: section });
        return;
      case 'list':
        if (!tocSeen && section < 0) {
          // The notes' own table of contents: `- [1.1 K8s 和 Docker](#11-k8s-和-docker)`.
          tocSeen = true;
          for (const item of node.children) {
            const link = item.children[0]?.children?.find((c) => c.type === 'link');
            if (link) out.tocAnchors.push({ label: textOf(link), anchor: decodeURIComponent(link.url.replace(/^#/, '')) });
          }
          return;
        }
        break;
      case 'code': {
        const src = markdown.slice(node.position.start.offset, node.position.end.offset);
        if (/^\s*(```|~~~)/.test(src)) {
          out.codeBlocks.push({ lang: node.lang ?? '', value: node.value, section, line: node.position.start.line });
        } else {
          // A tab-indented paragraph: prose that plain Markdown would show as code.
          addProse('indented', node);
        }
        return;
      }
      case 'paragraph':
        if (section < 0 && !out.title) {
          out.title = textOf(node).trim();
          return;
        }
        addProse('paragraph', node);
        return;
      case 'tableCell':
        addProse('table cell', node);
        return;
      default:
        break;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return out;
}

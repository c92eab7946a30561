// Rehype plugin: prefix the site base to root-absolute links and sources written in Markdown/MDX
// (`[探针](/probes/)` → `/k8s-notes/probes/`), so content links work on a GitHub Pages project site.
// Leaves protocol-relative (`//host`), external, fragment-only and relative URLs alone.
import { visit } from 'unist-util-visit';
import { normalizeBase } from './book.mjs';

const URL_ATTRS = { a: 'href', img: 'src', link: 'href', source: 'src', script: 'src' };

/** Return `url` with the base prefixed, if it is root-absolute and not already under the base. */
export function prefixBase(url, base) {
  const b = normalizeBase(base);
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return url;
  if (b === '/' || url === b.slice(0, -1) || url.startsWith(b)) return url;
  return b + url.slice(1);
}

/** @param {{ base?: string }} options */
export function rehypeBaseLinks(options = {}) {
  const base = options.base ?? '/';
  return (tree) => {
    visit(tree, (node) => {
      if (node.type === 'element') {
        const attr = URL_ATTRS[node.tagName];
        if (attr && node.properties?.[attr] !== undefined) {
          node.properties[attr] = prefixBase(node.properties[attr], base);
        }
        return;
      }
      // JSX written in MDX (`<a href="/probes/">`) reaches rehype as mdxJsx elements.
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && URL_ATTRS[node.name]) {
        for (const attr of node.attributes ?? []) {
          if (attr.type === 'mdxJsxAttribute' && attr.name === URL_ATTRS[node.name] && typeof attr.value === 'string') {
            attr.value = prefixBase(attr.value, base);
          }
        }
      }
    });
  };
}

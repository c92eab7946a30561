// The rehype plugin that gives root-absolute links in the chapters the site base.
import { describe, expect, test } from 'vitest';
import { prefixBase, rehypeBaseLinks } from '../../src/utils/rehype-base-links.mjs';

describe('prefixBase', () => {
  test.each([
    // [url, base, expected]
    ['/probes/', '/k8s-notes/', '/k8s-notes/probes/'],
    ['/probes/#114-pod-三种探针', '/k8s-notes/', '/k8s-notes/probes/#114-pod-三种探针'],
    ['/og.png', 'k8s-notes', '/k8s-notes/og.png'],
    ['/k8s-notes/probes/', '/k8s-notes/', '/k8s-notes/probes/'],
    ['/k8s-notes', '/k8s-notes/', '/k8s-notes'],
    ['/probes/', '/', '/probes/'],
    ['//cdn.example.com/x.js', '/k8s-notes/', '//cdn.example.com/x.js'],
    ['https://kubernetes.io/zh-cn/', '/k8s-notes/', 'https://kubernetes.io/zh-cn/'],
    ['#110--poststart', '/k8s-notes/', '#110--poststart'],
    ['../probes/', '/k8s-notes/', '../probes/'],
  ])('%s under %s → %s', (url, base, expected) => {
    expect(prefixBase(url, base)).toBe(expected);
  });
});

describe('rehypeBaseLinks', () => {
  test('rewrites a[href], img[src] and JSX <a href> written in MDX', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'a', properties: { href: '/probes/' }, children: [] },
        { type: 'element', tagName: 'img', properties: { src: '/og.png' }, children: [] },
        { type: 'element', tagName: 'a', properties: { href: 'https://example.com/' }, children: [] },
        {
          type: 'mdxJsxFlowElement',
          name: 'a',
          attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: '/full/' }],
          children: [],
        },
      ],
    };
    rehypeBaseLinks({ base: '/k8s-notes/' })(tree);
    const [a, img, ext, jsx] = tree.children as any[];
    expect(a.properties.href).toBe('/k8s-notes/probes/');
    expect(img.properties.src).toBe('/k8s-notes/og.png');
    expect(ext.properties.href).toBe('https://example.com/');
    expect(jsx.attributes[0].value).toBe('/k8s-notes/full/');
  });
});

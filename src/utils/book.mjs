// The book's table of contents: chapter order, URL slugs and which sections of the notes each
// chapter holds. Plain JS so astro.config.mjs, the pages and the Node site checks share it.
// Chapter titles and summaries live in each chapter's frontmatter (content/<slug>.mdx).

/**
 * @typedef {object} Section
 * @property {string} number   Section number in the book (1.1 … 1.20).
 * @property {string} heading  Heading text in the book (slugged by Astro into the heading id).
 * @property {string} [legacyHeading] The heading as the notes wrote it, when the book renumbered it.
 * @property {string} [legacyAnchor]  The id the notes' table of contents links to, when the
 *   book heading slugs differently (kept as an explicit element next to the heading).
 */

/** @typedef {{ slug: string, sections: Section[] }} Chapter */

/** @type {Chapter[]} */
export const chapters = [
  { slug: 'docker', sections: [{ number: '1.1', heading: '1.1 K8s 和 Docker' }] },
  {
    slug: 'architecture',
    sections: [
      { number: '1.2', heading: '1.2 k8s架构解析' },
      { number: '1.3', heading: '1.3 k8s控制节点组件介绍' },
    ],
  },
  { slug: 'leader-election', sections: [{ number: '1.4', heading: '1.4 Scheduler Controller 状态组件' }] },
  { slug: 'node-components', sections: [{ number: '1.5', heading: '1.5 工作节点组件' }] },
  {
    slug: 'pod',
    sections: [
      { number: '1.6', heading: '1.6 pod' },
      { number: '1.7', heading: '1.7 引入Pod的意义' },
    ],
  },
  {
    slug: 'define-pod',
    sections: [
      { number: '1.8', heading: '1.8 定义一个Pod' },
      { number: '1.9', heading: '1.9 Pod 字段解释' },
      { number: '1.10', heading: '1.10 更改 Pod 的启动命令和参数' },
    ],
  },
  { slug: 'pod-status', sections: [{ number: '1.11', heading: '1.11 Pod 状态及 Pod 故障排查命令' }] },
  {
    slug: 'policies',
    sections: [
      { number: '1.12', heading: '1.12 Pod镜像拉取策略' },
      { number: '1.13', heading: '1.13 Pod重启策略' },
    ],
  },
  {
    slug: 'probes',
    sections: [
      { number: '1.14', heading: '1.14 Pod 三种探针' },
      { number: '1.15', heading: '1.15  探针的实现四种种方式' },
      { number: '1.16', heading: '1.16 livenessProbe 和 readinessProbe' },
      { number: '1.17', heading: '1.17 配置 StartupProbe' },
    ],
  },
  {
    slug: 'lifecycle',
    sections: [
      { number: '1.18', heading: '1.18 postStart', legacyHeading: '1.10  postStart', legacyAnchor: '110--poststart' },
      { number: '1.19', heading: '1.19 preStop', legacyHeading: '1.11 preStop', legacyAnchor: '111-prestop' },
    ],
  },
  {
    slug: 'grpc-probe',
    sections: [{ number: '1.20', heading: '1.20 gRPC 探测', legacyHeading: '1.12 gRPC 探测', legacyAnchor: '112-grpc-探测' }],
  },
];

/** URL path of the full-text page (relative to the base). */
export const fullTextPath = 'full/';

/** All sections in book order, each with its chapter slug. */
export function allSections() {
  return chapters.flatMap((c) => c.sections.map((s) => ({ ...s, chapter: c.slug })));
}

/** The chapter slug a playground id (`pg-<chapter>-<n>`) belongs to. */
export function chapterOfPlayground(id) {
  const m = /^pg-(.+)-\d+$/.exec(id);
  return m ? m[1] : undefined;
}

/** Join the site base and a base-relative path: `withBase('/k8s-notes/', 'probes/')`. */
export function withBase(base, path = '') {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

/** Normalise a base path to a leading and trailing slash (`k8s-notes` → `/k8s-notes/`). */
export function normalizeBase(base) {
  const trimmed = String(base ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * When a reader's image is not in the simulated registry, the engine says so outside the
 * kubectl output (a notice in the trace), with the closest images it has: the repositories
 * nearest by edit distance, or the tags it has of a known repository. The pull itself still
 * fails with the real registry's error (resolve.ts). The notice's text is the simulator's own
 * (no Kubernetes component prints it).
 */
import { CATALOG } from './catalog';
import { parseRef } from './resolve';

export interface ImageNotice {
  kind: 'image-not-in-catalog';
  /** The reference as the reader wrote it. */
  image: string;
  /** One line for the page and the CLI. */
  message: string;
  /** The closest references the simulated registry has, best first. */
  closest: string[];
}

/** Levenshtein distance (small strings; O(n·m)). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** How a reader writes a repository: `redis`, `traefik/whoami`, `registry.k8s.io/echoserver`. */
export function shortName(repo: string): string {
  if (repo.startsWith('docker.io/library/')) return repo.slice('docker.io/library/'.length);
  if (repo.startsWith('docker.io/')) return repo.slice('docker.io/'.length);
  return repo;
}

const last = (s: string) => s.slice(s.lastIndexOf('/') + 1);

function byDistance<T>(items: T[], key: (t: T) => number): T[] {
  return items
    .map((t, i) => ({ t, d: key(t), i }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map((x) => x.t);
}

/** The notice for an image reference, or undefined when the simulated registry has it (or the reference is malformed). */
export function imageNotice(ref: string): ImageNotice | undefined {
  const p = parseRef(ref);
  if (!p) return undefined;
  const defs = CATALOG.filter((d) => d.repo === p.repo);
  if (defs.length) {
    if (p.digest || defs.some((d) => d.tag === p.tag)) return undefined;
    const tags = byDistance([...new Set(defs.map((d) => d.tag))], (t) => editDistance(p.tag ?? '', t)).slice(0, 6);
    const name = shortName(p.repo);
    return {
      kind: 'image-not-in-catalog',
      image: ref,
      message: `This simulated registry has no tag "${p.tag}" of ${name} (a real registry may have it); tags it has: ${tags.join(', ')}`,
      closest: tags.map((t) => `${name}:${t}`),
    };
  }
  const repos = [...new Set(CATALOG.map((d) => d.repo))];
  const want = shortName(p.repo);
  const ranked = byDistance(repos, (r) => Math.min(editDistance(want, shortName(r)), editDistance(last(want), last(r)) + 1)).slice(0, 3);
  return {
    kind: 'image-not-in-catalog',
    image: ref,
    message: `This simulated registry does not have the image "${ref}" (a real registry may have it); the closest images it has: ${ranked.map(shortName).join(', ')}`,
    closest: ranked.map(shortName),
  };
}

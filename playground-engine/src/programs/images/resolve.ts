/**
 * Image references as containerd resolves them (`nginx` → `docker.io/library/nginx:latest`),
 * and the errors it returns through the CRI for names that do not exist, as the kubelet
 * prints them after `Failed to pull image "x": ` (Kubernetes 1.30 still shows the gRPC
 * status prefix). Checked against real events quoted in public material:
 * - unknown repository on Docker Hub: `rpc error: code = Unknown desc = failed to pull and
 *   unpack image "docker.io/library/nginx1.23:latest": failed to resolve reference
 *   "docker.io/library/nginx1.23:latest": pull access denied, repository does not exist or may
 *   require authorization: server message: insufficient_scope: authorization failed`
 * - unknown tag: `rpc error: code = NotFound desc = failed to pull and unpack image
 *   "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope":
 *   docker.io/library/nginx:nope: not found`
 */
import { CATALOG, type ImageDef } from './catalog';
import { SYSTEM_IMAGES } from './system';

/** What the registries serve: the reader's catalog and the cluster's own add-on images (a replacement system pod pulls them). */
const REGISTRY: ImageDef[] = [...CATALOG, ...SYSTEM_IMAGES];

export interface ParsedRef {
  /** `docker.io/library/nginx` */
  repo: string;
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:latest` (or `…@sha256:…`). */
  full: string;
}

const DOMAIN_RE = /^(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(?::\d+)?$|^localhost(?::\d+)?$|^[a-zA-Z0-9-]+:\d+$/;

/**
 * Parsed references by their text (a pure function: every node's containerd parses the same
 * preloaded images, and every pull and look-up parses again). The results are frozen.
 */
const parsedRefs = new Map<string, Readonly<ParsedRef> | undefined>();

export function parseRef(ref: string): Readonly<ParsedRef> | undefined {
  if (parsedRefs.has(ref)) return parsedRefs.get(ref);
  const p = parseRefText(ref);
  if (parsedRefs.size >= 1024) parsedRefs.clear();
  parsedRefs.set(ref, p && Object.freeze(p));
  return p;
}

function parseRefText(ref: string): ParsedRef | undefined {
  let rest = ref.trim();
  if (!rest || /\s/.test(rest)) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && DOMAIN_RE.test(parts[0]) && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) domain = parts.shift()!;
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) return undefined;
  if (!tag && !digest) tag = 'latest';
  const repo = `${domain}/${path}`;
  return { repo, tag, digest, full: digest ? `${repo}${tag ? `:${tag}` : ''}@${digest}` : `${repo}:${tag}` };
}

/** The registry's images by repository, in registry order (made at the first look-up). */
let byRepo: Map<string, ImageDef[]> | undefined;

function registryRepo(repo: string): ImageDef[] {
  if (!byRepo) {
    byRepo = new Map();
    for (const d of REGISTRY) {
      const list = byRepo.get(d.repo);
      if (list) list.push(d);
      else byRepo.set(d.repo, [d]);
    }
  }
  return byRepo.get(repo) ?? [];
}

export type Resolution = { ok: true; def: ImageDef } | { ok: false; error: string };

export function resolveRef(ref: string, digestOf: (def: ImageDef) => string): Resolution {
  const p = parseRef(ref);
  if (!p) return { ok: false, error: `rpc error: code = InvalidArgument desc = failed to pull and unpack image "${ref}": invalid reference format` };
  const repoDefs = registryRepo(p.repo);
  const where = `failed to pull and unpack image "${p.full}": failed to resolve reference "${p.full}"`;
  if (!repoDefs.length) {
    if (p.repo.startsWith('docker.io/')) {
      return { ok: false, error: `rpc error: code = Unknown desc = ${where}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` };
    }
    return { ok: false, error: `rpc error: code = NotFound desc = ${where}: ${p.full}: not found` };
  }
  const def = p.digest ? repoDefs.find((d) => `sha256:${digestOf(d)}` === p.digest) : repoDefs.find((d) => d.tag === p.tag);
  if (!def) return { ok: false, error: `rpc error: code = NotFound desc = ${where}: ${p.full}: not found` };
  return { ok: true, def };
}

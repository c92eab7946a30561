/**
 * The simulated registries: which repositories and tags exist, each image's OCI config
 * (entrypoint, cmd, env, working dir, STOPSIGNAL, exposed ports), its size and its files.
 * Tags resolve as they did on Docker Hub around the notes' date (December 2022): `nginx`,
 * `nginx:latest` and `nginx:1.23.2` are nginx 1.23.2 on Debian 11; `nginx:1.23` is 1.23.4.
 *
 * Configs follow the official Dockerfiles (docker-library / nginxinc/docker-nginx):
 * `CMD ["nginx", "-g", "daemon off;"]`, `ENTRYPOINT ["/docker-entrypoint.sh"]` from 1.19.0,
 * `STOPSIGNAL SIGQUIT` from 1.19.5 (SIGTERM before), ENV NGINX_VERSION, NJS_VERSION,
 * PKG_RELEASE as repo-info records them. The patch releases 1.14–1.23 come from the table in
 * nginx-releases.ts (real sizes and build dates of a repo-info snapshot); the other entries'
 * sizes are plausible compressed sizes. Digests are derived deterministically from the
 * reference.
 */
import type { ImageConfig, Signal } from '../../node/runtime/types';
import { ImageTree } from '../../node/runtime/fs';
import { addNginx, busyboxTree, debianTree, distrolessTree } from './trees';
import { BUSYBOX_RELEASES, BUSYBOX_TAGS, officialImages } from './official';
import { NGINX_RELEASES, NGINX_SERIES_TAGS, NGINX_VARIANTS, type NginxRelease } from './nginx-releases';
import { daysFromCivil, rfc3339 } from '../../sim/time';

export interface ImageDef {
  /** `docker.io/library/nginx` */
  repo: string;
  tag: string;
  sizeBytes: number;
  entrypoint: string[];
  cmd: string[];
  env: string[];
  workingDir: string;
  stopSignal: Signal;
  exposedPorts: string[];
  /** USER of the Dockerfile (a name from the image's /etc/passwd, or a uid); root when absent. */
  user?: string;
  /** The OS the image runs (shell dialect and tool flavours follow from it). */
  os: 'debian' | 'alpine' | 'busybox' | 'distroless' | 'ubuntu' | 'centos' | 'oraclelinux';
  osVersion: string;
  /** Build time as virtual ms (negative: before the scenario). */
  created: number;
  tree: () => ImageTree;
}

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const DAY = 86_400_000;

function lazy(build: () => ImageTree): () => ImageTree {
  let t: ImageTree | undefined;
  return () => (t ??= build());
}

interface NginxSpec {
  tag: string;
  version: string;
  njs: string;
  pkg: string;
  debian: 'bullseye' | 'bookworm' | 'buster' | 'stretch' | 'alpine';
  size: number;
  /** Build time (virtual ms, negative: before the scenario); or days before the scenario. */
  created?: number;
  daysOld?: number;
}

/** `1.19.5` → 1019005, to compare release numbers. */
const rel = (v: string) => v.split('.').reduce((n, x) => n * 1000 + Number(x), 0);
/** The curl each base's packages install (nginx images have curl from 1.18.0). */
const NGINX_CURL = { stretch: undefined, buster: '7.64.0', bullseye: '7.74.0', bookworm: '7.88.1', alpine: '7.83.1' } as const;

function nginx(s: NginxSpec): ImageDef {
  const alpine = s.debian === 'alpine';
  const r = rel(s.version);
  // What changed with the release (nginx-releases.ts names the snapshots these were read from).
  const entrypoint = r >= rel('1.19.0');
  const created = s.created ?? -(s.daysOld ?? 0) * DAY;
  const env = r < rel('1.16.0') ? [PATH, `NGINX_VERSION=${s.version}-${s.pkg}`, `NJS_VERSION=${s.version}.${s.njs}-${s.pkg}`] : [PATH, `NGINX_VERSION=${s.version}`, `NJS_VERSION=${s.njs}`, `PKG_RELEASE=${s.pkg}`];
  const progVersion = alpine ? `${s.version}-alpine` : s.version;
  const curl = r >= rel('1.18.0') ? NGINX_CURL[s.debian] : undefined;
  return {
    repo: 'docker.io/library/nginx',
    tag: s.tag,
    sizeBytes: s.size,
    entrypoint: entrypoint ? ['/docker-entrypoint.sh'] : [],
    cmd: ['nginx', '-g', 'daemon off;'],
    env,
    workingDir: '/',
    stopSignal: r >= rel('1.19.5') ? 'SIGQUIT' : 'SIGTERM',
    exposedPorts: ['80/tcp'],
    os: alpine ? 'alpine' : 'debian',
    osVersion: { alpine: '3.16', bookworm: '12', bullseye: '11', buster: '10', stretch: '9' }[s.debian],
    created,
    tree: lazy(() => {
      const t = s.debian === 'alpine' ? busyboxTree(created, 'alpine') : debianTree(created, s.debian);
      const build = `${alpine ? 'alpine3.16' : s.debian}~${rfc3339(created).slice(0, 10)}`;
      addNginx(t, created, progVersion, { entrypoint, tune: r >= rel('1.19.7'), curl, alpine, build });
      return t;
    }),
  };
}

/** The release table's rows as images, under their version tag and the series tags that named them. */
function nginxReleases(): ImageDef[] {
  const byVersion = new Map(NGINX_RELEASES.map((row) => [row[0], row]));
  const scenarioDay = daysFromCivil(2022, 12, 8);
  const def = (tag: string, [version, njs, pkg, size, built]: NginxRelease) => {
    const [y, m, d] = built.split('-').map(Number);
    // PKG_RELEASE names the base (`1~buster`); Alpine's is plain `1` (passed here as `1~alpine`).
    const debian = pkg.slice(2) as NginxSpec['debian'];
    return nginx({ tag, version, njs, pkg: debian === 'alpine' ? '1' : pkg, debian, size, created: (daysFromCivil(y, m, d) - scenarioDay) * DAY });
  };
  const variants = NGINX_VARIANTS.map(([tag, version, njs, pkg, size, built]) => def(tag, [version, njs, pkg.includes('~') ? pkg : `1~alpine`, size, built]));
  return [...NGINX_RELEASES.map((row) => def(row[0], row)), ...NGINX_SERIES_TAGS.map(([tag, v]) => def(tag, byVersion.get(v)!)), ...variants];
}

/** `built` (YYYY-MM-DD): the build date of a repo-info snapshot; else 60 days before the scenario. */
function busybox(tag: string, version: string, size: number, repo = 'docker.io/library/busybox', built?: string): ImageDef {
  const created = built ? (daysFromCivil(...(built.slice(0, 10).split('-').map(Number) as [number, number, number])) - daysFromCivil(2022, 12, 8)) * DAY : -60 * DAY;
  return {
    repo,
    tag,
    sizeBytes: size,
    entrypoint: [],
    cmd: ['sh'],
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    workingDir: '/',
    stopSignal: 'SIGTERM',
    exposedPorts: [],
    os: 'busybox',
    osVersion: version,
    created,
    // BusyBox's build stamp: the image's build time where nothing better is known (busybox-builds.ts);
    // 1.35.0 without a snapshot time keeps the default stamp.
    tree: lazy(() => busyboxTree(created, 'busybox', version, built ?? (version === '1.35.0' ? undefined : rfc3339(created).slice(0, 19)))),
  };
}

function etcd(repo: string): ImageDef {
  const created = -400 * DAY;
  return {
    repo,
    tag: '3.5.1-0',
    sizeBytes: 98888614,
    entrypoint: [],
    cmd: ['/usr/local/bin/etcd'],
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    workingDir: '/',
    stopSignal: 'SIGTERM',
    exposedPorts: ['2379/tcp', '2380/tcp', '4001/tcp', '7001/tcp'],
    os: 'distroless',
    osVersion: '11',
    created,
    tree: lazy(() => {
      const t = distrolessTree(created);
      // The image wraps bash-static as /bin/sh (cluster/images/etcd/Dockerfile).
      t.add('/bin/sh', { kind: 'file', content: '', mode: 0o755, mtime: created, uid: 0, gid: 0, program: 'bash', size: 1875800 });
      t.add('/usr/local/bin/etcd', { kind: 'file', content: '', mode: 0o755, mtime: created, uid: 0, gid: 0, program: 'etcd@3.5.1', size: 23560192 });
      t.add('/var/lib', { kind: 'dir', mode: 0o755, mtime: created, uid: 0, gid: 0 });
      return t;
    }),
  };
}

function single(repo: string, tag: string, size: number, program: string, path: string, entrypoint: string[], cmd: string[], ports: string[], base: 'scratch' | 'alpine'): ImageDef {
  const created = -900 * DAY;
  return {
    repo,
    tag,
    sizeBytes: size,
    entrypoint,
    cmd,
    env: [PATH],
    workingDir: '/',
    stopSignal: 'SIGTERM',
    exposedPorts: ports,
    os: base === 'alpine' ? 'alpine' : 'distroless',
    osVersion: base === 'alpine' ? '3.16' : '',
    created,
    tree: lazy(() => {
      const t = base === 'alpine' ? busyboxTree(created, 'alpine') : distrolessTree(created);
      t.add(path, { kind: 'file', content: '', mode: 0o755, mtime: created, uid: 0, gid: 0, program, size: size - 1000 });
      if (base === 'alpine') t.add('/usr/bin/curl', { kind: 'file', content: '', mode: 0o755, mtime: created, uid: 0, gid: 0, program: 'curl@7.83.1', size: 260328 });
      return t;
    }),
  };
}

const N1232 = { version: '1.23.2', njs: '0.7.7', pkg: '1~bullseye', debian: 'bullseye' as const, size: 56939212, daysOld: 45 };
const N1234 = { version: '1.23.4', njs: '0.7.11', pkg: '1~bullseye', debian: 'bullseye' as const, size: 57007418, daysOld: 25 };
const N1232A = { version: '1.23.2', njs: '0.7.7', pkg: '1', debian: 'alpine' as const, size: 16443526, daysOld: 45 };
const N1216 = { version: '1.21.6', njs: '0.7.3', pkg: '1~bullseye', debian: 'bullseye' as const, size: 56746320, daysOld: 280 };
const N1161 = { version: '1.16.1', njs: '0.3.8', pkg: '1~buster', debian: 'buster' as const, size: 51032458, daysOld: 1000 };
const N1221 = { version: '1.22.1', njs: '0.7.7', pkg: '1~bullseye', debian: 'bullseye' as const, size: 56792345, daysOld: 45 };

export const CATALOG: ImageDef[] = [
  nginx({ tag: 'latest', ...N1232 }),
  nginx({ tag: '1.23.2', ...N1232 }),
  nginx({ tag: 'mainline', ...N1232 }),
  nginx({ tag: '1.23', ...N1234 }),
  nginx({ tag: '1.23.4', ...N1234 }),
  nginx({ tag: '1.23.2-alpine', ...N1232A }),
  nginx({ tag: 'alpine', ...N1232A }),
  nginx({ tag: 'stable', ...N1221 }),
  nginx({ tag: '1.22.1', ...N1221 }),
  nginx({ tag: '1.22', ...N1221 }),
  nginx({ tag: '1.25', version: '1.25.5', njs: '0.8.4', pkg: '1~bookworm', debian: 'bookworm', size: 70986912, daysOld: -500 }),
  nginx({ tag: '1.23.2-bullseye', ...N1232 }),
  nginx({ tag: 'mainline-alpine', ...N1232A }),
  nginx({ tag: '1.23-alpine', ...N1232A }),
  nginx({ tag: 'stable-alpine', ...N1232A, version: '1.22.1', njs: '0.7.7' }),
  nginx({ tag: '1.22.1-alpine', ...N1232A, version: '1.22.1', njs: '0.7.7' }),
  nginx({ tag: '1.22-alpine', ...N1232A, version: '1.22.1', njs: '0.7.7' }),
  nginx({ tag: '1.21', ...N1216 }),
  nginx({ tag: '1.21.6', ...N1216 }),
  nginx({ tag: '1.16', ...N1161 }),
  nginx({ tag: '1.16.1', ...N1161 }),
  ...nginxReleases(),
  // Sizes and build times: see BUSYBOX_TAGS and BUSYBOX_RELEASES (official.ts).
  busybox('latest', '1.35.0', 2588339),
  busybox('1.35', '1.35.0', 2588339),
  busybox('1.36', '1.36.0', 2592244, 'docker.io/library/busybox', '2023-03-17'),
  busybox('1.28', '1.28.4', 723146, 'docker.io/library/busybox', '2018-05-23T21:19:30'),
  busybox('1.27.2', '1.27.2', 711345, 'registry.k8s.io/busybox'),
  busybox('latest', '1.24.0', 676657, 'registry.k8s.io/busybox'),
  {
    ...busybox('latest', '3.17.0', 3375006, 'docker.io/library/alpine'),
    cmd: ['/bin/sh'],
    os: 'alpine',
    osVersion: '3.17',
    tree: lazy(() => busyboxTree(-14 * DAY, 'alpine')),
  },
  {
    ...busybox('3.16', '3.16.3', 2811969, 'docker.io/library/alpine'),
    cmd: ['/bin/sh'],
    os: 'alpine',
    osVersion: '3.16',
    tree: lazy(() => busyboxTree(-30 * DAY, 'alpine')),
  },
  {
    repo: 'docker.io/library/debian',
    tag: 'latest',
    sizeBytes: 55041022,
    entrypoint: [],
    cmd: ['bash'],
    env: [PATH],
    workingDir: '/',
    stopSignal: 'SIGTERM',
    exposedPorts: [],
    os: 'debian',
    osVersion: '11',
    created: -30 * DAY,
    tree: lazy(() => debianTree(-30 * DAY, 'bullseye')),
  },
  {
    repo: 'docker.io/library/ubuntu',
    tag: 'latest',
    sizeBytes: 29533950,
    entrypoint: [],
    cmd: ['bash'],
    env: [PATH],
    workingDir: '/',
    stopSignal: 'SIGTERM',
    exposedPorts: [],
    os: 'ubuntu',
    osVersion: '22.04',
    created: -40 * DAY,
    tree: lazy(() => debianTree(-40 * DAY, 'jammy')),
  },
  etcd('registry.k8s.io/etcd'),
  etcd('k8s.gcr.io/etcd'),
  etcd('registry.cn-hangzhou.aliyuncs.com/google_containers/etcd'),
  single('registry.k8s.io/liveness', 'latest', 2560389, 'liveness', '/server', [], ['/server'], ['8080/tcp'], 'scratch'),
  single('k8s.gcr.io/liveness', 'latest', 2560389, 'liveness', '/server', [], ['/server'], ['8080/tcp'], 'scratch'),
  single('registry.k8s.io/goproxy', '0.1', 2943426, 'goproxy', '/goproxy', ['/goproxy'], [], ['8080/tcp'], 'scratch'),
  single('k8s.gcr.io/goproxy', '0.1', 2943426, 'goproxy', '/goproxy', ['/goproxy'], [], ['8080/tcp'], 'scratch'),
  ...BUSYBOX_TAGS.map(([tag, version, size, built]) => busybox(tag, version, size, 'docker.io/library/busybox', built)),
  ...BUSYBOX_RELEASES.map(([tag, version, size, built]) => busybox(tag, version, size, 'docker.io/library/busybox', built)),
  ...officialImages(),
];

/** A deterministic sha256-looking digest for a reference (FNV-1a expanded to 256 bits). */
/**
 * fakeDigest's answers: a pure function of its seed, asked again by every simulation. A `var`
 * (made on first use): modules that import this one call it while this module still loads.
 */
// eslint-disable-next-line no-var
var digests: Map<string, string> | undefined;

export function fakeDigest(seed: string): string {
  digests ??= new Map();
  let d = digests.get(seed);
  if (d === undefined) {
    if (digests.size >= 4096) digests.clear();
    digests.set(seed, (d = computeDigest(seed)));
  }
  return d;
}

function computeDigest(seed: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    const s = `${seed}#${round}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995) >>> 0;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function imageConfigOf(def: ImageDef, ref: string): ImageConfig {
  const digest = fakeDigest(`${def.repo}:${def.sizeBytes}`);
  return {
    ref,
    fullRef: `${def.repo}:${def.tag}`,
    imageId: `${def.repo}@sha256:${digest}`,
    sizeBytes: def.sizeBytes,
    entrypoint: [...def.entrypoint],
    cmd: [...def.cmd],
    env: [...def.env],
    workingDir: def.workingDir,
    stopSignal: def.stopSignal,
    ...(def.user ? { user: def.user } : {}),
  };
}

/**
 * The images of the notes' system pods that run in the pod network (kube-system and
 * kubernetes-dashboard): the cluster's own images, already on the nodes that run them, and
 * served by the registry too (resolve.ts): a replacement pod of a deleted system pod, or a
 * reader's pod naming one, pulls them.
 *
 * Layouts follow the images' Dockerfiles: CoreDNS, the dashboard and its metrics scraper and
 * calico/kube-controllers are single static binaries on a scratch/distroless base; Bitnami's
 * metrics-server is Debian 12 (minideb) with bash, `WORKDIR /opt/bitnami/metrics-server`,
 * `USER 1001` (no passwd entry: bash's prompt says `I have no name!`) and
 * `ENTRYPOINT [ "metrics-server" ]` on a PATH that includes its bin directory.
 */
import type { ImageDef } from './catalog';
import { addExe, debianTree, distrolessTree } from './trees';

const DAY = 86_400_000;
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function scratch(repo: string, tag: string, size: number, program: string, path: string, ports: string[], daysOld: number): ImageDef {
  const created = -daysOld * DAY;
  let tree: ReturnType<ImageDef['tree']> | undefined;
  return {
    repo, tag, sizeBytes: size, entrypoint: [path], cmd: [], env: [PATH], workingDir: '/', stopSignal: 'SIGTERM',
    exposedPorts: ports, os: 'distroless', osVersion: '', created,
    tree: () => {
      if (!tree) {
        tree = distrolessTree(created);
        addExe(tree, path, program, created, size - 4096);
      }
      return tree;
    },
  };
}

function bitnamiMetricsServer(): ImageDef {
  const created = -250 * DAY;
  let tree: ReturnType<ImageDef['tree']> | undefined;
  return {
    repo: 'docker.io/bitnami/metrics-server',
    tag: '0.7.1',
    sizeBytes: 32_112_245,
    entrypoint: ['metrics-server'],
    cmd: [],
    env: ['HOME=/', 'OS_ARCH=amd64', 'OS_FLAVOUR=debian-12', 'OS_NAME=linux', 'APP_VERSION=0.7.1', 'BITNAMI_APP_NAME=metrics-server', 'PATH=/opt/bitnami/common/bin:/opt/bitnami/metrics-server/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    workingDir: '/opt/bitnami/metrics-server',
    stopSignal: 'SIGTERM',
    exposedPorts: ['8443/tcp'],
    user: '1001',
    os: 'debian',
    osVersion: '12',
    created,
    tree: () => {
      if (!tree) {
        tree = debianTree(created, 'bookworm');
        addExe(tree, '/opt/bitnami/metrics-server/bin/metrics-server', 'addon@metrics-server', created, 67_915_776);
      }
      return tree;
    },
  };
}

/**
 * calico/node (calico.yaml's DaemonSet, on the host network of every node): `CMD ["start_runit"]`,
 * which starts runit's services (felix, confd, BIRD...). unverified: the image is UBI 8 minimal
 * with bash and runit; its tree here holds the entry point only, and its size is not looked up.
 */
function calicoNode(): ImageDef {
  const created = -240 * DAY;
  let tree: ReturnType<ImageDef['tree']> | undefined;
  return {
    repo: 'docker.io/calico/node', tag: 'v3.27.3', sizeBytes: 117_000_000, entrypoint: [], cmd: ['start_runit'], env: [PATH], workingDir: '/', stopSignal: 'SIGTERM',
    exposedPorts: [], os: 'distroless', osVersion: '', created,
    tree: () => {
      if (!tree) {
        tree = distrolessTree(created);
        addExe(tree, '/usr/sbin/start_runit', 'addon@calico-node', created, 4096);
      }
      return tree;
    },
  };
}

export const SYSTEM_IMAGES: ImageDef[] = [
  calicoNode(),
  bitnamiMetricsServer(),
  scratch('registry.cn-hangzhou.aliyuncs.com/google_containers/coredns', 'v1.11.1', 18_182_961, 'addon@coredns', '/coredns', ['53/tcp', '53/udp'], 480),
  scratch('docker.io/kubernetesui/dashboard', 'v2.7.0', 74_084_559, 'addon@dashboard', '/dashboard', ['8443/tcp', '9090/tcp'], 800),
  scratch('docker.io/kubernetesui/metrics-scraper', 'v1.0.8', 19_746_404, 'addon@metrics-scraper', '/metrics-sidecar', ['8000/tcp'], 950),
  scratch('docker.io/calico/kube-controllers', 'v3.27.3', 33_329_140, 'addon@calico-kube-controllers', '/usr/bin/kube-controllers', [], 240),
];

/** The system image for a full reference (`docker.io/bitnami/metrics-server:0.7.1`). */
export function systemImage(ref: string): ImageDef | undefined {
  const full = ref.includes('/') && ref.split('/')[0].includes('.') ? ref : `docker.io/${ref}`;
  return SYSTEM_IMAGES.find((d) => `${d.repo}:${d.tag}` === full);
}

/**
 * The notes' system pods as running containers. Their pods (kube-system, kubernetes-dashboard)
 * are seeded at t = 0 by `network/system-objects.ts` with the state the notes show (started a
 * day or more ago, restart counts); this module gives the ones in the pod network their
 * sandboxes (the pod IP answers pings) and their containers, started from the images on their
 * nodes with the container ids, start times and attempts of the pods' statuses. Their
 * start-up log lines are written at the time they started (`addonStartupLog`).
 *
 * The kubelets leave these pods alone (their status stays as seeded). Pods on the host
 * network (calico-node, kube-proxy, the control plane's static pods) are not containers here:
 * the hosts' processes play them.
 */
import type { K8sObject } from '../types';
import type { LogLine } from '../trace';
import type { ContainerHandle } from './runtime/types';
import type { ContainerdNode } from './runtime/node';
import type { Container } from './runtime/container';
import { containerProcesses, type HostPodProcesses } from './runtime/host';
import { Prng } from '../sim/prng';
import { fakeDigest } from '../programs/images/catalog';
import { parseTime } from '../sim/time';
import { systemImage } from '../programs/images/system';
import { addonStartupLog, COREFILE_SHA512 } from '../programs/servers/addons';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SystemPodContainers {
  /** The running container of a system pod (kubectl exec / logs), by pod uid and container name. */
  container(podUid: string, name: string): ContainerHandle | undefined;
  /** Stop a system pod's containers (stop signal, SIGKILL after `graceMs`), then its sandbox; `done` after. */
  stop(podUid: string, graceMs: number, done: () => void): void;
}

export function startSystemPods(o: {
  pods: K8sObject[];
  runtime: (node: string) => ContainerdNode | undefined;
  podFiles: (pod: K8sObject, ip: string) => { resolvConf: string; hosts: string };
  log: (l: LogLine) => void;
}): SystemPodContainers {
  const prng = new Prng('system-pods');
  const byKey = new Map<string, ContainerHandle>();
  const byPod = new Map<string, { sandbox: { destroy(): void }; handles: ContainerHandle[] }>();
  for (const pod of o.pods) {
    if (pod.spec?.hostNetwork) continue;
    const rt = pod.spec?.nodeName ? o.runtime(pod.spec.nodeName) : undefined;
    const ip: string = pod.status?.podIP ?? '';
    const containers: Json[] = pod.spec?.containers ?? [];
    if (!rt || !ip || !containers.every((c) => systemImage(c.image))) continue;
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    const uid = pod.metadata.uid ?? '';
    const files = o.podFiles(pod, ip);
    const statuses: Json[] = pod.status?.containerStatuses ?? [];
    const created = parseTime(pod.metadata.creationTimestamp ?? '') + 1_000;
    const sandbox = rt.createSystemSandbox({ podUid: uid, podName: name, namespace: ns, hostname: name, ip, resolvConf: files.resolvConf, hosts: files.hosts }, Number.isFinite(created) ? created : 0, prng);
    for (const c of containers) {
      const cfg = rt.imageConfig(c.image);
      if (!cfg) continue;
      const st = statuses.find((s) => s.name === c.name) ?? {};
      const attempt: number = st.restartCount ?? 0;
      const argv = c.command ? [...c.command, ...(c.args ?? [])] : [...cfg.entrypoint, ...(c.args ?? cfg.cmd)];
      const env: Array<[string, string]> = cfg.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]);
      const id = typeof st.containerID === 'string' ? st.containerID : undefined;
      const h = sandbox.createContainer({ name: c.name, image: cfg, argv, env, workingDir: c.workingDir ?? cfg.workingDir, attempt, ...(id ? { id } : {}) });
      const line = (stream: 'stdout' | 'stderr', text: string, t: number, repeat?: number) =>
        o.log({ t, namespace: ns, pod: name, uid, container: c.name, attempt, stream, text, ...(repeat && repeat > 1 ? { repeat } : {}) });
      const startedAt = parseTime(st.state?.running?.startedAt ?? '');
      const startup = addonStartupLog(programOf(c.image), startedAt, { configHash: COREFILE_SHA512 });
      for (const l of startup) line(l.stream, l.text, l.t);
      // The server writes its start-up lines as it starts (here at t = 0): that start is the one
      // already recorded days before, so those first lines are not written again.
      let skip = startup.length;
      h.start({ onExit: () => {}, onLog: (stream, text, t, repeat) => (skip > 0 ? void skip-- : line(stream, text, t, repeat)) });
      if (Number.isFinite(startedAt)) {
        (h as Container).startedAt = startedAt;
        (h as Container).createdAt = startedAt - 200;
      }
      byKey.set(`${uid}/${c.name}`, h);
      const entry = byPod.get(uid) ?? { sandbox, handles: [] };
      entry.handles.push(h);
      byPod.set(uid, entry);
    }
  }
  return {
    container: (podUid, n) => byKey.get(`${podUid}/${n}`),
    stop(podUid, graceMs, done) {
      const entry = byPod.get(podUid);
      if (!entry) {
        done();
        return;
      }
      byPod.delete(podUid);
      let left = entry.handles.length;
      const one = () => {
        if (--left > 0) return;
        entry.sandbox.destroy();
        done();
      };
      if (left === 0) one();
      for (const h of entry.handles) h.stop(graceMs, one);
    },
  };
}


const programs = new Map<string, string>();

/** The addon server an image runs (its `addon@…` executable); cached per image. */
function programOf(image: string): string {
  let name = programs.get(image);
  if (name === undefined) {
    name = '';
    for (const [, node] of systemImage(image)?.tree().nodes ?? []) {
      const p = (node as { program?: string }).program;
      if (p?.startsWith('addon@')) name = p.slice(6);
    }
    programs.set(image, name);
  }
  return name;
}

/**
 * The host-network system pods' processes on a node (the control plane's static pods on the
 * masters, calico-node everywhere), for the host's process table. The kube-proxy DaemonSet
 * pod is left out: the hosts run kube-proxy as a systemd service.
 */
export function hostPodProcesses(pods: K8sObject[], node: string): HostPodProcesses[] {
  const out: HostPodProcesses[] = [];
  for (const pod of pods) {
    if (!pod.spec?.hostNetwork || pod.spec.nodeName !== node || pod.metadata.labels?.['k8s-app'] === 'kube-proxy') continue;
    const statuses: Json[] = pod.status?.containerStatuses ?? [];
    const created = parseTime(pod.metadata.creationTimestamp ?? '');
    const processes: HostPodProcesses['processes'] = [];
    for (const c of (pod.spec.containers ?? []) as Json[]) {
      const st = statuses.find((s) => s.name === c.name) ?? {};
      const at = parseTime(st.state?.running?.startedAt ?? '') || created;
      if (c.command) processes.push(...containerProcesses([...c.command, ...(c.args ?? [])], String(c.image), at));
      else if (String(c.image).includes('calico/node')) processes.push(...containerProcesses(['start_runit'], String(c.image), at));
    }
    out.push({ sandboxId: hostSandboxId(pod.metadata.uid ?? ''), startedAt: Number.isFinite(created) ? created + 1_000 : 0, processes });
  }
  return out;
}

/** The sandbox id of a seeded host-network pod (its shim's `-id` in the host's process table). */
export function hostSandboxId(podUid: string): string {
  return fakeDigest(`host-sandbox:${podUid}`);
}

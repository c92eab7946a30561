/**
 * The node tools of a host, over its node's real state: the NodeView built from containerd's
 * sandboxes, containers and image store (node/runtime), and the tools registered on the host.
 */
import type { NodeHost } from '../../node/runtime/host';
import type { ContainerdNode } from '../../node/runtime/node';
import type { LogLine } from '../../trace';
import type { Future } from '../types';
import type { ExecResult } from '../../node/runtime/types';
import type { NodeRoute } from './routes';
import type { ContainerInfo, ImageInfo, NodeView, SandboxInfo } from './view';
import { fakeDigest } from '../images/catalog';
import { crictlProgram } from './crictl';
import { ctrProgram } from './ctr';
import { sshProgram } from './ssh';
import { ssProgram } from './ss';
import { journalctlProgram, systemctlProgram } from './systemd';

/** The pause image the sandboxes run (the notes' mirror registry, as kubeadm's sandbox_image). */
export const PAUSE_IMAGE = { repo: 'registry.cn-hangzhou.aliyuncs.com/google_containers/pause', tag: '3.9', sizeBytes: 321_520 };

export function imageConfigDigest(repo: string, tag: string): string {
  return fakeDigest(`config:${repo}:${tag}`);
}

export function nodeView(o: {
  name: string;
  ip: string;
  runtime?: ContainerdNode;
  hostsFile: string;
  logs?: () => readonly LogLine[];
  routes: () => NodeRoute[];
  tunnelIp?: string;
  runOn: (host: string, line: string) => Future<ExecResult> | undefined;
  loginOn: NodeView['loginOn'];
  hostIp: (name: string) => string | undefined;
  units: NodeView['units'];
  listeners: NodeView['listeners'];
  journal: NodeView['journal'];
  bootTime: NodeView['bootTime'];
}): NodeView {
  const sandboxes = (): Array<SandboxInfo & { raw: NonNullable<typeof o.runtime>['sandboxes'][number] }> =>
    (o.runtime?.sandboxes ?? []).map((sb) => ({ id: sb.id, namespace: sb.spec.namespace, name: sb.spec.podName, uid: sb.spec.podUid, ip: sb.ip, ready: sb.ready, createdAt: sb.createdAt, attempt: 0, raw: sb }));
  return {
    name: o.name,
    ip: o.ip,
    routes: o.routes,
    hostName(ip) {
      for (const line of o.hostsFile.split('\n')) {
        const f = line.trim().split(/\s+/);
        if (f[0] === ip && f[1]) return f[1];
      }
      return undefined;
    },
    tunnelIp: () => o.tunnelIp,
    sandboxes: () => sandboxes().map(({ raw: _raw, ...s }) => s),
    containers() {
      const out: ContainerInfo[] = [];
      for (const s of sandboxes()) {
        const { raw, ...sandbox } = s;
        for (const c of raw.containers) {
          const [repo, tag] = splitRef(c.spec.image.fullRef);
          out.push({
            id: c.id.replace(/^containerd:\/\//, ''), name: c.name, imageRef: c.spec.image.fullRef, imageId: imageConfigDigest(repo, tag),
            state: c.state, createdAt: c.createdAt, startedAt: c.startedAt, finishedAt: c.finishedAt, exitCode: c.exitCode, attempt: c.spec.attempt, sandbox,
          });
        }
      }
      return out;
    },
    images() {
      const out: ImageInfo[] = (o.runtime?.images() ?? []).map((d) => ({ repo: d.repo, tag: d.tag, id: imageConfigDigest(d.repo, d.tag), sizeBytes: d.sizeBytes }));
      if (o.runtime) out.push({ ...PAUSE_IMAGE, id: imageConfigDigest(PAUSE_IMAGE.repo, PAUSE_IMAGE.tag) });
      return out.sort((a, b) => (a.repo + ':' + a.tag < b.repo + ':' + b.tag ? -1 : a.repo + ':' + a.tag > b.repo + ':' + b.tag ? 1 : 0));
    },
    containerLog(id) {
      const c = this.containers().find((x) => x.id === id);
      if (!c || !o.logs) return [];
      return o.logs().filter((l) => l.uid === c.sandbox.uid && l.container === c.name && l.attempt === c.attempt).flatMap((l) => Array.from({ length: Math.min(l.repeat ?? 1, 10_000) }, () => ({ t: l.t, stream: l.stream, text: l.text })));
    },
    runOn: o.runOn,
    loginOn: o.loginOn,
    hostIp: o.hostIp,
    units: o.units,
    listeners: o.listeners,
    journal: o.journal,
    bootTime: o.bootTime,
  };
}

function splitRef(full: string): [string, string] {
  const i = full.lastIndexOf(':');
  return i > full.lastIndexOf('/') ? [full.slice(0, i), full.slice(i + 1)] : [full, 'latest'];
}

/** crictl, ctr (on nodes with a runtime) and ssh (on every machine), where a binary install puts them. */
export function registerNodeTools(host: NodeHost, view: NodeView, hasRuntime: boolean): void {
  if (hasRuntime) {
    host.register('crictl', crictlProgram(view), '/usr/local/bin/crictl');
    host.register('ctr', ctrProgram(view), '/usr/local/bin/ctr');
  }
  host.register('ssh', sshProgram(view), '/usr/bin/ssh');
  host.register('ss', ssProgram(view, 'ss'), '/usr/sbin/ss');
  host.register('netstat', ssProgram(view, 'netstat'), '/usr/bin/netstat');
  host.register('systemctl', systemctlProgram(view), '/usr/bin/systemctl');
  host.register('journalctl', journalctlProgram(view), '/usr/bin/journalctl');
}

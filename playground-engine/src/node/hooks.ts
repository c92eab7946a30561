/**
 * Lifecycle hook handlers (pkg/kubelet/lifecycle/handlers.go): exec, httpGet, sleep. The
 * result is the handler message the kubelet logs and keeps (never put into events: those say
 * only `PostStartHook failed` / `PreStopHook failed`).
 */
import type { ContainerHandle, Network } from './runtime/types';
import type { K8sObject, VirtualMs } from '../types';
import type { EventQueue } from '../sim/queue';

export type HookOutcome = { ok: true } | { ok: false; message: string };

/** `name_namespace(uid)` as format.Pod prints a pod. */
export function formatPod(pod: K8sObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

/** Go's %v of a []string: `[sh -c mkdir /data]`. */
export function goSlice(a: string[]): string {
  return `[${a.join(' ')}]`;
}

export function runHook(
  ctx: { queue: EventQueue; network: Network; nodeName: string; podIP: string; minor: string },
  pod: K8sObject,
  container: K8sObject['spec'],
  handle: ContainerHandle,
  handler: K8sObject['spec'],
  done: (o: HookOutcome) => void,
): void {
  const cname = String(container.name);
  if (handler.exec) {
    const cmd: string[] = handler.exec.command ?? [];
    handle.exec(cmd, {}, (r) => {
      if (r.startError) {
        done({ ok: false, message: `Exec lifecycle hook (${goSlice(cmd)}) for Container "${cname}" in Pod "${formatPod(pod)}" failed - error: ${r.startError}, message: ""` });
      } else if (r.exitCode !== 0) {
        const output = r.stdout + r.stderr;
        done({ ok: false, message: `Exec lifecycle hook (${goSlice(cmd)}) for Container "${cname}" in Pod "${formatPod(pod)}" failed - error: command '${cmd.join(' ')}' exited with ${r.exitCode}: ${r.stderr}, message: ${JSON.stringify(output)}` });
      } else {
        done({ ok: true });
      }
    });
    return;
  }
  if (handler.httpGet) {
    const hg = handler.httpGet;
    const port = resolvePort(hg.port, container);
    const host = hg.host || ctx.podIP;
    const path = hg.path ?? '';
    if (port === undefined) {
      done({ ok: false, message: `HTTP lifecycle hook (${path}) for Container "${cname}" in Pod "${formatPod(pod)}" failed - error: invalid port ${JSON.stringify(hg.port)}` });
      return;
    }
    const headers: Array<[string, string]> = (hg.httpHeaders ?? []).map((h: { name: string; value: string }) => [h.name, h.value]);
    ctx.network.httpGet(ctx.nodeName, { scheme: hg.scheme ?? 'HTTP', host, port, path, headers }, 0, `kube-lifecycle/${ctx.minor}`, (o) => {
      // The status code is not checked: any response is success.
      if (o.ok) done({ ok: true });
      else done({ ok: false, message: `HTTP lifecycle hook (${path}) for Container "${cname}" in Pod "${formatPod(pod)}" failed - error: ${o.error}` });
    });
    return;
  }
  if (handler.sleep) {
    const ms: VirtualMs = Math.max(0, Number(handler.sleep.seconds ?? 0)) * 1000;
    ctx.queue.after(ms, () => done({ ok: true }), 'sleep hook');
    return;
  }
  const what = handler.tcpSocket ? 'TCPSocket' : 'empty';
  ctx.queue.soon(() => done({ ok: false, message: `Cannot run handler: invalid handler: ${what}` }), 'hook');
}

/** A probe/hook port: a number, a numeric string, or a named container port. */
export function resolvePort(port: unknown, container: K8sObject['spec']): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string') {
    if (/^\d+$/.test(port)) return Number(port);
    const p = (container.ports ?? []).find((x: { name?: string }) => x.name === port);
    return p ? Number(p.containerPort) : undefined;
  }
  return undefined;
}

/**
 * The kubelet of one node: it watches the pods bound to its node (through the store) and runs
 * a pod worker per pod — SyncPod (sandbox, images, init containers, containers, hooks,
 * restarts with back-off), the prober manager, the status manager, and termination.
 *
 * Fixed latencies stand in for the real kubelet's (documented in docs/ENGINE.md):
 * - PLEG relists every second: a container state change is noticed at the next relist tick;
 * - a sync that fails (back-off, pull error) is requeued by the pod worker after
 *   `wait.Jitter(10s, 0.5)` (10–15 s, the jitter drawn from a PRNG seeded by the pod's UID), a
 *   successful one after `wait.Jitter(1m, 0.5)`, and picked up at the next tick of the kubelet's
 *   1 s sync ticker;
 * - creating the pod sandbox (pause container + CNI) takes 1 s.
 */
import { parseQuantity } from '../kubectl/quantity';
import type { EventQueue, Timer } from '../sim/queue';
import type { Store } from '../store/store';
import type { EventRecorder } from '../store/events';
import { refTo } from '../store/events';
import type { ContainerHandle, Network, NodeRuntime, Sandbox } from './runtime/types';
import type { K8sObject, VirtualMs } from '../types';
import type { LogLine, ProbeKind, ProbeRecord } from '../trace';
import { runTask, waitFor, type Step } from '../sim/task';
import { Backoff, goDuration } from './backoff';
import { ImageManager } from './images';
import { formatPod, runHook, type HookOutcome } from './hooks';
import { containerEnv, expand } from './env';
import { containerMounts, serviceAccountToken, setUpPodVolumes, type PodVolume } from './volumes';
import type { OverlayFs } from './runtime/fs';
import { Prng } from '../sim/prng';
import { generateStatus, isRestartableInit, shouldRestart, type Instance } from './status';
import { ProbeWorker, type Result } from './prober/worker';
import { runProbe, type RawOutcome, type RunnerContext } from './prober/runners';
import { parseTime } from '../sim/time';

export const PLEG_RELIST_MS = 1000;
/** kubelet.go backOffPeriod: the pod worker's requeue delay after a failed sync. */
export const SYNC_RETRY_MS = 10_000;
/** pod_workers.go workerBackOffPeriodJitterFactor: wait.Jitter(backOffPeriod, 0.5) = 10 s + [0, 5 s). */
export const SYNC_RETRY_JITTER = 0.5;
/** KubeletConfiguration syncFrequency (default 1m): the pod worker's requeue after a successful sync (workerResyncIntervalJitterFactor 0.5). */
export const RESYNC_INTERVAL_MS = 60_000;
/** kubelet.go syncLoop: the work queue is read on a 1 s ticker (`syncTicker`). */
export const SYNC_TICK_MS = 1000;
export const SANDBOX_CREATE_MS = 1000;
export const MIN_GRACE_S = 2;
export const KUBE_MINOR = '1.30';
/** The prober's User-Agent (pkg/probe/http/request.go: kube-probe/<major>.<minor>). */
const PROBE_USER_AGENT = `kube-probe/${KUBE_MINOR}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the kubelet needs from the API server (it writes only through it). */
export interface KubeletApi {
  /** PUT pods/status. */
  updatePodStatus(pod: K8sObject, status: Json): void;
  /** The final delete with grace 0 and a UID precondition, once a deleted pod's containers stopped. */
  deletePodFinal(pod: K8sObject): void;
  /** POST of a mirror pod (mirror_client.go CreateMirrorPod); the stored pod, undefined when refused. */
  createMirrorPod?(pod: K8sObject): K8sObject | undefined;
}

/** The status manager's periodic sync (status_manager.go syncPeriod): a status the API lacks is written then. */
export const STATUS_SYNC_PERIOD_MS = 10_000;

/** A mirror pod: the API's copy of a static pod, controlled by its Node (kubetypes.IsMirrorPod). */
export function isMirrorPod(pod: K8sObject): boolean {
  return (pod.metadata?.ownerReferences ?? []).some((r: Json) => r.kind === 'Node' && r.controller);
}

export interface KubeletDeps {
  queue: EventQueue;
  store: Store;
  recorder: EventRecorder;
  runtime: NodeRuntime;
  network: Network;
  api: KubeletApi;
  nodeName: string;
  nodeIP: string;
  /** Pod IPs from the node's Calico block. */
  ipam: { allocate(podKey: string): string; release(ip: string): void };
  /** /etc/resolv.conf and /etc/hosts for a pod. */
  podFiles(pod: K8sObject, ip: string): { resolvConf: string; hosts: string };
  /** Phase of the relist grid (ms within a second) for this node. */
  plegPhaseMs: number;
  /** Phase of the sync loop's 1 s ticker (ms within a second) for this node (0 when not given). */
  syncTickPhaseMs?: number;
  /** The node's own filesystem (hostPath volumes). */
  hostFs?: OverlayFs;
  /** Pods this kubelet leaves alone (the default cluster's system pods, shown as already running). */
  ignore?: (pod: K8sObject) => boolean;
  /**
   * Stop such a pod's containers (the image's stop signal, SIGKILL after `graceMs`) and tear its
   * sandbox down; `done` once they are gone. For a pod on the host network (calico-node), its
   * processes in the host's process table.
   */
  stopIgnored?: (pod: K8sObject, graceMs: number, done: () => void) => void;
  trace: {
    probe(r: ProbeRecord): void;
    log(l: LogLine): void;
    component(component: string, message: string): void;
  };
}

interface ProbeResults {
  liveness: Map<string, Result>;
  readiness: Map<string, Result>;
  startup: Map<string, Result>;
}

/** The kubelet's record of one pod. */
class PodRecord {
  pod: K8sObject;
  sandbox?: Sandbox;
  podIP?: string;
  sandboxReady = false;
  instances = new Map<string, Instance[]>();
  reasonCache = new Map<string, { reason: string; message: string }>();
  probes: ProbeWorker[] = [];
  results: ProbeResults = { liveness: new Map(), readiness: new Map(), startup: new Map() };
  status?: Json;
  syncing = false;
  pending = false;
  scheduled = false;
  lastSyncFailed = false;
  retryTimer?: Timer;
  plegTimer?: Timer;
  /** The pod worker's jitter source (wait.Jitter), seeded by the pod's UID: the same run draws the same delays. */
  jitter: Prng;
  /** The pod's volumes once set up (MountVolume.SetUp), by name. */
  volumes = new Map<string, PodVolume>();
  /** Exponential back-off of failed volume set-ups (nestedpendingoperations: 500 ms doubling, at most 2m2s). */
  mountBackoffMs = 0;
  mountTimer?: Timer;
  /** Termination started (deleted, or terminal phase reached). */
  terminating = false;
  terminated = false;
  removedFromApi = false;
  /** The probe runners' context (kubelet.probeContext). */
  probeContext?: RunnerContext;

  constructor(pod: K8sObject) {
    this.pod = pod;
    this.jitter = new Prng(`pod-worker/${pod.metadata.uid ?? ''}`);
  }

  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  running(): Instance[] {
    const out: Instance[] = [];
    for (const list of this.instances.values()) {
      const cur = list[list.length - 1];
      if (cur && cur.handle.state === 'running') out.push(cur);
    }
    return out;
  }

  /** The last instance found by id (every probe asks twice; instances are only ever added). */
  private lastById?: Instance;

  instanceById(id: string): Instance | undefined {
    const last = this.lastById;
    if (last && last.handle.id === id) return last;
    for (const list of this.instances.values()) {
      for (const i of list) {
        if (i.handle.id === id) {
          this.lastById = i;
          return i;
        }
      }
    }
    return undefined;
  }
}

export class Kubelet {
  private pods = new Map<string, PodRecord>();
  /** Pods whose termination finished (the pod worker's "finished" state): later events about them are ignored. */
  private finished = new Set<string>();
  private images: ImageManager;
  private crashBackoff: Backoff;
  private q: EventQueue;

  constructor(private d: KubeletDeps) {
    this.q = d.queue;
    this.images = new ImageManager(d.runtime, () => this.q.now);
    this.crashBackoff = new Backoff(() => this.q.now);
    d.store.watch('Pod', (type, pod) => this.onPod(type, pod));
  }

  get nodeName(): string {
    return this.d.nodeName;
  }

  /** The running container of a pod on this node (for kubectl exec / logs). */
  container(uid: string, name: string): { handle: ContainerHandle; attempt: number } | undefined {
    const rec = this.pods.get(uid);
    const list = rec?.instances.get(name);
    const cur = list?.[list.length - 1];
    return cur ? { handle: cur.handle, attempt: cur.restartCount } : undefined;
  }

  // ---- watch ---------------------------------------------------------------------------

  private onPod(type: string, pod: K8sObject): void {
    if (pod.spec?.nodeName !== this.d.nodeName) return;
    if (isMirrorPod(pod)) {
      // deleted gracefully (an update with a deletionTimestamp) or at once (--force --grace-period=0)
      if (type === 'DELETED' || pod.metadata.deletionTimestamp) this.replaceMirrorPod(pod, type === 'DELETED');
      return;
    }
    if (this.d.ignore?.(pod)) {
      // a graceful delete reaches the kubelet as an update; a pod deleted at once (grace period
      // 0, as calico-node's terminationGracePeriodSeconds has it) as its removal
      if (type === 'DELETED' || pod.metadata.deletionTimestamp) this.terminateIgnored(pod, type === 'DELETED');
      return;
    }
    const uid = pod.metadata.uid ?? '';
    if (this.finished.has(uid)) return;
    let rec = this.pods.get(uid);
    if (type === 'DELETED') {
      if (rec && !rec.terminated) {
        rec.pod = pod;
        rec.removedFromApi = true;
        this.requestSync(rec);
      }
      return;
    }
    if (!rec) {
      rec = new PodRecord(pod);
      this.pods.set(uid, rec);
      this.d.trace.component(`kubelet/${this.d.nodeName}`, `SyncLoop ADD: pod ${pod.metadata.namespace}/${pod.metadata.name} is bound to this node`);
      this.addProbes(rec);
    } else {
      if (!rec.pod.metadata.deletionTimestamp && pod.metadata.deletionTimestamp) {
        this.d.trace.component(`kubelet/${this.d.nodeName}`, `SyncLoop DELETE: pod ${pod.metadata.namespace}/${pod.metadata.name} (grace period ${pod.metadata.deletionGracePeriodSeconds}s)`);
      }
      const before = rec.pod;
      rec.pod = pod;
      // The config source only dispatches real updates: a write of the pod's own status
      // (the kubelet's, coming back through the watch) is a reconcile, not a sync.
      if (specKey(before) === specKey(pod)) return;
    }
    this.requestSync(rec);
  }

  // ---- pod worker ----------------------------------------------------------------------

  private requestSync(rec: PodRecord): void {
    if (rec.terminated) return;
    if (rec.syncing) {
      rec.pending = true;
      return;
    }
    if (rec.scheduled) return;
    rec.scheduled = true;
    this.q.cancel(rec.retryTimer);
    this.q.soon(() => {
      rec.scheduled = false;
      this.startSync(rec);
    }, 'pod worker');
  }

  private startSync(rec: PodRecord): void {
    if (rec.terminated || rec.syncing) return;
    rec.syncing = true;
    const gen = rec.pod.metadata.deletionTimestamp || rec.removedFromApi || rec.terminating ? this.syncTerminating(rec) : this.syncPod(rec);
    runTask(this.q, gen, {
      label: 'SyncPod',
      onDone: () => this.afterSync(rec),
      onError: (e) => {
        this.d.trace.component(`kubelet/${this.d.nodeName}`, `internal error in SyncPod: ${String(e)}`);
        this.afterSync(rec);
      },
    });
  }

  private afterSync(rec: PodRecord): void {
    rec.syncing = false;
    if (rec.terminated) return;
    if (rec.pending) {
      rec.pending = false;
      this.requestSync(rec);
      return;
    }
    // pod_workers.go completeWork: a failed sync is requeued after wait.Jitter(backOffPeriod, 0.5),
    // a successful one after wait.Jitter(resyncInterval, 0.5); the sync loop reads the work queue
    // on its 1 s ticker.
    this.q.cancel(rec.retryTimer);
    rec.retryTimer = rec.lastSyncFailed
      ? this.q.at(this.requeueAt(rec, SYNC_RETRY_MS), () => this.requestSync(rec), 'pod worker retry')
      : this.q.at(this.requeueAt(rec, RESYNC_INTERVAL_MS), () => this.requestSync(rec), 'pod worker resync');
  }

  /** When the pod worker syncs this pod again: the first sync tick at or after now + wait.Jitter(period, 0.5). */
  private requeueAt(rec: PodRecord, period: number): VirtualMs {
    const due = this.q.now + Math.floor(period * (1 + SYNC_RETRY_JITTER * rec.jitter.next()));
    const phase = this.d.syncTickPhaseMs ?? 0;
    let tick = Math.floor((due - phase) / SYNC_TICK_MS) * SYNC_TICK_MS + phase;
    if (tick < due) tick += SYNC_TICK_MS;
    return tick;
  }

  /** PLEG: a container or sandbox changed state; the next relist notices it. */
  private plegNotice(rec: PodRecord): void {
    if (rec.plegTimer && !rec.plegTimer.cancelled && rec.plegTimer.t > this.q.now) return;
    rec.plegTimer = this.q.at(this.nextRelist(), () => this.requestSync(rec), 'PLEG relist');
  }

  // ---- status manager ------------------------------------------------------------------

  private writeStatus(rec: PodRecord, opts: { trigger: boolean; terminal?: boolean } = { trigger: true }): Json {
    const status = generateStatus({
      pod: rec.pod,
      instances: rec.instances,
      reasonCache: rec.reasonCache,
      probes: {
        startup: (id) => rec.results.startup.get(id),
        readiness: (id) => rec.results.readiness.get(id),
        hasProbe: (c, kind) => rec.probes.some((w) => w.container === c && w.kind === kind),
        triggerReadiness: (c) => {
          if (!opts.trigger) return;
          for (const w of rec.probes) if (w.container === c && w.kind === 'readiness') w.trigger();
        },
      },
      podIP: rec.podIP,
      hostIP: this.d.nodeIP,
      sandboxReady: rec.sandboxReady,
      old: rec.status ?? rec.pod.status,
      now: this.q.now,
      terminal: !!opts.terminal,
    });
    rec.status = status;
    if (!rec.removedFromApi) this.d.api.updatePodStatus(rec.pod, status);
    return status;
  }

  // ---- probes --------------------------------------------------------------------------

  private addProbes(rec: PodRecord): void {
    const kinds: Array<[ProbeKind, string]> = [['startup', 'startupProbe'], ['readiness', 'readinessProbe'], ['liveness', 'livenessProbe']];
    // prober_manager AddPod: the app containers, then the restartable init containers.
    const probed: Json[] = [...(rec.pod.spec?.containers ?? []), ...(rec.pod.spec?.initContainers ?? []).filter(isRestartableInit)];
    for (const c of probed) {
      for (const [kind, field] of kinds) {
        const spec = c[field];
        if (!spec) continue;
        const w = new ProbeWorker({
          queue: this.q,
          podStatus: () => rec.status,
          pod: () => rec.pod,
          startedAt: (id) => rec.instanceById(id)?.handle.startedAt,
          run: (id, done) => {
            const inst = rec.instanceById(id);
            if (!inst) return done({ result: 'unknown', output: '', error: 'container not found' });
            runProbe(this.probeContext(rec), spec, c, inst.handle, done);
          },
          setResult: (k, id, r) => this.setProbeResult(rec, c.name, k, id, r),
          observed: (k, id, o) => this.probeObserved(rec, c, k, o),
        }, c.name, kind, spec);
        rec.probes.push(w);
      }
    }
    for (const w of rec.probes) w.start();
  }

  /** The runners' context for the pod, kept while its IP stays (only read by the runners). */
  private probeContext(rec: PodRecord): RunnerContext {
    const podIP = rec.podIP ?? '';
    const known = rec.probeContext;
    if (known && known.podIP === podIP && known.network === this.d.network) return known;
    return (rec.probeContext = { network: this.d.network, nodeName: this.d.nodeName, podIP, userAgent: PROBE_USER_AGENT });
  }

  private probeObserved(rec: PodRecord, c: Json, kind: ProbeKind, o: RawOutcome): void {
    const result: ProbeRecord['result'] = 'error' in o ? 'error' : o.result === 'warning' ? 'warning' : o.result === 'success' ? 'success' : 'failure';
    this.d.trace.probe({
      t: this.q.now,
      namespace: rec.pod.metadata.namespace ?? 'default',
      pod: rec.pod.metadata.name ?? '',
      container: c.name,
      probe: kind,
      result,
      output: 'error' in o ? o.error : o.output,
    });
    if (!('error' in o) && o.result === 'success') return; // nothing for the recorder
    const Kind = kind[0].toUpperCase() + kind.slice(1);
    const ref = refTo(rec.pod, this.fieldPath(rec, c.name));
    const src = { component: 'kubelet', host: this.d.nodeName };
    if ('error' in o) this.d.recorder.record(src, ref, 'Warning', 'Unhealthy', `${Kind} probe errored and resulted in unknown state: ${o.error}`);
    else if (o.result === 'failure') this.d.recorder.record(src, ref, 'Warning', 'Unhealthy', `${Kind} probe failed: ${o.output}`);
    else if (o.result === 'warning') this.d.recorder.record(src, ref, 'Warning', 'ProbeWarning', `${Kind} probe warning: ${o.output}`);
  }

  private setProbeResult(rec: PodRecord, container: string, kind: ProbeKind, id: string, r: Result): void {
    const m = rec.results[kind];
    if (m.get(id) === r) return;
    m.set(id, r);
    if (rec.terminated) return;
    if (kind === 'readiness') {
      // The status manager flips the container's readiness at once, then the pod syncs.
      if (rec.status && !rec.terminating) this.writeStatus(rec, { trigger: false });
      this.d.trace.component(`kubelet/${this.d.nodeName}`, `readiness of ${rec.pod.metadata.name}/${container} is now ${r === 'success' ? 'ready' : 'not ready'}`);
    }
    if (kind === 'liveness' && r === 'success') return;
    this.requestSync(rec);
  }

  // ---- SyncPod -------------------------------------------------------------------------

  private stoppingIgnored = new Set<string>();

  /**
   * A system pod of the default cluster being deleted (`kubectl delete pod coredns-… -n
   * kube-system`, or calico-node's, whose processes run on the host network): as for any pod,
   * the containers get their Killing event and are stopped within the grace period (at least
   * kuberuntime's minimumGracePeriodInSeconds, 2 s), then the pod object is removed, if the API
   * server has not removed it already (grace period 0); its ReplicaSet or DaemonSet makes
   * another. The control plane's mirror pods are not stopped: see replaceMirrorPod.
   */
  private terminateIgnored(pod: K8sObject, removed = false): void {
    const uid = pod.metadata.uid ?? '';
    if (this.stoppingIgnored.has(uid)) return;
    this.stoppingIgnored.add(uid);
    const grace = Number(pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    this.d.trace.component(`kubelet/${this.d.nodeName}`, removed ? `SyncLoop REMOVE: pod ${pod.metadata.namespace}/${pod.metadata.name}` : `SyncLoop DELETE: pod ${pod.metadata.namespace}/${pod.metadata.name} (grace period ${grace}s)`);
    const containers: Json[] = pod.spec?.containers ?? [];
    for (const c of containers) {
      const ref = refTo(pod, `spec.containers{${c.name}}`);
      this.d.recorder.record({ component: 'kubelet', host: this.d.nodeName }, ref, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    const finish = () => {
      if (!removed) this.d.api.deletePodFinal(this.d.store.get('Pod', pod.metadata.namespace, pod.metadata.name ?? '') ?? pod);
    };
    if (this.d.stopIgnored) this.d.stopIgnored(pod, Math.max(grace, MIN_GRACE_S) * 1000, finish);
    else this.q.soon(finish, 'pod removed');
  }

  /** Mirror pods being replaced (by the old mirror's uid). */
  private replacingMirror = new Set<string>();
  /** The static pods' statuses, as the status manager keeps them, by mirror pod name. */
  private staticStatus = new Map<string, Json>();

  /**
   * A mirror pod deleted through the API (`kubectl delete pod kube-apiserver-k8s-master01`): the
   * static pod behind it is the kubelet's own and keeps running. The mirror pod's update reaches
   * the static pod's worker (kubelet.go HandlePodUpdates → handleMirrorPod), whose syncPod finds
   * the mirror pod with a deletionTimestamp: it deletes it at once (mirror_client.go
   * DeleteMirrorPod: grace period 0, the old UID as precondition) and creates a new one from the
   * static pod (CreateMirrorPod: a new UID and creationTimestamp). The status manager keeps the
   * static pod's status (same start time, container ids and restart counts: nothing restarted)
   * and writes it to the new mirror pod at its next periodic sync.
   */
  private replaceMirrorPod(pod: K8sObject, removed = false): void {
    const uid = pod.metadata.uid ?? '';
    if (this.replacingMirror.has(uid) || !this.d.api.createMirrorPod) return;
    this.replacingMirror.add(uid);
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (!this.staticStatus.has(key) && pod.status) this.staticStatus.set(key, JSON.parse(JSON.stringify(pod.status)));
    const who = `kubelet/${this.d.nodeName}`;
    this.q.soon(() => {
      // (a mirror pod already removed, `--force --grace-period=0`: there is none to delete, and
      // the next sync creates one)
      if (!removed) {
        this.d.trace.component(who, `"Trying to delete pod" pod="${key}" podUID="${uid}"`);
        this.d.api.deletePodFinal(pod);
        this.d.trace.component(who, `"Deleted mirror pod because it is outdated" pod="${key}"`);
      }
      const meta: Json = pod.metadata;
      const mirror = {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: meta.name, namespace: meta.namespace, ...(meta.labels ? { labels: { ...meta.labels } } : {}), ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}), ownerReferences: JSON.parse(JSON.stringify(meta.ownerReferences)) },
        spec: JSON.parse(JSON.stringify(pod.spec)),
      } as K8sObject;
      const created = this.d.api.createMirrorPod?.(mirror);
      if (!created) return;
      const status = this.staticStatus.get(key);
      if (!status) return;
      const next = Math.floor(this.q.now / STATUS_SYNC_PERIOD_MS + 1) * STATUS_SYNC_PERIOD_MS;
      this.q.at(next, () => {
        const { qosClass: _q, ...rest } = status;
        this.d.api.updatePodStatus(created, rest);
      }, 'status manager sync');
    }, 'static pod worker');
  }

  private event(rec: PodRecord, container: string | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ref = refTo(rec.pod, container ? this.fieldPath(rec, container) : undefined);
    this.d.recorder.record({ component: 'kubelet', host: this.d.nodeName }, ref, type, reason, message);
  }

  private fieldPath(rec: PodRecord, container: string): string {
    const init = (rec.pod.spec?.initContainers ?? []).some((c: Json) => c.name === container);
    return `spec.${init ? 'initContainers' : 'containers'}{${container}}`;
  }

  private *syncPod(rec: PodRecord): Generator<Step, void, unknown> {
    const status = this.writeStatus(rec);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      rec.terminating = true;
      yield* this.syncTerminating(rec);
      return;
    }
    let failed = false;
    const pod = rec.pod;

    // Containers to kill: failed liveness or startup probes.
    const toStart: Json[] = [];
    const initSpecs: Json[] = pod.spec?.initContainers ?? [];
    const specs: Json[] = pod.spec?.containers ?? [];
    const policy = pod.spec?.restartPolicy ?? 'Always';

    // WaitForAttachAndMount: no sandbox and no container before every volume is set up.
    if (!this.mountVolumes(rec)) {
      rec.lastSyncFailed = false;
      return;
    }

    if (!rec.sandbox) {
      yield* this.createSandbox(rec);
    }

    // Init containers (computeInitContainerActions): regular ones one at a time until each has
    // exited 0; a restartable one (a sidecar) lets the next start once it is started, and is
    // kept running (restarted on exit, killed on a failed startup or liveness probe).
    const kills: Array<{ inst: Instance; message: string; reason: string; spec: Json }> = [];
    const initActions = this.initContainerActions(rec);
    if (initActions.killPod) {
      // restartPolicy Never and a failed init container: the pod is Failed (the next sync tears it down).
      rec.lastSyncFailed = false;
      this.plegNotice(rec);
      return;
    }
    const initDone = initActions.initialized;
    toStart.push(...initActions.toStart);
    kills.push(...initActions.kills);

    if (initDone) {
      let keep = 0;
      const startsBefore = toStart.length;
      for (const c of specs) {
        const list = rec.instances.get(c.name);
        const cur = list?.[list.length - 1];
        if (!cur || cur.handle.state !== 'running') {
          if (shouldRestart(pod, list)) toStart.push(c);
          continue;
        }
        keep++;
        let message = '';
        let reason = '';
        if (cur.specImage !== undefined && cur.specImage !== c.image) {
          // computePodActions: the container's hash changed (a new image).
          message = `Container ${c.name} definition changed`;
          reason = 'definition';
        } else if (rec.results.liveness.get(cur.handle.id) === 'failure') {
          message = `Container ${c.name} failed liveness probe`;
          reason = 'liveness';
        } else if (rec.results.startup.get(cur.handle.id) === 'failure') {
          message = `Container ${c.name} failed startup probe`;
          reason = 'startup';
        }
        if (!message) continue;
        keep--;
        if (policy !== 'Never') {
          message += ', will be restarted';
          toStart.push(c);
        }
        kills.push({ inst: cur, message, reason, spec: c });
      }
      // computePodActions: no regular container left to run and none to start: kill the pod,
      // so that its sidecars do not keep it alive (InitContainersToStart = nil).
      if (keep <= 0 && toStart.length === startsBefore && specs.length > 0) {
        const sidecars = rec.running().filter((i) => isRestartableInit(initSpecs.find((c) => c.name === i.name)));
        if (sidecars.length) {
          for (let i = toStart.length - 1; i >= 0; i--) if (isRestartableInit(toStart[i]) && initSpecs.includes(toStart[i])) toStart.splice(i, 1);
          yield* this.killRunning(rec, sidecars);
          rec.lastSyncFailed = false;
          return;
        }
      }
    }

    // The back-off check compares against the exited instances known when the sync began.
    const exitedAtStart = new Map<string, Instance | undefined>();
    for (const c of [...initSpecs, ...specs]) {
      const list = rec.instances.get(c.name) ?? [];
      exitedAtStart.set(c.name, [...list].reverse().find((i) => i.handle.state === 'exited'));
    }

    for (const k of kills) {
      yield* this.killContainer(rec, k.inst, k.spec, k.message, k.reason);
    }

    const errors: string[] = [];
    for (const c of toStart) {
      if (rec.pod.metadata.deletionTimestamp) break;
      const ok = yield* this.startContainer(rec, c, exitedAtStart.get(c.name));
      if (!ok) {
        failed = true;
        const r = rec.reasonCache.get(c.name);
        // kubecontainer.SyncResult: `failed to %q for %q with %v: %q`.
        if (r) errors.push(`failed to "StartContainer" for ${goQuote(c.name)} with ${r.reason}: ${goQuote(r.message)}`);
        // A sidecar that fails to start is skipped; a regular init container aborts the sync.
        if (initSpecs.includes(c) && !isRestartableInit(c)) break;
      }
    }
    rec.lastSyncFailed = failed;
    if (errors.length) {
      // pod_workers.go: the failed sync is logged, then requeued (utilerrors.Aggregate of the sync results).
      const err = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
      this.d.trace.component(`kubelet/${this.d.nodeName}`, `"Error syncing pod, skipping" err=${goQuote(err)} pod="${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}" podUID="${rec.uid}"`);
    }
  }

  /**
   * kuberuntime_container.go computeInitContainerActions (SidecarContainers on, v1.29+): which
   * init containers to start and kill, and whether the pod has been initialized.
   */
  private initContainerActions(rec: PodRecord): { toStart: Json[]; kills: Array<{ inst: Instance; message: string; reason: string; spec: Json }>; initialized: boolean; killPod: boolean } {
    const pod = rec.pod;
    const inits: Json[] = pod.spec?.initContainers ?? [];
    const kills: Array<{ inst: Instance; message: string; reason: string; spec: Json }> = [];
    const idx: number[] = [];
    if (!inits.length) return { toStart: [], kills, initialized: true, killPod: false };
    const latestOf = (name: string) => rec.instances.get(name)?.at(-1);
    let initialized = (pod.spec?.containers ?? []).some((c: Json) => {
      const st = latestOf(c.name)?.handle.state;
      return st === 'created' || st === 'running';
    });
    let previously = initialized;
    const restartOnFailure = (pod.spec?.restartPolicy ?? 'Always') !== 'Never';
    for (let i = inits.length - 1; i >= 0; i--) {
      const c = inits[i];
      const cur = latestOf(c.name);
      const sidecar = isRestartableInit(c);
      if (!cur) {
        if (previously && sidecar) idx.push(i);
        continue;
      }
      if (previously && !sidecar) continue;
      const state = cur.handle.state;
      if (state === 'created') {
        idx.push(i);
      } else if (state === 'running') {
        if (sidecar) do {
          if (c.startupProbe) {
            const r = rec.results.startup.get(cur.handle.id);
            if (r === undefined) break;
            if (r !== 'success') {
              kills.push({ inst: cur, message: `Init container ${c.name} failed startup probe`, reason: 'startup', spec: c });
              idx.push(i);
              break;
            }
          }
          if (i === inits.length - 1) initialized = true;
          else if (!previously) idx.push(i + 1);
          if (cur.specImage !== undefined && cur.specImage !== c.image) {
            kills.push({ inst: cur, message: `Init container ${c.name} definition changed`, reason: 'definition', spec: c });
            idx.push(i);
            break;
          }
          if (c.livenessProbe && rec.results.liveness.get(cur.handle.id) === 'failure') {
            kills.push({ inst: cur, message: `Init container ${c.name} failed liveness probe`, reason: 'liveness', spec: c });
            idx.push(i);
          }
        } while (false);
      } else if (sidecar) {
        idx.push(i);
      } else if ((cur.handle.exitCode ?? 0) !== 0) {
        if (!restartOnFailure) return { toStart: [], kills: [], initialized: false, killPod: true };
        idx.push(i);
      } else if (i === inits.length - 1) {
        initialized = true;
      } else {
        idx.push(i + 1);
      }
      previously = true;
    }
    if (!previously) idx.push(0);
    idx.reverse();
    const toStart = [...new Set(idx)].map((i) => inits[i]);
    return { toStart, kills, initialized, killPod: false };
  }

  /** The volume manager: set up the pod's volumes; a failure is a FailedMount event and a retry with back-off. */
  private mountVolumes(rec: PodRecord): boolean {
    const pod = rec.pod;
    const specs: Json[] = pod.spec?.volumes ?? [];
    if (specs.every((v) => rec.volumes.get(v.name)?.ok)) return true;
    const fresh = setUpPodVolumes(pod, {
      configMap: (ns, n) => this.d.store.peek('ConfigMap', ns, n),
      secret: (ns, n) => this.d.store.peek('Secret', ns, n),
      token: () => serviceAccountToken(new Prng(`token/${rec.uid}`)),
      hostFs: this.d.hostFs,
      now: this.q.now,
      nodeName: this.d.nodeName,
      hostIP: this.d.nodeIP,
      podIP: rec.podIP ?? '',
    });
    let ok = true;
    for (const v of specs) {
      if (rec.volumes.get(v.name)?.ok) continue;
      const r = fresh.get(v.name);
      if (!r) continue;
      if (r.ok) rec.volumes.set(v.name, r);
      else {
        ok = false;
        this.event(rec, undefined, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${r.message}`);
      }
    }
    if (ok) {
      rec.mountBackoffMs = 0;
      return true;
    }
    rec.mountBackoffMs = rec.mountBackoffMs ? Math.min(rec.mountBackoffMs * 2, 122_000) : 500;
    this.q.cancel(rec.mountTimer);
    rec.mountTimer = this.q.after(rec.mountBackoffMs, () => this.requestSync(rec), 'volume set-up retry');
    if (!rec.status || rec.status.phase !== 'Pending') this.writeStatus(rec);
    return false;
  }

  private *createSandbox(rec: PodRecord): Generator<Step, void, unknown> {
    const pod = rec.pod;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}/${pod.metadata.uid}`;
    // A pod on the host network has the node's IP and hostname; Calico's IPAM is not asked.
    const hostNetwork = !!pod.spec?.hostNetwork;
    const ip = hostNetwork ? this.d.nodeIP : this.d.ipam.allocate(key);
    yield { sleep: SANDBOX_CREATE_MS };
    const files = this.d.podFiles(pod, ip);
    rec.sandbox = this.d.runtime.createSandbox({
      podUid: rec.uid,
      podName: pod.metadata.name ?? '',
      namespace: pod.metadata.namespace ?? 'default',
      hostname: hostNetwork ? this.d.nodeName : pod.spec?.hostname ?? pod.metadata.name ?? '',
      ip,
      resolvConf: files.resolvConf,
      hosts: files.hosts,
      ...(hostNetwork ? { hostNetwork } : {}),
    });
    rec.podIP = ip;
    rec.sandboxReady = true;
    this.d.trace.component(`kubelet/${this.d.nodeName}`, hostNetwork ? `RunPodSandbox for ${pod.metadata.namespace}/${pod.metadata.name}: sandbox ready on the host network (${ip})` : `RunPodSandbox for ${pod.metadata.namespace}/${pod.metadata.name}: sandbox ready, Calico assigned IP ${ip}`);
    this.plegNotice(rec);
  }

  /** kuberuntime_container.go startContainer, preceded by the crash back-off check. */
  private *startContainer(rec: PodRecord, c: Json, lastExited: Instance | undefined): Generator<Step, boolean, unknown> {
    const pod = rec.pod;
    const name: string = c.name;
    const init = (pod.spec?.initContainers ?? []).includes(c);
    if (lastExited) {
      const key = `${pod.metadata.name}_${pod.metadata.namespace}_${pod.metadata.uid}_${name}`;
      const finishedAt = lastExited.handle.finishedAt ?? this.q.now;
      if (this.crashBackoff.isInBackOffSince(key, finishedAt)) {
        this.event(rec, name, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${formatPod(pod)}`);
        rec.reasonCache.set(name, {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(this.crashBackoff.get(key))} restarting failed container=${name} pod=${formatPod(pod)}`,
        });
        return false;
      }
      this.crashBackoff.next(key, finishedAt);
    }

    // Image.
    const image: string = c.image;
    const ensured = (yield waitFor<Json>((resume) => this.images.ensure(rec.uid, image, c.imagePullPolicy ?? 'IfNotPresent', {
      event: (type, reason, message) => this.event(rec, name, type, reason, message),
    }, resume))) as Json;
    if (!ensured.ok) {
      this.event(rec, name, 'Warning', 'Failed', `Error: ${ensured.reason}`);
      rec.reasonCache.set(name, { reason: ensured.reason, message: ensured.message });
      return false;
    }
    if (rec.pod.metadata.deletionTimestamp) return false;

    // Environment and argv.
    const services = this.d.store.peekList('Service').filter((s) => s.metadata.namespace === pod.metadata.namespace || (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes'));
    const env = containerEnv(c, {
      pod,
      services,
      configMap: (ns, n) => this.d.store.peek('ConfigMap', ns, n),
      secret: (ns, n) => this.d.store.peek('Secret', ns, n),
      nodeName: this.d.nodeName,
      hostIP: this.d.nodeIP,
      podIP: rec.podIP ?? '',
    });
    if (!env.ok) {
      this.event(rec, name, 'Warning', 'Failed', `Error: ${env.message}`);
      rec.reasonCache.set(name, { reason: env.reason, message: env.message });
      return false;
    }
    const cfg = ensured.image;
    const mapping = (v: string) => {
      for (let i = env.env.length - 1; i >= 0; i--) if (env.env[i][0] === v) return env.env[i][1];
      return undefined;
    };
    const command: string[] | undefined = c.command?.map((s: string) => expand(s, mapping));
    const args: string[] | undefined = c.args?.map((s: string) => expand(s, mapping));
    // Docker semantics: command replaces ENTRYPOINT (and drops CMD); args replace CMD.
    const argv = command ? [...command, ...(args ?? [])] : [...cfg.entrypoint, ...(args ?? cfg.cmd)];
    const imageEnv: Array<[string, string]> = cfg.env.map((kv: string) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i), kv.slice(i + 1)] as [string, string];
    });
    const userKeys = new Set(env.env.map(([k]) => k));
    const finalEnv = [...imageEnv.filter(([k]) => !userKeys.has(k)), ...env.env];

    // Create.
    const list = rec.instances.get(name) ?? [];
    const prev = list[list.length - 1];
    const restartCount = prev ? prev.restartCount + 1 : 0;
    const vols = containerMounts(c, rec.volumes, rec.pod.spec?.volumes ?? []);
    const handle = rec.sandbox!.createContainer({
      name,
      image: cfg,
      argv,
      env: finalEnv,
      workingDir: c.workingDir ?? cfg.workingDir,
      attempt: restartCount,
      files: vols.files,
      readOnlyFiles: vols.readOnlyFiles,
      mounts: vols.mounts,
      memoryLimitBytes: memoryLimitOf(c),
      ...(c.stdin === true ? { stdin: { tty: c.tty === true, once: c.stdinOnce === true } } : {}),
    });
    const inst: Instance = { name, handle, restartCount, image: cfg.fullRef, imageId: cfg.imageId, specImage: image };
    list.push(inst);
    rec.instances.set(name, list);
    this.event(rec, name, 'Normal', 'Created', `Created container ${name}`);

    // Start.
    const ns = pod.metadata.namespace ?? 'default';
    const podName = pod.metadata.name ?? '';
    handle.start({
      onExit: () => {
        this.d.trace.component(`kubelet/${this.d.nodeName}`, `container ${podName}/${name} exited with code ${handle.exitCode}`);
        this.plegNotice(rec);
      },
      onLog: (stream, text, t, repeat) => {
        const l: LogLine = { t, namespace: ns, pod: podName, uid: rec.uid, container: name, attempt: restartCount, stream, text };
        if (repeat && repeat > 1) l.repeat = repeat;
        this.d.trace.log(l);
      },
    });
    if (handle.state === 'exited' && handle.reason === 'StartError') {
      this.event(rec, name, 'Warning', 'Failed', `Error: ${handle.message ?? 'failed to start container'}`);
      rec.reasonCache.set(name, { reason: 'RunContainerError', message: handle.message ?? '' });
      this.plegNotice(rec);
      return false;
    }
    this.event(rec, name, 'Normal', 'Started', `Started container ${name}`);
    this.d.trace.component(`kubelet/${this.d.nodeName}`, `started container ${podName}/${name} (${handle.id.slice(0, 25)}…), argv ${JSON.stringify(argv)}`);

    // postStart blocks the sync until it ends.
    const post = init && !isRestartableInit(c) ? undefined : c.lifecycle?.postStart;
    if (post) {
      const outcome = (yield waitFor<HookOutcome>((resume) => runHook(this.hookCtx(rec), pod, c, handle, post, resume))) as HookOutcome;
      if (!outcome.ok) {
        this.d.trace.component(`kubelet/${this.d.nodeName}`, outcome.message);
        this.event(rec, name, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
        yield* this.killContainer(rec, inst, c, 'FailedPostStartHook', 'FailedPostStartHook');
        rec.reasonCache.set(name, { reason: 'PostStartHookError', message: outcome.message });
        return false;
      }
    }
    rec.reasonCache.delete(name);
    this.plegNotice(rec);
    return true;
  }

  private hookCtx(rec: PodRecord) {
    return { queue: this.q, network: this.d.network, nodeName: this.d.nodeName, podIP: rec.podIP ?? '', minor: KUBE_MINOR };
  }

  /** kuberuntime_container.go killContainer: Killing event, preStop within the grace period, then StopContainer. */
  private *killContainer(rec: PodRecord, inst: Instance, spec: Json, message: string, reason: string, ordering?: TerminationOrdering): Generator<Step, void, unknown> {
    const pod = rec.pod;
    let grace = Number(pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    if (pod.metadata.deletionGracePeriodSeconds === undefined) {
      const probeGrace = reason === 'liveness' ? spec.livenessProbe?.terminationGracePeriodSeconds : reason === 'startup' ? spec.startupProbe?.terminationGracePeriodSeconds : undefined;
      if (probeGrace !== undefined && probeGrace !== null) grace = Number(probeGrace);
    }
    if (grace < 0) grace = 1;
    this.event(rec, inst.name, 'Normal', 'Killing', message || `Stopping container ${inst.name}`);
    const who = `pod="${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}" containerName="${inst.name}"`;
    const pre = spec.lifecycle?.preStop;
    if (pre && grace > 0 && inst.handle.state === 'running') {
      const start = this.q.now;
      this.d.trace.component(`kubelet/${this.d.nodeName}`, `Running preStop hook ${who}`);
      const graceMs = grace * 1000;
      yield waitFor<void>((resume) => {
        let finished = false;
        const timer = this.q.after(graceMs, () => {
          if (finished) return;
          finished = true;
          this.d.trace.component(`kubelet/${this.d.nodeName}`, `PreStop hook of ${pod.metadata.name}/${inst.name} not completed in grace period (${grace}s)`);
          resume();
        }, 'preStop deadline');
        runHook(this.hookCtx(rec), pod, spec, inst.handle, pre, (o) => {
          if (!o.ok) {
            this.d.trace.component(`kubelet/${this.d.nodeName}`, o.message);
            this.event(rec, inst.name, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
          }
          if (finished) return;
          finished = true;
          this.q.cancel(timer);
          resume();
        });
      });
      grace -= Math.trunc((this.q.now - start) / 1000);
    }
    // Wait for this container's turn to stop (sidecars after the app containers), within the grace period.
    if (ordering && grace > 0) {
      const start = this.q.now;
      yield waitFor<void>((resume) => ordering.waitForTurn(inst.name, grace * 1000, resume));
      grace -= Math.trunc((this.q.now - start) / 1000);
    }
    if (grace < MIN_GRACE_S) grace = MIN_GRACE_S;
    // kuberuntime_container.go killContainer / executePreStopHook (klog InfoS messages).
    this.d.trace.component(`kubelet/${this.d.nodeName}`, `Killing container with a grace period ${who} gracePeriod=${grace}`);
    if (inst.handle.state === 'exited') {
      ordering?.terminated(inst.name);
      return;
    }
    // CRI StopContainer: containerd sends the image's STOPSIGNAL to PID 1, SIGKILL after the timeout.
    // wording not verified (containerd logs `StopContainer for "<id>" with timeout N (s)`; the pod and signal are added here)
    const sig = this.d.runtime.imageConfig(spec.image ?? '')?.stopSignal ?? 'SIGTERM';
    this.d.trace.component(`containerd/${this.d.nodeName}`, `StopContainer for "${inst.handle.id.replace(/^containerd:\/\//, '').slice(0, 13)}" with timeout ${grace} (s): ${sig} to PID 1 of ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}/${inst.name}`);
    yield waitFor<void>((resume) => inst.handle.stop(grace * 1000, () => resume()));
    ordering?.terminated(inst.name);
    this.plegNotice(rec);
  }

  // ---- termination ---------------------------------------------------------------------

  private *syncTerminating(rec: PodRecord): Generator<Step, void, unknown> {
    rec.terminating = true;
    const deleted = !!rec.pod.metadata.deletionTimestamp || rec.removedFromApi;
    this.writeStatus(rec, { trigger: true });
    yield* this.killRunning(rec, rec.running());
    if (!deleted) {
      // A pod that reached a terminal phase: containers stopped, sandbox torn down, the object stays.
      this.writeStatus(rec, { trigger: false, terminal: true });
      this.teardown(rec, false);
      return;
    }
    // Wait for the runtime to report everything stopped (PLEG), then the final status and delete.
    yield { sleep: this.nextRelist() - this.q.now };
    this.writeStatus(rec, { trigger: false, terminal: true });
    this.teardown(rec, true);
    if (!rec.removedFromApi) this.d.api.deletePodFinal(rec.pod);
  }

  /**
   * killContainersWithSyncResult: every running container is killed at once; with restartable
   * init containers a termination ordering makes each sidecar wait (within its grace period)
   * for the app containers and for the sidecars declared after it.
   */
  private *killRunning(rec: PodRecord, running: Instance[]): Generator<Step, void, unknown> {
    if (!running.length) return;
    const inits: Json[] = rec.pod.spec?.initContainers ?? [];
    const ordering = inits.some(isRestartableInit) ? new TerminationOrdering(this.q, rec.pod, running.map((i) => i.name)) : undefined;
    yield waitFor<void>((resume) => {
      let n = running.length;
      for (const inst of running) {
        const spec = [...inits, ...(rec.pod.spec?.containers ?? [])].find((c: Json) => c.name === inst.name) ?? {};
        runTask(this.q, this.killContainer(rec, inst, spec, '', 'delete', ordering), {
          label: 'killContainer',
          onDone: () => {
            if (--n === 0) resume();
          },
          onError: () => {
            if (--n === 0) resume();
          },
        });
      }
    });
  }

  /** The next tick of this node's PLEG relist grid, strictly after now. */
  private nextRelist(): VirtualMs {
    const now = this.q.now;
    const phase = this.d.plegPhaseMs;
    let next = Math.floor((now - phase) / PLEG_RELIST_MS) * PLEG_RELIST_MS + phase;
    if (next <= now) next += PLEG_RELIST_MS;
    return next;
  }

  private teardown(rec: PodRecord, releaseIp: boolean): void {
    for (const w of rec.probes) w.stop();
    rec.terminated = true;
    this.q.cancel(rec.retryTimer);
    this.q.cancel(rec.plegTimer);
    this.q.cancel(rec.mountTimer);
    rec.sandbox?.destroy();
    rec.sandboxReady = false;
    if (releaseIp && rec.podIP && !rec.pod.spec?.hostNetwork) this.d.ipam.release(rec.podIP);
    this.d.trace.component(`kubelet/${this.d.nodeName}`, `pod ${rec.pod.metadata.namespace}/${rec.pod.metadata.name} terminated; sandbox removed`);
    if (releaseIp) {
      this.pods.delete(rec.uid);
      this.finished.add(rec.uid);
    }
  }
}

export { parseTime };

/**
 * kuberuntime_termination_order.go: a sidecar waits for every running app container and for
 * the sidecar declared after it to terminate (so sidecars stop in reverse order, last).
 */
class TerminationOrdering {
  private done = new Set<string>();
  private waiters = new Map<string, Array<() => void>>();
  private prereqs = new Map<string, string[]>();

  constructor(private q: EventQueue, pod: K8sObject, running: string[]) {
    const alive = new Set(running);
    const mains: string[] = [];
    for (const c of (pod.spec?.containers ?? []) as Json[]) {
      mains.push(c.name);
      if (!alive.has(c.name)) this.done.add(c.name);
    }
    const inits: Json[] = pod.spec?.initContainers ?? [];
    let previous = '';
    for (let i = inits.length - 1; i >= 0; i--) {
      const c = inits[i];
      if (!alive.has(c.name)) this.done.add(c.name);
      if (!isRestartableInit(c)) continue;
      this.prereqs.set(c.name, previous ? [...mains, previous] : [...mains]);
      previous = c.name;
    }
  }

  /** Resume once every prerequisite terminated, or when the grace period runs out. */
  waitForTurn(name: string, graceMs: number, resume: () => void): void {
    const pending = (this.prereqs.get(name) ?? []).filter((p) => !this.done.has(p));
    if (!pending.length) {
      this.q.soon(resume, 'termination ordering');
      return;
    }
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.q.cancel(timer);
      resume();
    };
    const timer = this.q.after(graceMs, finish, 'termination ordering deadline');
    let left = pending.length;
    for (const p of pending) {
      const list = this.waiters.get(p) ?? [];
      list.push(() => {
        if (--left === 0) finish();
      });
      this.waiters.set(p, list);
    }
  }

  terminated(name: string): void {
    if (this.done.has(name)) return;
    this.done.add(name);
    const list = this.waiters.get(name) ?? [];
    this.waiters.delete(name);
    for (const w of list) w();
  }
}

/** Go's %q (strconv.Quote) for the printable text the kubelet logs. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** What makes a pod update a real update for the kubelet: spec and metadata, not status. */
function specKey(pod: K8sObject): string {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = pod.metadata as Record<string, unknown>;
  return JSON.stringify([meta, pod.spec]);
}

/** resources.limits.memory in bytes (undefined without a limit). */
function memoryLimitOf(c: { resources?: { limits?: Record<string, unknown> } }): number | undefined {
  const q = parseQuantity(c.resources?.limits?.memory);
  return q ? Number(q.nanos / 1_000_000_000n) : undefined;
}

/**
 * The simulated cluster, put together: store + API server, scheduler, endpoints controller,
 * one kubelet per node over the runtime world, kube-proxy and CoreDNS as hooks of the
 * network, and the reader's terminal on k8s-master01 with kubectl installed.
 *
 * `simulateSources` applies the reader's files at t = 0 (as `kubectl create -f` does), runs
 * the Scenario's steps at their times and records everything into a Trace.
 */
import type { OverlayFs } from './node/runtime/fs';
import { EventQueue } from './sim/queue';
import { Prng } from './sim/prng';
import { Store } from './store/store';
import { EventRecorder } from './store/events';
import { ApiServer } from './store/apiserver';
import { API_RESOURCES } from './store/resources';
import { Scheduler } from './control-plane/scheduler';
import { EndpointsController } from './control-plane/endpoints-controller';
import { WorkloadControllers } from './control-plane/workloads';
import { JobController } from './control-plane/jobs';
import { CronJobController } from './control-plane/cronjobs';
import { NamespaceController } from './control-plane/namespaces';
import { SetControllers } from './control-plane/sets';
import { Kubelet } from './node/kubelet';
import { createWorld, type World } from './node/runtime/world';
import type { ContainerdNode } from './node/runtime/node';
import type { ContainerHandle } from './node/runtime/types';
import type { ImageDef } from './programs/images/catalog';
import { systemImage } from './programs/images/system';
import { hostPodProcesses, hostSandboxId, startSystemPods, type SystemPodContainers } from './node/system-pods';
import type { NodeHost } from './node/runtime/host';
import { hostFiles } from './node/host-files';
import { parseTime } from './sim/time';
import { metricsSnapshot } from './node/metrics';
import { kubeletJournal } from './programs/nodetools/journal';
import { Deferred } from './node/runtime/future';
import { LineInput } from './node/runtime/kernel';
import { NODES, tunnelIp, CLUSTER_DNS_IP, NODE_GATEWAY, NOTES_EXTRA_ROUTES } from './network/cluster';
import { CLUSTER_INIT_MS, defaultSystemObjects, type SystemObjects } from './network/system-objects';
import { componentStatuses } from './store/componentstatus';
import { podResolvConf, podHostsFile } from './network/dns';
import { ServiceNetwork } from './network/service-network';
import { decode } from './api/decode';
import { formatGoDuration } from './api/goduration';
import type { ScenarioSpec } from './api/types';
import { makeKubectlProgram } from './kubectl';
import type { ApplyOutcome, KubectlHost, LogBatch, LogCursor, PortForwardConnection, PortForwardDial, ResourceInfo, Revision, WatchBatch } from './kubectl/types';
import type { ExecResult, TerminalInterrupt } from './node/runtime/types';
import type { Future, HostRunOptions, ShellSession } from './programs/types';
import { newShellSession } from './programs/shell/login';
import type { Diagnostic, K8sObject, VirtualMs } from './types';
import type { LogLine, PacketPath, Trace } from './trace';
type RunCutRecord = NonNullable<Trace['cut']>;
import { logLineText, logsFrom } from './view';
import { ContainerLogKeeper } from './node/runtime/logs';
import { objectKey } from './store/store';
import { imageNotice } from './programs/images/suggest';
import { TerminalSession } from './terminal';
import type { EditRequest, TerminalEditor } from './kubectl/types';

export interface Source {
  fileName: string;
  text: string;
}

export interface RunOptions {
  untilMs?: VirtualMs;
  maxTasks?: number;
  /** A lower cap on the trace's records than MAX_TRACE_RECORDS (tests of a `memory` cut); never raises it. */
  maxRecords?: number;
  /**
   * A budget kept outside the engine (the worker's or the CLI's wall clock): asked every
   * STOP_CHECK_EVERY tasks, true cuts the run there (reported as `cut.limit: 'wall'`).
   */
  shouldStop?: () => boolean;
}

export const DEFAULT_HORIZON_MS = 300_000;
export const MAX_HORIZON_MS = 24 * 3_600_000;
export const DEFAULT_MAX_TASKS = 2_000_000;
/** Records a trace may hold (log lines, revisions, component log, probe results) before the run is cut. */
export const MAX_TRACE_RECORDS = 1_000_000;
/**
 * How long the terminal waits for a command (virtual time) before it presses Ctrl-C, as a
 * reader would; it waits as long again after each Ctrl-C, and after TERMINAL_INTERRUPTS of them
 * it closes the session (SIGKILL to everything the line started).
 */
export const COMMAND_TIMEOUT_MS = 60_000;
export const TERMINAL_INTERRUPTS = 2;

/** Images the notes' nodes already hold (`already present on machine`). */
export const PRELOADED_IMAGES = ['nginx:1.23', 'nginx:1.23.2-alpine', 'registry.cn-hangzhou.aliyuncs.com/google_containers/etcd:3.5.1-0', 'busybox:1.28'];

const MASTER = 'k8s-master01';
/**
 * The API server address the cluster's kubeconfigs name: k8s-master01's, where `kubeadm init`
 * ran. unverified: a kubeadm cluster with three masters was set up with a controlPlaneEndpoint
 * (the notes speak of a VIP in front of the masters but give no address); the engine models none.
 */
const API_SERVER = `https://${NODES.find((n) => n.name === MASTER)?.ip ?? ''}:6443`;

/** When a node joined (its Node object's creation): its /etc/kubernetes files' time. */
function nodeInstalledAt(nodes: K8sObject[], name: string): number {
  const t = parseTime(nodes.find((n) => n.metadata.name === name)?.metadata.creationTimestamp ?? '');
  return Number.isFinite(t) ? t : 0;
}
/** The machines booted 20 minutes before kubeadm init on k8s-master01 (their daemons' start). */
const HOSTS_BOOT_MS = CLUSTER_INIT_MS - 20 * 60_000;

export class Simulation {
  readonly queue = new EventQueue();
  readonly prng = new Prng('runnable-k8s-notes');
  /** The login shell the Scenario's steps are typed at (the terminal goes on from it). */
  readonly stepShell: ShellSession = newShellSession();
  readonly trace: Trace = { version: 1, horizonMs: 0, revisions: [], logs: [], probes: [], components: [], steps: [], traffic: [], diagnostics: [] };
  readonly store: Store;
  readonly recorder: EventRecorder;
  readonly api: ApiServer;
  readonly world: World;
  readonly system: SystemObjects;
  readonly kubelets = new Map<string, Kubelet>();
  readonly services: ServiceNetwork;
  private explain?: () => unknown;
  /** The page's proxy-mode switch: wins over the Scenario's spec.proxyMode. */
  private proxyOverride?: 'iptables' | 'ipvs';
  /** The kubelet's container log manager: rotates container log files at 10Mi (node/runtime/logs.ts). */
  private readonly logKeeper: ContainerLogKeeper;
  /** The system pods' containers (node/system-pods.ts). */
  private readonly systemContainers: SystemPodContainers;

  constructor(opts: { proxyMode?: 'iptables' | 'ipvs'; explain?: () => unknown } = {}) {
    this.explain = opts.explain;
    this.proxyOverride = opts.proxyMode;
    this.trace.logRotations = [];
    this.logKeeper = new ContainerLogKeeper(this.trace.logs, this.trace.logRotations);
    const q = this.queue;
    this.store = new Store({ queue: q, onRevision: (r) => this.addRevision(r), initialResourceVersion: 4_250_000 });
    this.recorder = new EventRecorder(this.store, () => q.now, q);
    this.system = defaultSystemObjects(this.prng.fork('system'));
    this.world = createWorld({
      queue: q,
      terminalAttach: () => this.terminalAttach,
      prng: this.prng.fork('world'),
      nodes: NODES.map((n) => ({ name: n.name, ip: n.ip, preloadedImages: PRELOADED_IMAGES, tunnelIp: tunnelIp(n), systemImages: systemImagesOn(this.system.pods, n.name), block: n.block, podProcesses: hostPodProcesses(this.system.pods, n.name), files: hostFiles({ node: n, pods: this.system.pods, apiServer: API_SERVER, init: n.name === MASTER }), filesAt: nodeInstalledAt(this.system.nodes, n.name) })),
      gateway: NODE_GATEWAY,
      extraRoutes: NOTES_EXTRA_ROUTES,
      logs: () => this.trace.logs,
      bootMs: HOSTS_BOOT_MS,
      journal: (node, unit, pid) => (unit === 'kubelet' ? kubeletJournal(this.trace.revisions, this.trace.components, node, pid) : []),
    });
    const log = (component: string, message: string) => this.trace.components.push({ t: q.now, component, message });
    this.api = new ApiServer({
      queue: q,
      store: this.store,
      prng: this.prng.fork('apiserver'),
      allocateService: (svc) => this.services.allocate(svc),
      releaseService: (svc) => this.services.release(svc),
      log,
    });
    for (const o of this.system.all()) this.store.createShared(o, 0);
    this.services = new ServiceNetwork({
      queue: q,
      store: this.store,
      network: this.world.network,
      clusterIps: this.system.clusterIps,
      proxyMode: opts.proxyMode ?? 'ipvs',
      prng: this.prng.fork('kube-proxy'),
      hosts: (name) => this.world.host(name),
      log,
    });
    new Scheduler({
      queue: q,
      store: this.store,
      recorder: this.recorder,
      bind: (pod, node) => this.api.bind(pod, node),
      instance: `default-scheduler-${MASTER}`,
      log: (m) => log('kube-scheduler', m),
    });
    new EndpointsController({ queue: q, store: this.store, log: (m) => log('kube-controller-manager', m) });
    const names = this.prng.fork('generated-names');
    new WorkloadControllers({
      queue: q,
      store: this.store,
      recorder: this.recorder,
      createPod: (pod) => this.api.submit(pod, { mode: 'create', fileName: '' }).object,
      createReplicaSet: (rs) => this.api.submit(rs, { mode: 'create', fileName: '' }).object,
      deletePod: (ns, name) => this.api.delete('Pod', ns, name),
      suffix: () => names.nameSuffix(),
      log: (m) => log('kube-controller-manager', m),
    });
    new NamespaceController({ queue: q, store: this.store, finalize: (name) => this.api.finalizeNamespace(name), log: (m) => log('kube-controller-manager', m), create: (o) => void this.api.submit(o, { mode: 'create', fileName: '' }) });
    new CronJobController({
      queue: q,
      store: this.store,
      recorder: this.recorder,
      createJob: (job) => {
        const r = this.api.submit(job, { mode: 'create', fileName: '' });
        return r.object ?? r.stderr.join('\n');
      },
      deleteJob: (ns, name) => this.api.delete('Job', ns, name),
      log: (m) => log('kube-controller-manager', m),
    });
    new SetControllers({
      queue: q,
      store: this.store,
      recorder: this.recorder,
      createPod: (pod) => this.api.submit(pod, { mode: 'create', fileName: '' }).object,
      deletePod: (ns, name) => this.api.delete('Pod', ns, name),
      suffix: () => names.nameSuffix(),
      log: (m) => log('kube-controller-manager', m),
    });
    new JobController({
      queue: q,
      store: this.store,
      recorder: this.recorder,
      createPod: (pod) => this.api.submit(pod, { mode: 'create', fileName: '' }).object,
      deletePod: (ns, name) => this.api.delete('Pod', ns, name),
      deleteJob: (ns, name) => this.api.delete('Job', ns, name),
      suffix: () => names.nameSuffix(),
      log: (m) => log('kube-controller-manager', m),
    });
    const systemPods = new Set(this.system.pods.map((p) => p.metadata.uid));
    NODES.forEach((n, i) => {
      this.kubelets.set(n.name, new Kubelet({
        queue: q,
        store: this.store,
        recorder: this.recorder,
        runtime: this.world.node(n.name),
        network: this.world.network,
        api: {
          updatePodStatus: (pod, status) => this.api.updatePodStatus(pod, status),
          deletePodFinal: (pod) => this.api.deletePodFinal(pod),
          createMirrorPod: (pod) => {
            const r = this.api.createObject(pod);
            return typeof r === 'string' ? undefined : r;
          },
        },
        nodeName: n.name,
        nodeIP: n.ip,
        ipam: this.system.ipam.ipamFor(n.name),
        podFiles: (pod, ip) => ({ resolvConf: podResolvConf(pod, { clusterDns: [CLUSTER_DNS_IP] }), hosts: podHostsFile(pod, [ip]) }),
        plegPhaseMs: 300 + 100 * i,
        syncTickPhaseMs: (700 + 100 * i) % 1000,
        ignore: (pod) => systemPods.has(pod.metadata.uid),
        stopIgnored: (pod, graceMs, done) => {
          if (!pod.spec?.hostNetwork) return this.systemContainers.stop(pod.metadata.uid ?? '', graceMs, done);
          // The host-network pods' processes are the host's (calico-node: runsvdir, PID 1 of its
          // container, exits 0 on SIGTERM at once and the container's processes go with it).
          q.soon(() => {
            (this.world.host(n.name) as NodeHost).endPod(hostSandboxId(pod.metadata.uid ?? ''));
            done();
          }, 'host pod stopped');
        },
        hostFs: (this.world.host(n.name) as unknown as { fs?: OverlayFs }).fs,
        trace: {
          probe: (r) => this.trace.probes.push(r),
          log: (l) => this.appendLog(l),
          component: log,
        },
      }));
    });
    this.systemContainers = startSystemPods({
      pods: this.system.pods,
      runtime: (name) => this.world.node(name) as ContainerdNode,
      podFiles: (pod, ip) => ({ resolvConf: podResolvConf(pod, { clusterDns: [CLUSTER_DNS_IP] }), hosts: podHostsFile(pod, [ip]) }),
      log: (l) => this.appendLog(l),
    });
    const master = this.world.host(MASTER);
    master.register('kubectl', makeKubectlProgram(this.kubectlHost()));
    // The system pods' images are the cluster's own, not the reader's.
    this.noticedUpTo = this.trace.revisions.length;
  }

  /** Decode the reader's files and create their objects at t = 0, as `kubectl create -f` does. */
  load(sources: Source[]): { accepted: boolean; rejection?: string; diagnostics: Diagnostic[]; scenario?: ScenarioSpec } {
    const diagnostics: Diagnostic[] = [];
    const stderr: string[] = [];
    let scenario: ScenarioSpec | undefined;
    const decoded = sources.map((s) => ({ s, d: decode(s.text, { fileName: s.fileName }) }));
    for (const { d } of decoded) {
      diagnostics.push(...d.diagnostics);
      for (const x of d.diagnostics) if (x.severity === 'error') stderr.push(x.message);
      if (d.scenario) {
        if (scenario) {
          const m = 'error: only one Scenario document is allowed';
          diagnostics.push({ severity: 'error', source: 'scenario', message: m });
          stderr.push(m);
        }
        scenario = d.scenario;
      }
    }
    if (stderr.length) return { accepted: false, rejection: dedupe(stderr).join('\n'), diagnostics, scenario };
    const master = this.world.host(MASTER);
    for (const { s } of decoded) master.fs.write(`/root/${s.fileName}`, s.text);

    // Admission: every document is checked first (a dry run) for its diagnostics. As
    // `kubectl create -f` does, the valid documents are then created and each invalid one is
    // reported with the API server's message; only a file with no valid document is rejected.
    const checks = decoded.flatMap(({ s, d }) => d.documents.map((doc) => ({ s, doc })));
    let admitted = 0;
    const namespaces = new Set<string>();
    for (const { s, doc } of checks) {
      const r = this.api.submit(doc.object, { mode: 'create', fileName: s.fileName, dryRun: 'server', assumeNamespaces: namespaces });
      if (r.ok && doc.object.kind === 'Namespace') namespaces.add(String(doc.object.metadata?.name ?? ''));
      if (r.ok) admitted++;
      if (!r.ok) {
        stderr.push(...r.stderr);
        const causes = r.causes ?? [];
        if (causes.length) {
          for (const c of causes) {
            const range = doc.rangeOf(c.field) ?? nearestRange(doc, c.field);
            diagnostics.push({ severity: 'error', source: 'validation', message: c.text, doc: doc.index, path: c.field, ...(range ?? {}) });
          }
        } else {
          const range = doc.rangeOf('metadata.name') ?? doc.rangeOf('kind');
          diagnostics.push({ severity: 'error', source: 'validation', message: r.stderr.join('\n'), doc: doc.index, ...(range ?? {}) });
        }
      }
      for (const w of r.stderr.filter((l) => l.startsWith('Warning: '))) {
        diagnostics.push({ severity: 'warning', source: 'validation', message: w, doc: doc.index });
      }
    }
    if (admitted === 0 && stderr.some((l) => !l.startsWith('Warning: '))) return { accepted: false, rejection: dedupe(stderr).join('\n'), diagnostics, scenario };

    for (const { s, d } of decoded) {
      if (!d.documents.length) continue; // a file with only the Scenario
      this.trace.components.push({ t: 0, component: 'kubectl', message: `create -f ${s.fileName}: POST the objects to kube-apiserver` });
      // The decoded documents above are still as decode() made them (submit copies its input).
      const out = this.api.applyText(s.text, { mode: 'create', fileName: s.fileName }, d);
      this.trace.steps.push({ t: 0, run: `kubectl create -f ${s.fileName}`, stdout: out.stdout.map((l) => l + '\n').join(''), stderr: out.stderr.map((l) => l + '\n').join(''), exitCode: out.ok ? 0 : 1 });
    }
    const mode = this.proxyOverride ?? scenario?.proxyMode;
    if (mode) this.services.setMode(mode);
    this.trace.proxyMode = this.services.proxyMode;
    if (scenario) {
      for (const step of scenario.steps) {
        this.queue.at(step.atMs, () => this.runStep(step.atMs, step.run), 'scenario step');
      }
      this.services.startTraffic(scenario.traffic, this.trace);
    }
    this.trace.diagnostics = diagnostics;
    return { accepted: true, diagnostics, scenario };
  }

  private runStep(t: VirtualMs, line: string): void {
    this.world.host(MASTER).run(line, { timeoutMs: COMMAND_TIMEOUT_MS, interrupts: TERMINAL_INTERRUPTS, terminal: true, session: this.stepShell }, (r) => {
      this.trace.steps.push({ t, run: line, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, ...(r.output ? { output: r.output } : {}) });
    });
  }

  /** Records held by the trace (what the memory cap counts). */
  traceRecords(): number {
    const t = this.trace;
    return t.revisions.length + t.logs.length + t.components.length + t.probes.length + t.traffic.length;
  }

  /** Records the trace may hold before the run is cut (`memory`). */
  maxRecords = MAX_TRACE_RECORDS;

  runUntil(untilMs: VirtualMs, maxTasks = DEFAULT_MAX_TASKS, shouldStop?: () => boolean): void {
    let limit: 'memory' | 'wall' | undefined;
    const stop = () => {
      if (this.traceRecords() > this.maxRecords) limit = 'memory';
      else if (shouldStop?.()) limit = 'wall';
      return limit !== undefined;
    };
    const out = this.queue.runUntil({ untilMs, maxTasks, shouldStop: stop });
    this.trace.horizonMs = this.queue.now;
    this.trace.proxyMode = this.services.proxyMode;
    this.services.finishTraffic();
    this.noticeImages();
    if (out.capped) {
      const at = `${(this.queue.now / 1000).toFixed(1)}s`;
      const message =
        out.stoppedBy === 'tasks' || !limit
          ? `stopped at ${at} after ${maxTasks} engine tasks (the run was cut short to keep the page responsive)`
          : limit === 'memory'
            ? `stopped at ${at}: the run's record grew past ${this.maxRecords} entries (the run was cut short to keep the page responsive)`
            : `stopped at ${at}: the wall-time budget ran out (the run was cut short to keep the page responsive)`;
      this.cut(out.stoppedBy === 'tasks' || !limit ? 'tasks' : limit, message, untilMs);
    }
  }

  /** Record that the run ends here, before its horizon. */
  cut(limit: 'tasks' | 'memory' | 'wall' | 'internal', message: string, untilMs?: VirtualMs): void {
    if (this.trace.cut) return;
    this.trace.capped = message;
    this.trace.cut = { limit, atMs: this.queue.now, message, ...(untilMs !== undefined && untilMs > this.queue.now ? { untilMs } : {}) };
  }

  private noticedUpTo = 0;
  private noticedImages = new Set<string>();

  /** Images of new pods that the simulated registry lacks become notices (once per reference). */
  private noticeImages(): void {
    const revs = this.trace.revisions;
    for (; this.noticedUpTo < revs.length; this.noticedUpTo++) {
      const r = revs[this.noticedUpTo];
      if (r.type !== 'ADDED' || r.object.kind !== 'Pod') continue;
      const spec = (r.object as { spec?: { containers?: Array<{ image?: unknown }>; initContainers?: Array<{ image?: unknown }> } }).spec;
      for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
        if (typeof c.image !== 'string' || this.noticedImages.has(c.image)) continue;
        this.noticedImages.add(c.image);
        const n = imageNotice(c.image);
        if (n) (this.trace.notices ??= []).push({ t: r.t, ...n });
      }
    }
  }

  /** Run a terminal command line now; virtual time advances while it runs (at most COMMAND_TIMEOUT_MS before Ctrl-C). */
  runCommand(line: string, io: { stdin?: string; tty?: boolean } = {}): ExecResult & { packets?: PacketPath[] } {
    return this.runCommandLine(line, io) ?? { exitCode: 137, stdout: '', stderr: '', timedOut: true };
  }

  /**
   * The terminal's part: run `line` in the login bash on k8s-master01 and advance virtual time
   * until it ends, or until `hooks.stopWhen` (an interactive program it started waits for the
   * reader's next line: the result is then undefined and the line keeps running).
   */
  runCommandLine(line: string, io: { stdin?: string; tty?: boolean; session?: ShellSession } = {}, hooks: Pick<HostRunOptions, 'started' | 'paused'> & { stopWhen?: () => boolean; done?: (r: ExecResult) => void } = {}): (ExecResult & { packets?: PacketPath[] }) | undefined {
    let result: ExecResult | undefined;
    this.services.beginCapture();
    this.world.host(MASTER).run(line, { timeoutMs: COMMAND_TIMEOUT_MS, interrupts: TERMINAL_INTERRUPTS, stdin: io.stdin, tty: io.tty, session: io.session, started: hooks.started, paused: hooks.paused, terminal: true }, (r) => {
      result = r;
      hooks.done?.(r);
    });
    this.pump(() => result !== undefined || !!hooks.stopWhen?.(), this.queue.now + COMMAND_TIMEOUT_MS * (TERMINAL_INTERRUPTS + 1));
    const packets = this.services.endCapture();
    this.services.finishTraffic();
    const r = result as ExecResult | undefined;
    if (!r) return undefined;
    return packets.length ? { ...r, packets } : r;
  }

  /** Advance virtual time task by task until `done()` or `endMs` (the terminal's waits). */
  pump(done: () => boolean, endMs: VirtualMs): void {
    while (!done() && this.queue.now <= endMs) {
      const next = this.queue.peekTime();
      if (next === undefined || next > endMs) break;
      this.queue.runUntil({ untilMs: next, maxTasks: 100_000 });
    }
    this.trace.horizonMs = Math.max(this.trace.horizonMs, this.queue.now);
  }

  /**
   * Followers (`get -w`, `logs -f`) waiting for the next change, by what they wait for: a kind's
   * revisions (`rev\0Pod`) or a container's log (`log\0UID\0NAME`). Each is woken once, at the
   * virtual time of the change; a follower that died (Ctrl-C) is dropped at the next change.
   */
  private readonly wakers = new Map<string, Deferred<void>[]>();

  private wakeOn(keys: string[]): Future<void> {
    const d = new Deferred<void>(this.queue, 'watch');
    for (const k of keys) {
      let ws = this.wakers.get(k);
      if (!ws) this.wakers.set(k, (ws = []));
      // A follower woken by its other key is already settled here: drop those as the list grows.
      else if (ws.length >= 64 && (ws.length & (ws.length - 1)) === 0) this.wakers.set(k, (ws = ws.filter((w) => !w.settled)));
      ws.push(d);
    }
    return d;
  }

  private wake(key: string): void {
    const ws = this.wakers.get(key);
    if (!ws) return;
    this.wakers.delete(key);
    for (const d of ws) d.settle(undefined);
  }

  private addRevision(r: Revision): void {
    this.trace.revisions.push(r);
    if (this.wakers.size > 0) this.wake(`rev\0${r.object.kind}`);
  }

  private appendLog(l: LogLine): void {
    this.logKeeper.append(l);
    if (this.wakers.size > 0) this.wake(`log\0${l.uid ?? ''}\0${l.container}`);
  }

  /** `KubectlHost.watch` over the record of revisions (append-only, so a position stays valid). */
  private watchKind(kind: string, namespace: string | undefined, from?: number): WatchBatch {
    const revs = this.trace.revisions;
    const revisions: Revision[] = [];
    for (let i = from ?? revs.length; i < revs.length; i++) {
      const r = revs[i];
      if (r.object.kind === kind && (namespace === undefined || (r.object.metadata.namespace ?? '') === namespace)) revisions.push(r);
    }
    return { revisions, resume: revs.length, changed: this.wakeOn([`rev\0${kind}`]) };
  }

  /**
   * `KubectlHost.followLog`: the lines are in time order, so the new ones are found from the end
   * (a rotation's compaction drops a file's lines up to a time, all or none of one instant).
   */
  private followLog(namespace: string, podName: string, container: string, from?: LogCursor, stream?: 'stdout' | 'stderr'): LogBatch | undefined {
    const pod = this.store.peek('Pod', namespace, podName);
    if (!pod) return undefined;
    const uid = from?.uid ?? pod.metadata.uid ?? '';
    let attempt = from?.attempt;
    if (attempt === undefined) {
      const statuses: Array<{ name: string; restartCount?: number }> = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
      attempt = Number(statuses.find((s) => s.name === container)?.restartCount ?? 0);
    }
    const lines = this.trace.logs;
    const now = this.queue.now;
    const since = from?.t ?? now;
    let i = lines.length;
    while (i > 0 && lines[i - 1].t >= since) i--;
    let text = '';
    let skip = from ? from.seenAtT : Number.POSITIVE_INFINITY;
    let seenAtT = 0;
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (l.uid !== uid || l.container !== container || l.attempt !== attempt || (stream !== undefined && l.stream !== stream)) continue;
      if (l.t === now) seenAtT++;
      if (l.t === since && skip > 0) {
        skip--;
        continue;
      }
      text += l.repeat && l.repeat > 1 ? (l.text + '\n').repeat(l.repeat) : l.text + '\n';
    }
    return { text, cursor: { uid, attempt, t: now, seenAtT }, changed: this.wakeOn([`log\0${uid}\0${container}`, 'rev\0Pod']) };
  }

  /** kubectl's view of the live cluster. */
  kubectlHost(): KubectlHost {
    const sim = this;
    return {
      now: () => sim.queue.now,
      resources: (): ResourceInfo[] => API_RESOURCES,
      list: (kind, namespace) => (kind === 'ComponentStatus' ? componentStatuses() : sim.store.list(kind, namespace)),
      get: (kind, namespace, name) => (kind === 'ComponentStatus' ? componentStatuses().find((o) => o.metadata.name === name) : sim.store.get(kind, namespace || undefined, name)),
      history: (kind, namespace): Revision[] => sim.trace.revisions.filter((r) => r.object.kind === kind && (namespace === undefined || (r.object.metadata.namespace ?? '') === namespace)),
      watch: (kind, namespace, from) => sim.watchKind(kind, namespace, from),
      followLog: (namespace, pod, container, from, stream) => sim.followLog(namespace, pod, container, from, stream),
      apply: (text, fileName, opts): ApplyOutcome => sim.api.applyText(text, { mode: opts.mode, fileName, dryRun: opts.dryRun, namespace: opts.namespace }),
      createObject: (obj, opts) => sim.api.submit(obj, { mode: 'create', fileName: '', dryRun: opts.dryRun }),
      delete: (kind, namespace, name, opts) => sim.api.delete(kind, namespace || undefined, name, opts),
      patch: (kind, namespace, name, mutate) => sim.api.patch(kind, namespace || undefined, name, mutate),
      logs: (namespace, pod, container, opts) => logsFrom(sim.trace.logs, sim.store.peek('Pod', namespace, pod), container, opts, sim.trace.logRotations),
      exec: (namespace, podName, container, argv, opts): Future<ExecResult> | { error: string } => sim.exec(namespace, podName, container, argv, opts),
      attach: (namespace, podName, container, opts) => sim.attach(namespace, podName, container, opts),
      portForward: (namespace, podName) => sim.portForward(namespace, podName),
      containerRunning: (namespace, podName, container) => {
        const pod = sim.store.peek('Pod', namespace, podName);
        const kubelet = pod?.spec?.nodeName ? sim.kubelets.get(pod.spec.nodeName) : undefined;
        return kubelet?.container(pod?.metadata.uid ?? '', container)?.handle.state === 'running';
      },
      editor: () => sim.terminalEditor,
      replaceObject: (obj) => sim.api.submit(obj, { mode: 'replace', fileName: '' }),
      explainData: () => sim.explain?.(),
      metrics: () => metricsSnapshot({
        now: sim.queue.now,
        nodes: NODES.map((n) => ({ name: n.name, role: n.role, runtime: sim.world.node(n.name) as ContainerdNode })),
        pod: (uid) => sim.store.list('Pod', undefined).find((p) => p.metadata.uid === uid),
      }),
    };
  }

  /**
   * Set while the reader's terminal session runs a line (terminal.ts): an interactive exec
   * (`kubectl exec -ti … -- sh` typed there) hands it the process's terminal input.
   */
  terminalAttach?: (input: LineInput, output?: () => { stdout: string; stderr: string }) => void;

  /**
   * Set while the reader's terminal session runs a line: `kubectl edit` there takes the reader's
   * saved texts in order (one per editor round), and asks for the editor when they run out.
   */
  terminalEditor?: TerminalEditor;

  private exec(namespace: string, podName: string, container: string | undefined, argv: string[], opts: { stdin?: string; tty?: boolean; interactive?: boolean }): Future<ExecResult> | { error: string } {
    const pod = this.store.peek('Pod', namespace, podName);
    if (!pod) return { error: `Error from server (NotFound): pods "${podName}" not found` };
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return { error: `error: cannot exec into a container in a completed pod; current phase is ${phase}` };
    const names: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
    const cname = container ?? names[0];
    if (![...names, ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => c.name)].includes(cname)) {
      return { error: `Error from server (BadRequest): container ${cname} is not valid for pod ${podName}` };
    }
    const kubelet = pod.spec?.nodeName ? this.kubelets.get(pod.spec.nodeName) : undefined;
    const c = kubelet?.container(pod.metadata.uid ?? '', cname) ?? wrap(this.systemContainers.container(pod.metadata.uid ?? '', cname));
    if (!c || c.handle.state !== 'running') return { error: `error: unable to upgrade connection: container not found ("${cname}")` };
    const d = new Deferred<ExecResult>(this.queue, 'kubectl exec');
    const attach = this.terminalAttach;
    if (opts.interactive && opts.tty && attach) {
      // The output goes to the reader's terminal as it comes (the session shows it), not at the end.
      const input = new LineInput(this.queue);
      c.handle.exec(argv, { tty: true, input }, (r) => d.settle({ ...r, stdout: '', stderr: '' }));
      if (input.proc) attach(input);
      return d;
    }
    c.handle.exec(argv, { stdin: opts.stdin, tty: opts.tty }, (r) => d.settle(r));
    return d;
  }

  /**
   * `kubectl port-forward`: the API server's `pods/portforward` proxied to the kubelet, whose
   * CRI streaming server hands each stream to containerd (1.7, pkg/cri/server
   * sandbox_portforward_linux.go): it enters the sandbox's network namespace and dials
   * tcp4 localhost:PORT, then tcp6; a failure goes back on the stream's error stream as the
   * streaming server words it (`error forwarding port %d to pod %s, uid %v: %v`, the pod being
   * the sandbox id and the uid empty under CRI). The connection itself stays open while the pod
   * goes away: only the next stream finds the sandbox gone.
   */
  private portForward(namespace: string, podName: string): PortForwardConnection | { error: string } {
    const pod = this.store.peek('Pod', namespace, podName);
    if (!pod) return { error: `Error from server (NotFound): pods "${podName}" not found` };
    const sb = podSandbox(this, pod);
    // unverified: the kubelet's answer for a pod it has no sandbox for
    if (!sb) return { error: `error: error upgrading connection: unable to upgrade connection: pod not found ("${podName}_${namespace}")` };
    const fabric = this.world.network;
    const queue = this.queue;
    const closed = new Deferred<void>(queue, 'port-forward');
    // The nodes' 4.19 kernel gives a new namespace IPv6 on (devconf_inherit_init_net came in
    // 5.1) and Calico leaves it so for an IPv4-only pod (it writes disable_ipv6 only to enable
    // IPv6), so the loopback has ::1 and nothing listens there either: refused, as on the host.
    // unverified: a real pod's loopback here; a namespace without IPv6 says `cannot assign requested address`.
    const v6 = 'connection refused';
    return {
      dial: (port) => {
        const d = new Deferred<PortForwardDial>(queue, 'port-forward dial');
        const fail = (why: string) => d.settle({ ok: false, error: `error forwarding port ${port} to pod ${sb.id}, uid : ${why}` });
        if (sb.removed()) {
          queue.soon(() => fail(`failed to find sandbox "${sb.id}" in store: not found`), 'port-forward dial');
          return d;
        }
        const net = fabric.api(sb.netns);
        net.connect('127.0.0.1', port).onSettle((o) => {
          if (o.ok) d.settle({ ok: true, net });
          else fail(`failed to execute portforward in network namespace "${sb.path}": failed to connect to localhost:${port} inside namespace "${sb.id}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: ${v6} `);
        });
        return d;
      },
      peek: (port) => (sb.removed() ? undefined : fabric.listenerAt(sb.netns, '127.0.0.1', port)),
      closed,
      close: () => closed.settle(undefined),
    };
  }

  /**
   * `kubectl attach` (and `run -i`): the kubelet's GetAttach finds only a running container.
   * Its PID 1's standard input (a container with `stdin: true`) takes the reader's terminal when
   * the session runs this line with a TTY (its output, as the log stream gets it, shown as it
   * comes); otherwise it gets kubectl's standard input and then its end. Settles when PID 1 exits.
   */
  private attach(namespace: string, podName: string, container: string, opts: { stdin?: string; tty?: boolean; interactive?: boolean }): { future: Future<ExecResult>; terminal: boolean } | { error: string } {
    const pod = this.store.peek('Pod', namespace, podName);
    if (!pod) return { error: `Error from server (NotFound): pods "${podName}" not found` };
    const kubelet = pod.spec?.nodeName ? this.kubelets.get(pod.spec.nodeName) : undefined;
    const uid = pod.metadata.uid ?? '';
    const c = kubelet?.container(uid, container) ?? wrap(this.systemContainers.container(uid, container));
    if (!c || c.handle.state !== 'running') return { error: `unable to upgrade connection: container ${container} not found in pod ${podName}_${namespace}` };
    const h = c.handle;
    const d = new Deferred<ExecResult>(this.queue, 'kubectl attach');
    let terminal = false;
    const input = h.input;
    if (input && opts.interactive && opts.tty && this.terminalAttach) {
      const logs = this.trace.logs;
      const from = logs.length;
      const output = () => {
        let stdout = '';
        let stderr = '';
        for (let i = from; i < logs.length; i++) {
          const l = logs[i];
          if (l.uid !== uid || l.container !== container) continue;
          const text = logLineText(l);
          if (l.stream === 'stdout') stdout += text;
          else stderr += text;
        }
        return { stdout, stderr };
      };
      this.terminalAttach(input, output);
      terminal = true;
    } else if (input && opts.stdin !== undefined) {
      const lines = opts.stdin.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const line of lines) input.push(line);
      input.close();
    }
    const done = () => d.settle({ exitCode: h.exitCode ?? 0, stdout: '', stderr: '', timedOut: false });
    if (h.whenExited) h.whenExited(done);
    return { future: d, terminal };
  }
}

/**
 * The pod's sandbox as containerd's PortForward finds it: its network namespace in the fabric,
 * its id and its namespace path (the seeded host-network pods have no sandbox object: the
 * node's namespace and their shim's id).
 */
function podSandbox(sim: Simulation, pod: K8sObject): { netns: string; id: string; path: string; removed: () => boolean } | undefined {
  const node = pod.spec?.nodeName;
  if (!node || !NODES.some((n) => n.name === node)) return undefined;
  const uid = pod.metadata.uid ?? '';
  const rt = sim.world.node(node) as ContainerdNode;
  let sb: ContainerdNode['sandboxes'][number] | undefined;
  for (const x of rt.sandboxes) if (x.spec.podUid === uid) sb = x;
  if (sb) {
    const found = sb;
    return { netns: found.netns, id: found.id, path: found.netnsPath, removed: () => found.removed };
  }
  if (pod.spec?.hostNetwork) return { netns: `host:${node}`, id: hostSandboxId(uid), path: 'host', removed: () => !sim.store.peek('Pod', pod.metadata.namespace ?? '', pod.metadata.name ?? '') };
  return undefined;
}

function wrap(handle: ContainerHandle | undefined): { handle: ContainerHandle } | undefined {
  return handle ? { handle } : undefined;
}

/** The images of the system pods a node runs (already in its image store). */
function systemImagesOn(pods: K8sObject[], node: string): ImageDef[] {
  const out: ImageDef[] = [];
  for (const p of pods) {
    if (p.spec?.nodeName !== node) continue;
    for (const c of p.spec?.containers ?? []) {
      const d = systemImage(c.image);
      if (d && !out.includes(d)) out.push(d);
    }
  }
  return out;
}

function dedupe(a: string[]): string[] {
  return [...new Set(a)];
}

/** The closest enclosing field that has a position (for causes about fields the reader did not write). */
function nearestRange(doc: { rangeOf(p: string): ReturnType<import('./api/types').DecodedDocument['rangeOf']> }, path: string) {
  let p = path;
  while (p) {
    const r = doc.rangeOf(p);
    if (r) return r;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return undefined;
}

export interface SimRun {
  accepted: boolean;
  rejection?: string;
  diagnostics: Diagnostic[];
  trace: Trace;
  sim: Simulation;
}

/** Decode, apply at t = 0 and simulate up to the horizon. */
export function simulateSources(sources: Source[], opts: RunOptions & { explain?: () => unknown; proxyMode?: 'iptables' | 'ipvs' } = {}): SimRun {
  const sim = new Simulation({ explain: opts.explain, proxyMode: opts.proxyMode });
  let loaded: ReturnType<Simulation['load']>;
  try {
    loaded = sim.load(sources);
  } catch (e) {
    const msg = `error: internal error in the simulator: ${String(e)}`;
    return { accepted: false, rejection: msg, diagnostics: [{ severity: 'error', source: 'engine', message: msg }], trace: sim.trace, sim };
  }
  if (!loaded.accepted) return { accepted: false, rejection: loaded.rejection, diagnostics: loaded.diagnostics, trace: sim.trace, sim };
  const horizon = Math.min(MAX_HORIZON_MS, opts.untilMs ?? loaded.scenario?.durationMs ?? DEFAULT_HORIZON_MS);
  // Scenario steps after the end of the run never run: say so (a playground note, not kubectl's).
  for (const step of loaded.scenario?.steps ?? []) {
    if (step.atMs <= horizon) continue;
    const d: Diagnostic = { severity: 'warning', source: 'scenario', message: `the step at ${formatGoDuration(step.atMs)} (${step.run}) is after the end of the run (${formatGoDuration(horizon)}) and does not run`, ...(step.range ?? {}) };
    sim.trace.diagnostics.push(d);
  }
  try {
    if (opts.maxRecords !== undefined && opts.maxRecords > 0) sim.maxRecords = Math.min(MAX_TRACE_RECORDS, Math.floor(opts.maxRecords));
    sim.runUntil(horizon, opts.maxTasks, opts.shouldStop);
  } catch (e) {
    sim.cut('internal', `internal error in the simulator at ${(sim.queue.now / 1000).toFixed(1)}s: ${String(e)}`, horizon);
    sim.trace.diagnostics.push({ severity: 'error', source: 'engine', message: sim.trace.capped ?? '' });
    sim.trace.horizonMs = sim.queue.now;
  }
  return { accepted: true, diagnostics: sim.trace.diagnostics, trace: sim.trace, sim };
}

/**
 * Run terminal commands on a finished (or partial) run, each at its time: the simulation
 * continues up to that time first. Commands change the cluster like typed ones do.
 */
export interface CommandRun {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  packets?: PacketPath[];
  /** The terminal pressed Ctrl-C (the command outlived COMMAND_TIMEOUT_MS): see terminal.ts. */
  interrupts?: TerminalInterrupt[];
  /** Even Ctrl-C did not end it: the terminal closed the session. */
  timedOut?: boolean;
  /** The prompt after the line: the host's, or the shell it opened in a container (`/ # `). */
  prompt?: string;
  /** When the command ran at another time than asked (the run was cut earlier): the time it ran at. */
  ranAtMs?: VirtualMs;
  /** With `ranAtMs`: the limit that cut the run. */
  cut?: RunCutRecord;
  /** Both streams in the order written (when the command wrote to both). */
  output?: ExecResult['output'];
  /** The simulator's notes on the command (a command the machine lacks), shown apart from its output. */
  notices?: ExecResult['notices'];
  /** `kubectl edit` waits for the reader's editor: the file it opens (terminal.ts). */
  editing?: EditRequest;
}

export function runCommandsOn(run: SimRun, commands: Array<{ atMs: VirtualMs; line: string; edits?: string[] }>, io: { stdin?: string; tty?: boolean; editor?: boolean } = {}): CommandRun[] {
  const out: CommandRun[] = [];
  // One terminal session: a line typed after `kubectl exec -ti POD -- sh` goes to that shell.
  const term = new TerminalSession(run.sim);
  for (const c of [...commands].sort((a, b) => a.atMs - b.atMs)) {
    // A cut run stays where it was cut; the command still runs against that state (at the
    // cut's time: `ranAtMs` says when it ran). Never past the maximum horizon.
    const at = Math.min(c.atMs, MAX_HORIZON_MS);
    if (at > run.sim.queue.now && !run.sim.trace.cut) run.sim.runUntil(at);
    const ranAtMs = run.sim.queue.now;
    let r: Omit<CommandRun, 'command'>;
    try {
      r = term.send(c.line, { ...io, ...(c.edits ? { edits: c.edits } : {}) });
    } catch (e) {
      r = { exitCode: 1, stdout: '', stderr: `error: internal error in the simulator: ${String(e)}\n` };
    }
    out.push({ command: c.line, ...r, ...(ranAtMs !== c.atMs ? { ranAtMs, ...(run.sim.trace.cut ? { cut: run.sim.trace.cut } : {}) } : {}) });
  }
  return out;
}

export { objectKey };
export type { K8sObject };

/**
 * Services from the command line:
 * - `kubectl expose (TYPE NAME | TYPE/NAME) [--port] [--target-port] [--type] [--name] …`
 *   (kubectl/pkg/cmd/expose/expose.go with polymorphichelpers MapBasedSelectorForObject,
 *   PortsForObject, ProtocolsForObject): the selector, ports, protocols and labels come from the
 *   exposed object unless given; several introspected ports are named `port-1`, `port-2`, …;
 *   the target port is the port unless --target-port says otherwise. Prints `service/x exposed`.
 * - `kubectl create service clusterip|nodeport NAME --tcp=PORT[:TARGET]` (create_service.go):
 *   label and selector `app: NAME`, ports named `PORT-TARGET`.
 * Outputs and messages checked against the real kubectl v1.30 (`--dry-run=client -o yaml`).
 */
import type { K8sObject } from '../../types';
import { KubectlError, goQuote, plainError, usageError, noResourcesGiven } from '../errors';
import { int, list, str, type FlagSpec } from '../flags';
import { buildInfos } from './builder';
import { DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG } from './common-flags';
import { type Command, type CommandContext } from './context';
import { parseDryRun } from './dry-run';
import { emitCreated } from './generated';
import { parentRun } from './help';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** polymorphichelpers.CanBeExposedFn: the GroupKinds expose accepts. */
const EXPOSABLE = ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'];

/** metav1.GroupKind String(): `Kind` for core, `Kind.group` otherwise. */
function groupKind(o: K8sObject): string {
  const g = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return g ? `${o.kind}.${g}` : o.kind;
}

/** MapBasedSelectorForObjectFn. */
function selectorFor(o: Any): Record<string, string> {
  switch (o.kind) {
    case 'Pod':
      if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return { ...o.metadata.labels };
    case 'Service':
      if (!o.spec?.selector || Object.keys(o.spec.selector).length === 0) throw new Error('the service has no pod selector set');
      return { ...o.spec.selector };
    case 'ReplicationController':
      return { ...(o.spec?.selector ?? {}) };
    default: {
      const sel = o.spec?.selector ?? {};
      if ((sel.matchExpressions ?? []).length > 0) {
        // wording not verified: Go's %+v of the expressions is approximated
        throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}", to map-based selector format`);
      }
      return { ...(sel.matchLabels ?? {}) };
    }
  }
}

function podSpecOf(o: Any): Any {
  return o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
}

/** PortsForObjectFn + ProtocolsForObjectFn: container ports (or a Service's ports) with their protocols. */
function portsFor(o: Any): Array<{ port: number; protocol: string }> {
  if (o.kind === 'Service') return (o.spec?.ports ?? []).map((p: Any) => ({ port: Number(p.port), protocol: p.protocol ?? 'TCP' }));
  const out: Array<{ port: number; protocol: string }> = [];
  for (const ctr of podSpecOf(o)?.containers ?? []) for (const p of ctr.ports ?? []) out.push({ port: Number(p.containerPort), protocol: p.protocol ?? 'TCP' });
  return out;
}

/** `k=v,k2=v2` as the generators parse --selector / --labels. */
function parseMap(s: string, what: string): Record<string, string> {
  const m: Record<string, string> = {};
  for (const part of s.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw plainError(`invalid ${what}: ${part}`); // wording not verified
    m[kv[0]] = kv[1];
  }
  return m;
}

/** intstr.Parse: a number, or a port name. */
function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

function* runExpose(c: CommandContext) {
  const f = c.flags;
  const dryRun = parseDryRun(str(f, 'dry-run', 'none'));
  const filenames = list(f, 'filename');
  if (c.args.length === 0 && filenames.length === 0) {
    throw noResourcesGiven();
  }
  const built = buildInfos(c, { args: c.args, allNamespaces: false, filenames, allowEmptySelector: false });
  if (built.errors.length > 0) throw new KubectlError(built.errors.join(''));
  for (const { object } of built.infos) {
    const o = object as Any;
    if (!EXPOSABLE.includes(o.kind)) throw plainError(`cannot expose a ${groupKind(o)}`);
    let selector: Record<string, string>;
    if (str(f, 'selector') !== '') selector = parseMap(str(f, 'selector'), 'selector');
    else {
      try {
        selector = selectorFor(o);
      } catch (e) {
        throw plainError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
      }
    }
    const headless = str(f, 'cluster-ip') === 'None';
    const protocolFlag = str(f, 'protocol');
    const introspected = portsFor(o);
    let ports: Array<{ port: number; protocol: string }>;
    if (str(f, 'port') !== '') {
      const p = str(f, 'port');
      if (!/^[+-]?\d+$/.test(p)) throw plainError(`strconv.Atoi: parsing ${goQuote(p)}: invalid syntax`);
      const known = introspected.find((x) => x.port === Number(p));
      ports = [{ port: Number(p), protocol: protocolFlag || known?.protocol || 'TCP' }];
    } else {
      if (introspected.length === 0 && !headless) throw plainError("couldn't find port via --port flag or introspection");
      ports = introspected.map((x) => ({ port: x.port, protocol: protocolFlag || x.protocol }));
    }
    const targetPort = str(f, 'target-port');
    const servicePorts = ports.map((p, i) => {
      const sp: Record<string, unknown> = {};
      if (ports.length > 1) sp.name = `port-${i + 1}`;
      sp.port = p.port;
      sp.protocol = p.protocol;
      sp.targetPort = targetPort !== '' ? intOrString(targetPort) : p.port;
      return sp;
    });
    const labels = str(f, 'labels') !== '' ? parseMap(str(f, 'labels'), 'labels') : o.metadata.labels;
    let name = str(f, 'name') || (o.metadata.name ?? '');
    if (!f.changed.has('name') && name.length > 63) name = name.slice(0, 63);
    const metadata: Record<string, unknown> = { creationTimestamp: null };
    if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
    metadata.name = name;
    if (c.namespaceExplicit) metadata.namespace = c.namespace;
    const spec: Record<string, unknown> = {};
    if (servicePorts.length > 0) spec.ports = servicePorts;
    spec.selector = selector;
    if (str(f, 'cluster-ip') !== '') spec.clusterIP = str(f, 'cluster-ip');
    if (str(f, 'type') !== '') spec.type = str(f, 'type');
    if (str(f, 'external-ip') !== '') spec.externalIPs = [str(f, 'external-ip')];
    if (str(f, 'session-affinity') !== '') spec.sessionAffinity = str(f, 'session-affinity');
    if (str(f, 'load-balancer-ip') !== '') spec.loadBalancerIP = str(f, 'load-balancer-ip');
    const svc = { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } } as unknown as K8sObject;
    emitCreated(c, svc, str(f, 'output'), dryRun, undefined, true, 'exposed');
  }
  return 0;
}

export const exposeCommand: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', shorthand: 'l', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'override-type', type: 'string' },
    { name: 'overrides', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'record', type: 'bool' },
    { name: 'recursive', shorthand: 'R', type: 'bool' },
    { name: 'kustomize', shorthand: 'k', type: 'string' },
  ],
  run: runExpose,
};

/** create_service.go parsePorts / buildServicePorts: `PORT[:TARGET]`, name `PORT-TARGET`. */
function tcpPorts(specs: string[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const spec of specs) {
    const parts = spec.split(':');
    const parse = (s: string) => {
      if (!/^\d+$/.test(s) || Number(s) > 65535) throw plainError(`strconv.ParseUint: parsing ${goQuote(s)}: ${/^\d+$/.test(s) ? 'value out of range' : 'invalid syntax'}`);
      return Number(s);
    };
    const port = parse(parts[0]);
    let target: number | string = port;
    if (parts.length > 1) target = /^\d+$/.test(parts[1]) ? parse(parts[1]) : parts[1];
    out.push({ name: parts.length > 1 ? `${parts[0]}-${parts[1]}` : parts[0], port, protocol: 'TCP', targetPort: target });
  }
  return out;
}

function createService(type: 'ClusterIP' | 'NodePort'): (c: CommandContext) => Generator<never, number, unknown> {
  return function* run(c) {
    const n = c.argsLenAtDash === -1 ? c.args.length : c.argsLenAtDash;
    if (n !== 1) throw usageError(c.commandPath, `exactly one NAME is required, got ${n}`);
    const name = c.args[0];
    const dryRun = parseDryRun(str(c.flags, 'dry-run', 'none'));
    const clusterIP = type === 'ClusterIP' ? str(c.flags, 'clusterip') : '';
    const tcp = list(c.flags, 'tcp');
    if (tcp.length === 0 && clusterIP !== 'None') throw plainError('at least one tcp port specifier must be provided');
    const ports = tcpPorts(tcp);
    const nodePort = type === 'NodePort' ? int(c.flags, 'node-port', 0) : 0;
    if (nodePort > 0) for (const p of ports) p.nodePort = nodePort;
    // struct order of ServicePort: name, protocol, port, targetPort, nodePort (yaml sorts anyway)
    const spec: Record<string, unknown> = {};
    if (ports.length > 0) spec.ports = ports;
    spec.selector = { app: name };
    if (clusterIP !== '') spec.clusterIP = clusterIP;
    spec.type = type;
    const metadata: Record<string, unknown> = { creationTimestamp: null, labels: { app: name }, name };
    if (c.namespaceExplicit) metadata.namespace = c.namespace;
    const svc = { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } } as unknown as K8sObject;
    return emitCreated(c, svc, str(c.flags, 'output'), dryRun);
  };
}

const SERVICE_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  { name: 'tcp', type: 'stringSlice' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string', noOptDefVal: 'strict' },
  { name: 'field-manager', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
];

export const createServiceCommand: Command = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  long: 'Create a service using a specified subcommand.',
  use: 'service',
  flags: [],
  run: (c) => parentRun(c, createServiceCommand),
  subcommands: [
    {
      name: 'clusterip',
      short: 'Create a ClusterIP service',
      use: 'clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
      flags: [...SERVICE_FLAGS, { name: 'clusterip', type: 'string' }],
      run: createService('ClusterIP'),
    },
    {
      name: 'nodeport',
      short: 'Create a NodePort service',
      use: 'nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
      flags: [...SERVICE_FLAGS, { name: 'node-port', type: 'int' }],
      run: createService('NodePort'),
    },
    unmodelledService('externalname', 'Create an ExternalName service'),
    unmodelledService('loadbalancer', 'Create a LoadBalancer service'),
  ],
};

function unmodelledService(name: string, short: string): Command {
  return {
    name,
    short,
    use: `${name} NAME`,
    flags: [],
    // eslint-disable-next-line require-yield
    *run() {
      throw plainError(`"kubectl create service ${name}" is not available in this simulated cluster`);
    },
  };
}

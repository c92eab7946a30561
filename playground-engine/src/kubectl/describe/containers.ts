/**
 * describeContainers: for each container its ID, image, ports, command and args, state and last
 * state, readiness, restart count, resources, probes (`http-get http://:80/index.html delay=10s
 * timeout=2s period=5s #success=1 #failure=2`), environment and mounts.
 */
import { canonical, milliValue, parseQuantity, value } from '../quantity';
import { type Any, printBool, rfc1123, stringOrNone } from './common';
import { urlString } from './url';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

export type EnvResolver = (e: Any) => string;

function portString(ports: Any[], field: 'containerPort' | 'hostPort'): string {
  return ports.map((p) => `${p[field] ?? 0}/${p.protocol ?? ''}`).join(', ');
}

/** IntOrString.String() */
function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** DescribeProbe */
export function describeProbe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = intOrString(g.port);
    const host = g.host ?? '';
    const hostPort = port.length > 0 ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    return `http-get ${urlString(String(g.scheme ?? '').toLowerCase(), hostPort, g.path ?? '')} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(name: string, state: Any, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function describeResources(res: Any, w: PrefixWriter, level: number): void {
  if (!res) return;
  for (const [title, list] of [['Limits', res.limits], ['Requests', res.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${canonical(list[n])}\n`);
  }
}

function describeEnv(c: Any, resolve: EnvResolver | undefined, w: PrefixWriter): void {
  if ((c.envFrom ?? []).length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const e of c.envFrom) {
      let from = '';
      let name = '';
      let optional = false;
      if (e.configMapRef) {
        from = 'ConfigMap';
        name = e.configMapRef.name ?? '';
        optional = e.configMapRef.optional === true;
      } else if (e.secretRef) {
        from = 'Secret';
        name = e.secretRef.name ?? '';
        optional = e.secretRef.optional === true;
      }
      if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
      else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    }
  }
  const env: Any[] = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '').split('\n').forEach((s, i) => {
        if (i === 0) w.write(LEVEL_3, `${e.name}:\t${s}\n`);
        else w.write(LEVEL_3, `\t${s}\n`);
      });
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) {
      const v = resolve ? resolve(e) : '';
      w.write(LEVEL_3, `${e.name}:\t${v} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      const resource: string = vf.resourceFieldRef.resource ?? '';
      let v = containerResourceValue(c, vf.resourceFieldRef);
      if (v === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) v = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${v} (${resource})\n`);
    } else if (vf.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
  }
}

/** resourcehelper.ExtractContainerResourceValue: ceil(value / divisor) for cpu (milli) and memory (bytes). */
function containerResourceValue(c: Any, ref: Any): string {
  const divisor = parseQuantity(ref.divisor ?? '1') ?? parseQuantity('1');
  const div = divisor && divisor.nanos !== 0n ? divisor : (parseQuantity('1') as NonNullable<typeof divisor>);
  const resource = String(ref.resource ?? '');
  const [kind, name] = resource.split('.', 2);
  const list = c.resources?.[kind === 'limits' ? 'limits' : 'requests'] ?? {};
  const q = parseQuantity(list[name] ?? '0') ?? parseQuantity('0');
  if (!q) return '';
  if (name === 'cpu') return String(Math.ceil(milliValue(q) / milliValue(div)));
  return String(Math.ceil(value(q) / value(div)));
}

function describeMounts(c: Any, w: PrefixWriter): void {
  const mounts: Any[] = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path="${m.subPath}"`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices: Any[] = c.volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, 'Devices:\n');
    for (const d of [...devices].sort((a, b) => (a.devicePath < b.devicePath ? -1 : 1))) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

export function describeContainers(label: string, containers: Any[], statuses: Any[] | undefined, resolve: EnvResolver | undefined, w: PrefixWriter, space: string): void {
  const byName = new Map<string, Any>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    const nameIndent = space.length > 0 ? ' ' : '';
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = portString(c.ports ?? [], 'containerPort');
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = portString(c.ports ?? [], 'hostPort');
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    const sp = c.securityContext?.seccompProfile;
    if (sp) {
      w.write(LEVEL_2, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if ((list ?? []).length > 0) {
        w.write(LEVEL_2, `${title}:\n`);
        for (const item of list) for (const s of String(item).split('\n')) w.write(LEVEL_3, `${s}\n`);
      }
    }
    if (status) {
      describeStatus('State', status.state, w);
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(c, resolve, w);
    describeMounts(c, w);
  }
}

/**
 * The kubelet's environment for a container (kubelet_pods.go makeEnvironmentVariables) and
 * its `$(VAR)` expansion (third_party/forked/golang/expansion): `$(VAR)` is replaced when VAR is
 * defined earlier in `env` or is a service variable, `$$` escapes a dollar, an undefined
 * reference is left as written.
 */
import type { K8sObject } from '../types';
import { decodeBase64 } from './base64';
import { containerResourceValue } from './volumes';

export type Mapping = (name: string) => string | undefined;

export function expand(input: string, mapping: Mapping): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === '$' && i + 1 < input.length) {
      const n = input[i + 1];
      if (n === '$') {
        out += '$';
        i += 2;
        continue;
      }
      if (n === '(') {
        const close = input.indexOf(')', i + 2);
        if (close >= 0) {
          const name = input.slice(i + 2, close);
          const v = mapping(name);
          out += v === undefined ? `$(${name})` : v;
          i = close + 1;
          continue;
        }
        // Unterminated reference: Go's syntaxWrap leaves "$(" plus the rest as is.
        out += input.slice(i);
        break;
      }
      out += c + n;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Docker-link style variables for the services of a namespace (enableServiceLinks). */
export function serviceEnv(services: K8sObject[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const ports: Array<{ name?: string; port: number; protocol?: string }> = svc.spec?.ports ?? [];
    if (!ports.length) continue;
    const name = String(svc.metadata.name).toUpperCase().replace(/-/g, '_');
    out.push([`${name}_SERVICE_HOST`, ip]);
    out.push([`${name}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) {
      if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    }
    const proto0 = (ports[0].protocol ?? 'TCP').toLowerCase();
    out.push([`${name}_PORT`, `${proto0}://${ip}:${ports[0].port}`]);
    for (const p of ports) {
      const proto = (p.protocol ?? 'TCP');
      const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([prefix, `${proto.toLowerCase()}://${ip}:${p.port}`]);
      out.push([`${prefix}_PROTO`, proto.toLowerCase()]);
      out.push([`${prefix}_PORT`, String(p.port)]);
      out.push([`${prefix}_ADDR`, ip]);
    }
  }
  return out;
}

export interface EnvSources {
  pod: K8sObject;
  /** Services visible to the pod for service links (its namespace, plus `kubernetes` in default). */
  services: K8sObject[];
  configMap(namespace: string, name: string): K8sObject | undefined;
  secret(namespace: string, name: string): K8sObject | undefined;
  nodeName: string;
  hostIP: string;
  podIP: string;
}

export type EnvResult = { ok: true; env: Array<[string, string]> } | { ok: false; reason: 'CreateContainerConfigError'; message: string };

/** Resolve a container's env (value, valueFrom, envFrom) and the service variables. */
export function containerEnv(container: K8sObject['spec'], src: EnvSources): EnvResult {
  const pod = src.pod;
  const ns = pod.metadata.namespace ?? 'default';
  const svcEnv = pod.spec?.enableServiceLinks === false
    ? serviceEnv(src.services.filter((s) => s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes'))
    : serviceEnv(src.services);
  const svcMap = new Map(svcEnv);
  const tmp = new Map<string, string>();
  const mapping: Mapping = (name) => (tmp.has(name) ? tmp.get(name) : svcMap.get(name));

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = src.configMap(ns, from.configMapRef.name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, reason: 'CreateContainerConfigError', message: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const k of Object.keys(cm.data ?? {}).sort()) tmp.set(prefix + k, cm.data[k]);
    }
    if (from.secretRef) {
      const s = src.secret(ns, from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        return { ok: false, reason: 'CreateContainerConfigError', message: `secret "${from.secretRef.name}" not found` };
      }
      for (const k of Object.keys(s.data ?? {}).sort()) tmp.set(prefix + k, decodeBase64(s.data[k]));
      for (const k of Object.keys(s.stringData ?? {}).sort()) tmp.set(prefix + k, s.stringData[k]);
    }
  }

  for (const e of container.env ?? []) {
    let v: string | undefined = e.value ?? '';
    if (e.value) {
      v = expand(e.value, mapping);
    } else if (e.valueFrom) {
      const vf = e.valueFrom;
      if (vf.fieldRef) {
        v = fieldRef(vf.fieldRef.fieldPath, src);
      } else if (vf.configMapKeyRef) {
        const cm = src.configMap(ns, vf.configMapKeyRef.name);
        if (!cm) {
          if (vf.configMapKeyRef.optional) continue;
          return { ok: false, reason: 'CreateContainerConfigError', message: `configmap "${vf.configMapKeyRef.name}" not found` };
        }
        const val = cm.data?.[vf.configMapKeyRef.key];
        if (val === undefined) {
          if (vf.configMapKeyRef.optional) continue;
          return { ok: false, reason: 'CreateContainerConfigError', message: `couldn't find key ${vf.configMapKeyRef.key} in ConfigMap ${ns}/${vf.configMapKeyRef.name}` };
        }
        v = val;
      } else if (vf.secretKeyRef) {
        const s = src.secret(ns, vf.secretKeyRef.name);
        if (!s) {
          if (vf.secretKeyRef.optional) continue;
          return { ok: false, reason: 'CreateContainerConfigError', message: `secret "${vf.secretKeyRef.name}" not found` };
        }
        const raw = s.data?.[vf.secretKeyRef.key];
        const str = s.stringData?.[vf.secretKeyRef.key];
        if (raw === undefined && str === undefined) {
          if (vf.secretKeyRef.optional) continue;
          return { ok: false, reason: 'CreateContainerConfigError', message: `couldn't find key ${vf.secretKeyRef.key} in Secret ${ns}/${vf.secretKeyRef.name}` };
        }
        v = str ?? decodeBase64(raw);
      } else if (vf.resourceFieldRef) {
        v = resourceField(vf.resourceFieldRef, container);
      }
    }
    tmp.set(e.name, v ?? '');
  }
  const env: Array<[string, string]> = [...tmp.entries()];
  for (const [k, v] of svcEnv) if (!tmp.has(k)) env.push([k, v]);
  return { ok: true, env };
}

function fieldRef(path: string, src: EnvSources): string {
  const pod = src.pod;
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return src.nodeName;
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return src.hostIP;
    case 'status.hostIPs': return src.hostIP;
    case 'status.podIP': return src.podIP;
    case 'status.podIPs': return src.podIP;
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (pod.metadata as Record<string, Record<string, string> | undefined>)[m[1]]?.[m[2]] ?? '';
      return '';
    }
  }
}

function resourceField(ref: { resource: string; divisor?: string }, container: K8sObject['spec']): string {
  return containerResourceValue(ref, container);
}

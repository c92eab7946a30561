/**
 * What a container sees of its pod's volumes (kubelet volume manager, simplified): the
 * projected service account volume (`ca.crt`, `namespace`, `token`), ConfigMap and Secret
 * volumes as one file per key, emptyDir and other volumes as empty directories. Each container
 * gets its own copy (writes to an emptyDir are not shared between containers here).
 */
import type { K8sObject } from '../types';
import type { Prng } from '../sim/prng';
import { decodeBase64 } from './base64';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface VolumeSources {
  configMap(namespace: string, name: string): K8sObject | undefined;
  secret(namespace: string, name: string): K8sObject | undefined;
  /** A service account token (a JWT-looking string, deterministic). */
  token(): string;
}

const CA_CRT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIVxvKp2mD3DkwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yMjEyMDYxMDMwMDBaFw0zMjEyMDMxMDM1MDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
-----END CERTIFICATE-----
`;

export function volumeFiles(pod: K8sObject, container: Json, src: VolumeSources): { files: Record<string, string>; dirs: string[] } {
  const files: Record<string, string> = {};
  const dirs: string[] = [];
  const ns = pod.metadata.namespace ?? 'default';
  const volumes: Json[] = pod.spec?.volumes ?? [];
  for (const m of container.volumeMounts ?? []) {
    const v = volumes.find((x) => x.name === m.name);
    if (!v) continue;
    const base = String(m.mountPath).replace(/\/$/, '');
    const put = (key: string, content: string) => {
      if (m.subPath) {
        if (key === m.subPath) files[base] = content;
      } else files[`${base}/${key}`] = content;
    };
    if (v.projected) {
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) put(s.serviceAccountToken.path ?? 'token', src.token());
        if (s.configMap) {
          const cm = src.configMap(ns, s.configMap.name);
          for (const item of s.configMap.items ?? Object.keys(cm?.data ?? {}).map((k) => ({ key: k, path: k }))) {
            const val = cm?.data?.[item.key];
            if (val !== undefined) put(item.path, val);
            else if (s.configMap.name === 'kube-root-ca.crt') put(item.path, CA_CRT);
          }
        }
        if (s.downwardAPI) {
          for (const item of s.downwardAPI.items ?? []) {
            if (item.fieldRef?.fieldPath === 'metadata.namespace') put(item.path, ns);
            else if (item.fieldRef?.fieldPath === 'metadata.name') put(item.path, pod.metadata.name ?? '');
          }
        }
      }
    } else if (v.configMap) {
      const cm = src.configMap(ns, v.configMap.name);
      for (const k of Object.keys(cm?.data ?? {}).sort()) put(k, cm!.data[k]);
      dirs.push(base);
    } else if (v.secret) {
      const s = src.secret(ns, v.secret.secretName);
      for (const k of Object.keys(s?.data ?? {}).sort()) put(k, decodeBase64(s!.data[k]));
      dirs.push(base);
    } else {
      dirs.push(base);
    }
  }
  return { files, dirs };
}

/** A deterministic token in the shape of a bound service account JWT. */
export function serviceAccountToken(prng: Prng): string {
  const seg = (n: number) => prng.chars(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6I${seg(40)}.${seg(600)}.${seg(342)}`;
}

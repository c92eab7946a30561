/**
 * A KubectlHost over hand-built objects, for the kubectl tests: an in-memory store with history,
 * events, logs and exec results, and the real API resource list of the simulated cluster.
 */
import type { ExecResult } from '../../node/runtime/types';
import type { Future } from '../../programs/types';
import { API_RESOURCES } from '../../store/resources';
import { rfc3339 } from '../../sim/time';
import type { K8sObject } from '../../types';
import { runKubectl } from '../kubectl';
import type { ApplyOutcome, KubectlHost, Revision } from '../types';

/** Virtual ms `s` seconds ago, as RFC 3339. */
export function ago(now: number, seconds: number): string {
  return rfc3339(now - seconds * 1000);
}

export class ManualFuture<T> implements Future<T> {
  settled = false;
  value: T | undefined;
  private cbs: Array<(v: T) => void> = [];
  settle(v: T): void {
    this.settled = true;
    this.value = v;
    for (const cb of this.cbs.splice(0)) cb(v);
  }
  onSettle(cb: (v: T) => void): void {
    if (this.settled) cb(this.value as T);
    else this.cbs.push(cb);
  }
}

export class FakeHost implements KubectlHost {
  objects: K8sObject[] = [];
  revisions: Revision[] = [];
  logTexts = new Map<string, string>();
  execResults = new Map<string, ExecResult | ManualFuture<ExecResult>>();
  applied: Array<{ text: string; fileName: string; mode: string }> = [];
  created: K8sObject[] = [];
  deleted: string[] = [];
  explain: unknown = undefined;

  constructor(public t: number) {}

  now(): number {
    return this.t;
  }

  resources() {
    return API_RESOURCES;
  }

  add(...objs: K8sObject[]): this {
    for (const o of objs) {
      this.objects.push(o);
      this.revisions.push({ t: 0, type: 'ADDED', object: o });
    }
    return this;
  }

  list(kind: string, namespace?: string): K8sObject[] {
    return this.objects
      .filter((o) => o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? '') === namespace))
      .sort((a, b) => {
        const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
        const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
  }

  get(kind: string, namespace: string, name: string): K8sObject | undefined {
    return this.objects.find((o) => o.kind === kind && (o.metadata.namespace ?? '') === namespace && o.metadata.name === name);
  }

  history(kind: string, namespace?: string): Revision[] {
    return this.revisions.filter((r) => r.object.kind === kind && (namespace === undefined || (r.object.metadata.namespace ?? '') === namespace));
  }

  apply(text: string, fileName: string, opts: { mode: 'create' | 'apply' | 'replace' }): ApplyOutcome {
    this.applied.push({ text, fileName, mode: opts.mode });
    const name = /name:\s*(\S+)/.exec(text)?.[1] ?? 'x';
    const verb = opts.mode === 'create' ? 'created' : opts.mode === 'apply' ? 'created' : 'replaced';
    return { ok: true, stdout: [`pod/${name} ${verb}`], stderr: [] };
  }

  createObject(obj: K8sObject): ApplyOutcome & { object?: K8sObject } {
    if (this.get(obj.kind, obj.metadata.namespace ?? 'default', obj.metadata.name ?? '')) {
      const plural = obj.kind === 'Deployment' ? 'deployments.apps' : `${obj.kind.toLowerCase()}s`;
      return { ok: false, stdout: [], stderr: [`Error from server (AlreadyExists): ${plural} "${obj.metadata.name}" already exists`] };
    }
    this.created.push(obj);
    const group = obj.apiVersion.includes('/') ? `.${obj.apiVersion.split('/')[0]}` : '';
    return { ok: true, stdout: [`${obj.kind.toLowerCase()}${group}/${obj.metadata.name} created`], stderr: [], object: obj };
  }

  /** Read-modify-write of a stored object (label, annotate, rollout pause/undo). */
  patch(kind: string, namespace: string, name: string, mutate: (o: K8sObject) => void): { ok: true; object: K8sObject; changed: boolean } | { ok: false; error: string } {
    const i = this.objects.findIndex((o) => o.kind === kind && (o.metadata.namespace ?? '') === namespace && o.metadata.name === name);
    if (i < 0) return { ok: false, error: `Error from server (NotFound): ${kind.toLowerCase()}s "${name}" not found` };
    const before = JSON.stringify(this.objects[i]);
    const copy = JSON.parse(before) as K8sObject;
    mutate(copy);
    this.objects[i] = copy;
    return { ok: true, object: copy, changed: JSON.stringify(copy) !== before };
  }

  delete(kind: string, namespace: string, name: string, opts: { gracePeriodSeconds?: number; force?: boolean }): { ok: boolean; error?: string } {
    this.deleted.push(`${kind}/${namespace}/${name}/${opts.gracePeriodSeconds ?? ''}/${opts.force ? 'force' : ''}`);
    this.objects = this.objects.filter((o) => !(o.kind === kind && (o.metadata.namespace ?? '') === namespace && o.metadata.name === name));
    return { ok: true };
  }

  logs(namespace: string, pod: string, container: string | undefined, opts: { previous?: boolean }) {
    const key = `${namespace}/${pod}/${container ?? ''}${opts.previous ? '/previous' : ''}`;
    const text = this.logTexts.get(key);
    if (text === undefined) {
      if (opts.previous) return { ok: false as const, error: `Error from server (BadRequest): previous terminated container "${container}" in pod "${pod}" not found` };
      return { ok: false as const, error: `Error from server (BadRequest): container "${container}" in pod "${pod}" is waiting to start: ContainerCreating` };
    }
    return { ok: true as const, text };
  }

  exec(namespace: string, pod: string, container: string | undefined, argv: string[]): Future<ExecResult> | { error: string } {
    const r = this.execResults.get(`${namespace}/${pod}/${container ?? ''}/${argv.join(' ')}`);
    if (!r) return { error: `error: unable to upgrade connection: container not found ("${container}")` };
    if (r instanceof ManualFuture) return r;
    const f = new ManualFuture<ExecResult>();
    f.settle(r);
    return f;
  }

  explainData(): unknown {
    return this.explain;
  }
}

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `kubectl <line>` (split on spaces, single quotes keep spaces) against a host. */
export function kubectl(host: KubectlHost, line: string, opts: { stdin?: string; files?: Record<string, string> } = {}): Captured {
  const argv = splitWords(line);
  let stdout = '';
  let stderr = '';
  const files = opts.files ?? {};
  const code = runKubectl(argv, host, {
    write: (s, t) => {
      if (s === 'stdout') stdout += t;
      else stderr += t;
    },
    stdin: opts.stdin ?? '',
    cwd: '/root',
    fs: {
      read: (p) => files[p],
      write: () => undefined,
      exists: (p) => p in files || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
      isDir: (p) => !(p in files) && Object.keys(files).some((f) => f.startsWith(`${p}/`)),
      list: (p) => {
        const names = Object.keys(files)
          .filter((f) => f.startsWith(`${p}/`))
          .map((f) => f.slice(p.length + 1).split('/')[0]);
        return names.length > 0 ? [...new Set(names)].sort() : undefined;
      },
      mkdir: () => undefined,
      remove: () => undefined,
    },
  });
  if (typeof code !== 'number') throw new Error('kubectl did not finish synchronously');
  return { code, stdout, stderr };
}

export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === ' ') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    cur += ch;
    inWord = true;
  }
  if (inWord) out.push(cur);
  return out;
}

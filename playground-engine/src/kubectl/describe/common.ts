/**
 * Pieces several describers share (kubectl/pkg/describe/describe.go): multi-line labels,
 * annotations (last-applied-configuration skipped, long values cut at 140 bytes),
 * tolerations, taints, and RFC 1123Z times on the cluster's calendar.
 */
import { parseTime, rfc1123z } from '../../sim/time';
import { goSort } from '../go/sort';
import { LEVEL_0, type PrefixWriter } from './writer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

/** time.Time.Format(time.RFC1123Z) of a stored timestamp (Go's zero time when absent). */
export function rfc1123(ts: string | null | undefined): string {
  if (!ts) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const t = parseTime(ts);
  return Number.isNaN(t) ? ts : rfc1123z(t);
}

export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${key}=${(labels as Record<string, string>)[key]}\n`);
  });
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/**
 * shorten() over Go strings: len and slicing count UTF-8 bytes, so a long value can be cut inside
 * a character. The cut character's leading bytes are kept as lone surrogates U+DC80..U+DCFF (the
 * "surrogateescape" convention); `k8s-sim` writes them back as the raw bytes kubectl prints, a
 * page shows them as U+FFFD as a terminal would.
 */
function shorten(s: string, max: number): string {
  const bytes = utf8.encode(s);
  if (bytes.length <= max) return s;
  const head = bytes.subarray(0, max);
  let end = max;
  // back up over a trailing incomplete sequence
  let k = end - 1;
  while (k >= 0 && k > end - 4 && (head[k] & 0xc0) === 0x80) k--;
  if (k >= 0 && head[k] >= 0xc0) {
    const need = head[k] >= 0xf0 ? 4 : head[k] >= 0xe0 ? 3 : 2;
    if (end - k < need) end = k;
  }
  let out = utf8d.decode(head.subarray(0, end));
  for (let i = end; i < max; i++) out += String.fromCharCode(0xdc00 + head[i]);
  return `${out}...`;
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

/** Go's len(s): the UTF-8 length of a string. */
function goLen(s: string): number {
  return utf8.encode(s).length;
}

export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = String((annotations as Record<string, string>)[key]).replace(/\n$/, '');
    if (goLen(value) + goLen(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Any[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = goSort([...(tolerations ?? [])], (a: Any, b: Any) => (a.key ?? '') < (b.key ?? ''));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t: Any, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Any[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = goSort([...(taints ?? [])], (a: Any, b: Any) => `${a.effect ?? ''},${a.key ?? ''}` < `${b.effect ?? ''},${b.key ?? ''}`);
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t: Any, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${t.value ? `${t.key}=${t.value}` : t.key}:${t.effect ?? ''}\n`);
  });
}

/** metav1.GetControllerOf rendered as `Kind/name`. */
export function controllerOf(obj: Any): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r: Any) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function printBool(v: unknown): string {
  return v ? 'True' : 'False';
}

export function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

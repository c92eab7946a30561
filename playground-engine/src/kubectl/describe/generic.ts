/**
 * The generic describer kubectl uses for kinds without their own (genericDescriber): name,
 * namespace, labels, annotations, then every other field with a "smart" label (`creationTimestamp`
 * becomes `Creation Timestamp`), events.
 */
import type { K8sObject, VirtualMs } from '../../types';
import type { KubectlHost } from '../types';
import { type Any, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, PrefixWriter } from './writer';

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** github.com/fatih/camelcase Split: runs of lower, upper, digit and other characters. */
function camelSplit(s: string): string[] {
  const runs: string[] = [];
  let last = '';
  const cls = (ch: string) => (/\p{Ll}/u.test(ch) ? 'l' : /\p{Lu}/u.test(ch) ? 'u' : /\p{Nd}/u.test(ch) ? 'd' : 'o');
  for (const ch of s) {
    const k = cls(ch);
    if (runs.length > 0 && k === last) runs[runs.length - 1] += ch;
    else runs.push(ch);
    last = k;
  }
  // an upper-case run followed by lower case gives its last letter to the next word (a run of
  // one letter gives all of it: creationTimestamp is creation + Timestamp)
  for (let i = 0; i < runs.length - 1; i++) {
    if (/^\p{Lu}+$/u.test(runs[i]) && /^\p{Ll}/u.test(runs[i + 1])) {
      const chars = Array.from(runs[i]);
      runs[i + 1] = chars.pop() + runs[i + 1];
      runs[i] = chars.join('');
    }
  }
  return runs.filter((r) => r.length > 0);
}

export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

function printContent(w: PrefixWriter, level: number, content: Record<string, Any>, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const v = content[field];
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, v, path, skip);
    } else if (Array.isArray(v)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of v) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child, path, skip);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${v === null ? '<nil>' : String(v)}\n`);
    }
  }
}

export function describeGeneric(obj: K8sObject, host: KubectlHost, now: VirtualMs): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printContent(w, LEVEL_0, obj as Any, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
  describeEvents(searchEvents(host, { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: obj.kind, uid: obj.metadata.uid }), w, now);
  return w.finish();
}

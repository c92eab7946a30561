/**
 * kubectl's rendering of an Invalid status (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go
 * checkErr, statusCausesToAggrError, MultilineError): the causes `<field>: <message>` without
 * duplicates; one cause on the prefix line, several as `* <cause>` lines under a prefix line
 * that keeps its trailing space.
 */
import { errorText, goQuote, type FieldError } from './validation/field';
import type { FieldCause } from './types';

export function causesOf(errs: FieldError[]): FieldCause[] {
  return errs.map((e) => ({ field: e.field, text: errorText(e) }));
}

export function invalidMessage(kind: string, name: string, causes: FieldCause[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of causes) {
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    lines.push(c.text);
  }
  const prefix = `The ${kind} ${goQuote(name)} is invalid: `;
  if (lines.length === 1) return prefix + lines[0];
  return [prefix, ...lines.map((l) => `* ${l}`)].join('\n');
}

/**
 * Labels and label selectors (k8s.io/apimachinery/pkg/labels): FormatLabels for LABELS columns
 * and `Selector:` lines, and the selector grammar `-l` accepts (equality and set-based).
 */

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}

type Op = '=' | '!=' | 'in' | 'notin' | 'exists' | '!';

export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** Parse a selector; returns the requirements or the parser's error text. */
export function parseSelector(input: string): { ok: true; reqs: Requirement[] } | { ok: false; error: string } {
  // The error text is the lexer's `found '<token>', expected: <operators>` for the token that
  // follows a key where an operator was expected (labels/selector.go parseOperator).
  const reqs: Requirement[] = [];
  const s = input.trim();
  if (s === '') return { ok: true, reqs };
  // split on commas that are not inside parentheses
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^!\s*([A-Za-z0-9_./-]+)$/.exec(p))) reqs.push({ key: m[1], op: '!', values: [] });
    else if ((m = /^([A-Za-z0-9_./-]+)\s*(notin|in)\s*\(([^)]*)\)$/.exec(p))) {
      const values = m[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
      reqs.push({ key: m[1], op: m[2] as Op, values });
    } else if ((m = /^([A-Za-z0-9_./-]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/.exec(p))) {
      reqs.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] });
    } else if ((m = /^([A-Za-z0-9_./-]+)$/.exec(p))) reqs.push({ key: m[1], op: 'exists', values: [] });
    else {
      const rest = p.replace(/^!?\s*[A-Za-z0-9_./-]*\s*/, '');
      const tok = /^[A-Za-z0-9_./-]+/.exec(rest)?.[0] ?? rest[0] ?? '';
      return { ok: false, error: `unable to parse requirement: found '${tok}', expected: in, notin, =, ==, !=, gt, lt` };
    }
  }
  return { ok: true, reqs };
}

export function matches(reqs: Requirement[], labels: Record<string, string> | undefined | null): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
        return has && l[r.key] === r.values[0];
      case '!=':
        return !has || l[r.key] !== r.values[0];
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
    return false;
  });
}

/** metav1.FormatLabelSelector / LabelSelectorAsSelector().String() for matchLabels + matchExpressions. */
export function formatLabelSelector(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined | null): string {
  if (!sel) return '<none>';
  const parts: Array<{ key: string; text: string }> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        parts.push({ key: e.key, text: `${e.key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        parts.push({ key: e.key, text: `${e.key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        parts.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        parts.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
    }
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const s = parts.map((p) => p.text).join(',');
  return s === '' ? '<none>' : s;
}

/**
 * `-o jsonpath=...`: the part of k8s.io/client-go/util/jsonpath that kubectl users reach for:
 * `{.status.podIP}`, `{.items[*].metadata.name}`, `{.metadata.labels['app']}`, `{.spec.containers[0].image}`,
 * `{..image}`, `{.status.conditions[?(@.type=="Ready")].status}`, `{range .items[*]}...{end}`,
 * and string literals such as `{"\n"}`. kubectl allows missing keys (they print nothing);
 * several results of one expression are joined with spaces; maps and lists print as JSON.
 * Execution follows client-go's FindResults (range/end as a flat state machine, so `{end}`
 * outside a range is an execution error) and PrintResults (`-o jsonpath-as-json` prints each
 * expression's results as one indented JSON array).
 */
import { goFloat, goQuote, goString } from './gotemplate';
import { toCompactJson, toJson } from './json';

type V = unknown;

type Node = { t: 'text'; s: string } | { t: 'expr'; path: string } | { t: 'range'; path: string } | { t: 'end' };

export class JsonPathError extends Error {}

function parseTemplate(tpl: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) nodes.push({ t: 'text', s: text });
    text = '';
  };
  while (i < tpl.length) {
    if (tpl[i] !== '{') {
      text += tpl[i++];
      continue;
    }
    flush();
    // find matching close brace, honouring quotes
    let j = i + 1;
    let quote = '';
    for (; j < tpl.length; j++) {
      const ch = tpl[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '}') break;
    }
    if (j >= tpl.length) throw new JsonPathError('unclosed action');
    const inner = tpl.slice(i + 1, j).trim();
    i = j + 1;
    if (/^"(.*)"$/s.test(inner)) nodes.push({ t: 'text', s: JSON.parse(inner.replace(/\\([^"\\/bfnrtu])/g, '$1')) as string });
    else if (inner.startsWith('range ')) nodes.push({ t: 'range', path: inner.slice(6).trim() });
    else if (inner === 'end') nodes.push({ t: 'end' });
    else nodes.push({ t: 'expr', path: inner });
  }
  flush();
  return nodes;
}

type Step =
  | { k: 'field'; name: string }
  | { k: 'recursive'; name: string }
  | { k: 'slice'; start?: number; end?: number; derived?: boolean }
  | { k: 'all' }
  | { k: 'filter'; left: Step[]; op?: string; value?: string };

function parsePath(p: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (p.startsWith('$')) i = 1;
  if (p.startsWith('@')) i = 1;
  while (i < p.length) {
    if (p.startsWith('..', i)) {
      i += 2;
      const m = /^[A-Za-z0-9_-]+|^\*/.exec(p.slice(i));
      steps.push({ k: 'recursive', name: m ? m[0] : '' });
      i += m ? m[0].length : 0;
    } else if (p[i] === '.') {
      i++;
      const m = /^[^.[\]]*/.exec(p.slice(i)) as RegExpExecArray;
      if (m[0] === '*') steps.push({ k: 'all' });
      else if (m[0] !== '') steps.push({ k: 'field', name: m[0] });
      i += m[0].length;
    } else if (p[i] === '[') {
      const close = p.indexOf(']', p[i + 1] === '?' ? p.indexOf(')', i) : i);
      if (close < 0) throw new JsonPathError(`unterminated array`);
      const body = p.slice(i + 1, close).trim();
      i = close + 1;
      let m: RegExpExecArray | null;
      if (body === '*') steps.push({ k: 'slice' });
      else if ((m = /^['"](.*)['"]$/.exec(body))) steps.push({ k: 'field', name: m[1] });
      else if ((m = /^-?\d+$/.exec(body))) steps.push({ k: 'slice', start: Number(body), end: Number(body) + 1, derived: true });
      else if ((m = /^(-?\d*):(-?\d*)$/.exec(body))) steps.push({ k: 'slice', start: m[1] === '' ? undefined : Number(m[1]), end: m[2] === '' ? undefined : Number(m[2]) });
      else if ((m = /^\?\(\s*@(\S*?)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*\)$/.exec(body))) steps.push({ k: 'filter', left: parsePath(m[1]), op: m[2], value: m[3] });
      else if ((m = /^\?\(\s*@(\S*)\s*\)$/.exec(body))) steps.push({ k: 'filter', left: parsePath(m[1]) });
      else throw new JsonPathError(`invalid array index ${body}`);
    } else throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(p[i])}`);
  }
  return steps;
}

function children(v: V): V[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') return Object.keys(v).sort().map((k) => (v as Record<string, V>)[k]);
  return [];
}

function literal(s: string): V {
  const m = /^['"](.*)['"]$/.exec(s);
  if (m) return m[1];
  if (s === 'true' || s === 'false') return s === 'true';
  const n = Number(s);
  return Number.isNaN(n) ? s : n;
}

/** reflect's type name of an unstructured value, as client-go's errors print it. */
function goType(v: V): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

const isNil = (v: V) => v === null || v === undefined;

/** evalArray: an index or a slice, with client-go's bounds errors. */
function slice(v: V, st: Extract<Step, { k: 'slice' }>): V[] {
  if (isNil(v)) return [];
  if (!Array.isArray(v)) throw new JsonPathExecError(`${goType(v)} is not array or slice`);
  const len = v.length;
  let from = st.start ?? 0;
  if (from < 0) from += len;
  let to = st.end ?? len;
  if (to < 0 || (to === 0 && st.derived)) to += len;
  if (to === from) return [];
  if (from >= len || from < 0) throw new JsonPathExecError(`array index out of bounds: index ${from}, length ${len}`);
  if (to > len || to < 0) throw new JsonPathExecError(`array index out of bounds: index ${to - 1}, length ${len}`);
  if (from > to) throw new JsonPathExecError(`starting index ${from} is greater than ending index ${to}`);
  return v.slice(from, to);
}

function compare(op: string, a: V, b: V): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return (a as number) < (b as number);
    case '>': return (a as number) > (b as number);
    case '<=': return (a as number) <= (b as number);
    case '>=': return (a as number) >= (b as number);
    default: throw new JsonPathExecError(`unrecognized filter operator ${op}`);
  }
}

function evalSteps(values: V[], steps: Step[], allowMissingKeys = true): V[] {
  let cur = values;
  for (const st of steps) {
    const next: V[] = [];
    for (const v of cur) {
      switch (st.k) {
        case 'field':
          if (v && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, st.name)) next.push((v as Record<string, V>)[st.name]);
          break;
        case 'all':
          next.push(...children(v));
          break;
        case 'slice':
          next.push(...slice(v, st));
          break;
        case 'recursive': {
          const walk = (x: V): void => {
            if (x && typeof x === 'object' && !Array.isArray(x)) {
              if (st.name === '*' || st.name === '') next.push(...children(x));
              else if (st.name in (x as object)) next.push((x as Record<string, V>)[st.name]);
            }
            for (const ch of children(x)) walk(ch);
          };
          walk(v);
          break;
        }
        case 'filter': {
          if (!Array.isArray(v)) throw new JsonPathExecError(`${goString(v)} is not array or slice and cannot be filtered`);
          for (const item of v) {
            let got: V[];
            try {
              got = evalSteps([item], st.left, allowMissingKeys);
            } catch (e) {
              if (st.op === undefined) got = [];
              else throw e;
            }
            if (st.op === undefined) {
              if (got.length > 0) next.push(item);
              continue;
            }
            if (got.length === 0) continue;
            if (got.length > 1) throw new JsonPathExecError('can only compare one element at a time');
            if (compare(st.op, got[0], literal(st.value ?? ''))) next.push(item);
          }
          break;
        }
      }
    }
    if (st.k === 'field' && next.length === 0 && cur.length > 0 && !allowMissingKeys) throw new JsonPathExecError(`${st.name} is not found`);
    cur = next;
  }
  return cur;
}

/** evalToText: fmt.Fprint of the value (an unstructured object's integers are int64, other numbers float64). */
function textOf(v: V): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

/** PrintResults: maps and lists as compact JSON, the rest as text; one expression's results joined by spaces. */
function printResults(results: V[], asJson: boolean): string {
  if (asJson) return toJson(results);
  return results.map((r) => (r !== null && typeof r === 'object' ? toCompactJson(r) : textOf(r))).join(' ');
}

/** client-go's JSONPath.FindResults, its range/end bookkeeping included. */
class Finder {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private stack = 0;
  private lastEndNode = -1;
  /** Each expression's steps, parsed once (a template that does not parse fails here, before it runs). */
  private readonly paths = new Map<string, Step[]>();

  constructor(
    private readonly nodes: Node[],
    private readonly allowMissingKeys: boolean,
  ) {
    for (const n of nodes) if ((n.t === 'expr' || n.t === 'range') && !this.paths.has(n.path)) this.paths.set(n.path, parsePath(n.path));
  }

  private steps(path: string): Step[] {
    return this.paths.get(path) as Step[];
  }

  private walk(cur: V[], n: Node): V[] {
    switch (n.t) {
      case 'text':
        return [n.s];
      case 'expr':
        return evalSteps(cur, this.steps(n.path), this.allowMissingKeys);
      case 'range':
        this.stack++;
        this.beginRange++;
        return evalSteps(cur, this.steps(n.path), this.allowMissingKeys);
      case 'end':
        if (this.endRange < this.inRange) {
          this.endRange++;
          return [];
        }
        if (this.stack === 0) throw new JsonPathExecError('not in range, nothing to end');
        this.stack--;
        return [];
    }
  }

  find(data: V, from = 0): V[][] {
    const cur = data === undefined ? [] : [data];
    const full: V[][] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const results = this.walk(cur, this.nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) for (const value of results) full.push(...this.find(value, i + 1));
        else this.find(undefined, i + 1);
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }
}

/** An error of the template's execution (kubectl prints it with its debugging lines). */
export class JsonPathExecError extends JsonPathError {}

/**
 * Execute a template; throws JsonPathError when the template does not parse, JsonPathExecError
 * when it fails while running. `asJson`: -o jsonpath-as-json.
 */
export function executeJsonPath(template: string, data: unknown, asJson = false, allowMissingKeys = true): string {
  return findJsonPathResults(template, data, allowMissingKeys)
    .map((r) => printResults(r, asJson))
    .join('');
}

/** client-go's FindResults: each expression's results (kubectl wait --for=jsonpath reads the first). */
export function findJsonPathResults(template: string, data: unknown, allowMissingKeys = true): unknown[][] {
  return new Finder(parseTemplate(template), allowMissingKeys).find(JSON.parse(JSON.stringify(data ?? null)) as V);
}

/** The values one `{...}` expression finds (custom-columns' FindResults), without printing them. */
export function jsonPathValues(expr: string, data: unknown): unknown[] {
  const nodes = parseTemplate(expr);
  const out: unknown[] = [];
  const root = JSON.parse(JSON.stringify(data ?? null)) as V;
  for (const n of nodes) if (n.t === 'expr') out.push(...evalSteps([root], parsePath(n.path)));
  return out;
}

/** fmt's %#v of an unstructured object (the debugging line of a failed jsonpath). */
export function goSyntax(v: V): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  const o = v as Record<string, V>;
  return `map[string]interface {}{${Object.keys(o)
    .sort()
    .map((k) => `${goQuote(k)}:${goSyntax(o[k])}`)
    .join(', ')}}`;
}

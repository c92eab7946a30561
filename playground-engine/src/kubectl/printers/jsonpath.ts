/**
 * `-o jsonpath=...`: the part of k8s.io/client-go/util/jsonpath that kubectl users reach for:
 * `{.status.podIP}`, `{.items[*].metadata.name}`, `{.metadata.labels['app']}`, `{.spec.containers[0].image}`,
 * `{..image}`, `{.status.conditions[?(@.type=="Ready")].status}`, `{range .items[*]}...{end}`,
 * and string literals such as `{"\n"}`. kubectl allows missing keys (they print nothing);
 * several results of one expression are joined with spaces; maps and lists print as JSON.
 */

type V = unknown;

type Node = { t: 'text'; s: string } | { t: 'expr'; path: string } | { t: 'range'; path: string; body: Node[] };

export class JsonPathError extends Error {}

function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  const ranges: Array<Extract<Node, { t: 'range' }>> = [];
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) stack[stack.length - 1].push({ t: 'text', s: text });
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
    if (/^"(.*)"$/s.test(inner)) {
      stack[stack.length - 1].push({ t: 'text', s: JSON.parse(inner.replace(/\\([^"\\/bfnrtu])/g, '$1')) as string });
    } else if (inner.startsWith('range ')) {
      const node: Extract<Node, { t: 'range' }> = { t: 'range', path: inner.slice(6).trim(), body: [] };
      stack[stack.length - 1].push(node);
      stack.push(node.body);
      ranges.push(node);
    } else if (inner === 'end') {
      if (ranges.length === 0) throw new JsonPathError('not in range, nothing to end');
      ranges.pop();
      stack.pop();
    } else stack[stack.length - 1].push({ t: 'expr', path: inner });
  }
  flush();
  return root;
}

type Step =
  | { k: 'field'; name: string }
  | { k: 'recursive'; name: string }
  | { k: 'index'; n: number }
  | { k: 'slice'; start?: number; end?: number }
  | { k: 'all' }
  | { k: 'filter'; path: string; op?: string; value?: string };

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
      if (body === '*') steps.push({ k: 'all' });
      else if ((m = /^['"](.*)['"]$/.exec(body))) steps.push({ k: 'field', name: m[1] });
      else if ((m = /^-?\d+$/.exec(body))) steps.push({ k: 'index', n: Number(body) });
      else if ((m = /^(-?\d*):(-?\d*)$/.exec(body))) steps.push({ k: 'slice', start: m[1] === '' ? undefined : Number(m[1]), end: m[2] === '' ? undefined : Number(m[2]) });
      else if ((m = /^\?\(\s*@(\S*?)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*\)$/.exec(body))) steps.push({ k: 'filter', path: m[1], op: m[2], value: m[3] });
      else if ((m = /^\?\(\s*@(\S*)\s*\)$/.exec(body))) steps.push({ k: 'filter', path: m[1] });
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

function evalSteps(values: V[], steps: Step[]): V[] {
  let cur = values;
  for (const st of steps) {
    const next: V[] = [];
    for (const v of cur) {
      switch (st.k) {
        case 'field':
          if (v && typeof v === 'object' && !Array.isArray(v) && st.name in (v as object)) next.push((v as Record<string, V>)[st.name]);
          break;
        case 'all':
          next.push(...children(v));
          break;
        case 'index':
          if (Array.isArray(v)) {
            const i = st.n < 0 ? v.length + st.n : st.n;
            if (i >= 0 && i < v.length) next.push(v[i]);
          }
          break;
        case 'slice':
          if (Array.isArray(v)) next.push(...v.slice(st.start ?? 0, st.end ?? v.length));
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
        case 'filter':
          for (const item of Array.isArray(v) ? v : []) {
            const got = evalSteps([item], parsePath(st.path));
            if (st.op === undefined) {
              if (got.length > 0) next.push(item);
              continue;
            }
            const want = literal(st.value ?? '');
            const ok = got.some((g) => {
              switch (st.op) {
                case '==': return g === want;
                case '!=': return g !== want;
                case '<': return (g as number) < (want as number);
                case '>': return (g as number) > (want as number);
                case '<=': return (g as number) <= (want as number);
                case '>=': return (g as number) >= (want as number);
                default: return false;
              }
            });
            if (ok) next.push(item);
          }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function sortKeys(v: V): V {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, V> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, V>)[k]);
    return out;
  }
  return v;
}

function printValue(v: V): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(sortKeys(v));
  return String(v);
}

function run(nodes: Node[], data: V): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'expr') out += evalSteps([data], parsePath(n.path)).map(printValue).join(' ');
    else {
      for (const v of evalSteps([data], parsePath(n.path))) {
        for (const item of Array.isArray(v) ? v : [v]) out += run(n.body, item);
      }
    }
  }
  return out;
}

/** Execute a template; throws JsonPathError on a template kubectl would reject. */
export function executeJsonPath(template: string, data: unknown): string {
  return run(parseTemplate(template), JSON.parse(JSON.stringify(data ?? null)));
}

/** The values one `{...}` expression finds (custom-columns' FindResults), without printing them. */
export function jsonPathValues(expr: string, data: unknown): unknown[] {
  const nodes = parseTemplate(expr);
  const out: unknown[] = [];
  const root = JSON.parse(JSON.stringify(data ?? null)) as V;
  for (const n of nodes) if (n.t === 'expr') out.push(...evalSteps([root], parsePath(n.path)));
  return out;
}

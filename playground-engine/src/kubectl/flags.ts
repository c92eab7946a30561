/**
 * Flag parsing as spf13/pflag does it under cobra: `-owide`, `-o wide`, `-o=wide`, `--output=yaml`,
 * `--output yaml`, bool clusters `-ti`, `--` ending the flags (ArgsLenAtDash), flags after
 * positional arguments, and pflag's own error texts:
 *   unknown flag: --foo
 *   unknown shorthand flag: 'x' in -x
 *   flag needs an argument: --namespace   /   flag needs an argument: 'n' in -n
 *   invalid argument "abc" for "--tail" flag: strconv.ParseInt: parsing "abc": invalid syntax
 *   bad flag syntax: ---x
 * The parser never throws: every input gives a result or an error text.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice';

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  /** pflag's NoOptDefVal: the value used when the flag is given without one (`--dry-run` = unchanged). */
  noOptDefVal?: string;
}

export interface ParsedFlags {
  values: Map<string, string | string[] | boolean | number>;
  changed: Set<string>;
  args: string[];
  /** Number of positional arguments before `--`, or -1 when there was no `--`. */
  argsLenAtDash: number;
  help: boolean;
}

export type ParseResult = { ok: true; flags: ParsedFlags } | { ok: false; error: string };

/** Go's %q for a single byte/rune. */
function quoteRune(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '\\') return "'\\\\'";
  return `'${c}'`;
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2].replace(/_/g, '');
  let v: number;
  if (/^0[xXbBoO]/.test(body)) v = Number(body.toLowerCase().replace(/^0o/, '0o'));
  else if (body.length > 1 && body[0] === '0') v = parseInt(body, 8);
  else v = parseInt(body, 10);
  if (!Number.isFinite(v)) return undefined;
  return m[1] === '-' ? -v : v;
}

function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Split on commas the way pflag's stringSlice does (a CSV reader). */
function splitCsv(s: string): string[] {
  if (s === '') return [];
  return s.split(',');
}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParseResult {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.shorthand) byShort.set(s.shorthand, s);
  }
  const values = new Map<string, string | string[] | boolean | number>();
  const changed = new Set<string>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  let help = false;

  const set = (spec: FlagSpec, value: string): string | undefined => {
    const flagName = spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
    switch (spec.type) {
      case 'bool': {
        const b = parseGoBool(value);
        if (b === undefined) return `invalid argument ${goQuote(value)} for ${goQuote(flagName)} flag: strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`;
        values.set(spec.name, b);
        break;
      }
      case 'int': {
        const n = parseGoInt(value);
        if (n === undefined) return `invalid argument ${goQuote(value)} for ${goQuote(flagName)} flag: strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`;
        values.set(spec.name, n);
        break;
      }
      case 'stringArray': {
        const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        values.set(spec.name, [...prev, value]);
        break;
      }
      case 'stringSlice': {
        const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        values.set(spec.name, [...prev, ...splitCsv(value)]);
        break;
      }
      default:
        values.set(spec.name, value);
    }
    changed.add(spec.name);
    return undefined;
  };

  let rest = [...argv];
  while (rest.length > 0) {
    const s = rest[0];
    rest = rest.slice(1);
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        argsLenAtDash = args.length;
        args.push(...rest);
        rest = [];
        break;
      }
      let name = s.slice(2);
      if (name.length === 0 || name[0] === '-' || name[0] === '=') return { ok: false, error: `bad flag syntax: ${s}` };
      const eq = name.indexOf('=');
      const inline = eq >= 0 ? name.slice(eq + 1) : undefined;
      if (eq >= 0) name = name.slice(0, eq);
      const spec = byName.get(name);
      if (!spec) {
        if (name === 'help') {
          help = true;
          continue;
        }
        return { ok: false, error: `unknown flag: --${name}` };
      }
      let value: string;
      if (inline !== undefined) value = inline;
      else if (spec.type === 'bool') value = spec.noOptDefVal ?? 'true';
      else if (spec.noOptDefVal !== undefined) value = spec.noOptDefVal;
      else if (rest.length > 0) {
        value = rest[0];
        rest = rest.slice(1);
      } else return { ok: false, error: `flag needs an argument: ${s}` };
      const err = set(spec, value);
      if (err) return { ok: false, error: err };
      continue;
    }
    // shorthand cluster
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = Array.from(shorthands)[0];
      const spec = byShort.get(c);
      if (!spec) {
        if (c === 'h') {
          help = true;
          shorthands = shorthands.slice(c.length);
          continue;
        }
        return { ok: false, error: `unknown shorthand flag: ${quoteRune(c)} in -${shorthands}` };
      }
      let value: string;
      let next = shorthands.slice(c.length);
      if (next.length > 1 && next[0] === '=') {
        value = next.slice(1);
        next = '';
      } else if (spec.type === 'bool') value = spec.noOptDefVal ?? 'true';
      else if (spec.noOptDefVal !== undefined) value = spec.noOptDefVal;
      else if (next.length > 0) {
        value = next;
        next = '';
      } else if (rest.length > 0) {
        value = rest[0];
        rest = rest.slice(1);
      } else return { ok: false, error: `flag needs an argument: ${quoteRune(c)} in -${shorthands}` };
      const err = set(spec, value);
      if (err) return { ok: false, error: err };
      shorthands = next;
    }
  }
  return { ok: true, flags: { values, changed, args, argsLenAtDash, help } };
}

/** Typed accessors with defaults. */
export function str(f: ParsedFlags, name: string, def = ''): string {
  const v = f.values.get(name);
  return typeof v === 'string' ? v : def;
}
export function bool(f: ParsedFlags, name: string, def = false): boolean {
  const v = f.values.get(name);
  return typeof v === 'boolean' ? v : def;
}
export function int(f: ParsedFlags, name: string, def: number): number {
  const v = f.values.get(name);
  return typeof v === 'number' ? v : def;
}
export function list(f: ParsedFlags, name: string): string[] {
  const v = f.values.get(name);
  return Array.isArray(v) ? v : [];
}

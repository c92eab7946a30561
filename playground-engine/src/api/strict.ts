/**
 * The API server's strict JSON decoding of an object into its Go type (sigs.k8s.io/json
 * UnmarshalStrict, case-sensitive, as `kubectl apply --validate=strict` requests it):
 *
 * - keys are read in the order of the JSON kubectl sends: sorted (Go marshals maps sorted);
 * - an unknown field is a strict error `unknown field "spec.containers[0].imagePullPolicyy"`,
 *   collected (deduplicated, at most 100) and reported only when nothing worse happened;
 * - a JSON value of the wrong type is a saved type error, the first one wins:
 *   `json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`
 *   (the struct is the innermost one holding the field; the path lists JSON field names only,
 *   without list indices or map keys — encoding/json's errorContext);
 * - a custom unmarshaler's error (IntOrString, Quantity, Time) stops decoding at once;
 * - `null` leaves a field unset.
 */
import { fieldsOf, goTypeName, parseType, type FieldType } from './fieldtree';
import { quantityError } from './quantity';
import { base64DecodeError } from './base64';
import { rfc3339Error } from './gotime';
import type { Json } from './yaml/tree';

export interface StrictProblem {
  message: string;
  /** Field path of the problem (`spec.containers[0].ports[0].containerPort`). */
  path: string;
}

export interface StrictResult {
  /** The object with unknown fields and nulls removed. */
  value: Json;
  /** The error the server returns (after `… cannot be handled as a Pod: `), if any. */
  error?: string;
  /** Where it comes from: one entry, or one per unknown field. */
  problems: StrictProblem[];
}

class Fatal extends Error {
  constructor(readonly problem: StrictProblem) {
    super(problem.message);
  }
}

interface Ctx {
  /** encoding/json errorContext: innermost struct and JSON field names. */
  struct: string;
  stack: string[];
  /** sigs.k8s.io/json strict path: `spec.containers[0].name`. */
  path: string;
}

const jsonKind = (v: Json): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : 'string';

/** Go's encoding of a float64 in JSON (`1.5`, `1e+21`), for `number 1.5` in messages. */
const numberText = (n: number): string => String(n);

export function decodeStrict(value: Json, rootType: string): StrictResult {
  let typeError: StrictProblem | undefined;
  const strict: StrictProblem[] = [];
  const seen = new Set<string>();

  const typeErr = (valueDesc: string, t: FieldType | string, ctx: Ctx) => {
    if (typeError) return;
    const goType = typeof t === 'string' ? t : goTypeName(t);
    const message = ctx.stack.length
      ? `json: cannot unmarshal ${valueDesc} into Go struct field ${ctx.struct}.${ctx.stack.join('.')} of type ${goType}`
      : `json: cannot unmarshal ${valueDesc} into Go value of type ${goType}`;
    typeError = { message, path: ctx.path };
  };
  const fatal = (message: string, ctx: Ctx): never => {
    throw new Fatal({ message, path: ctx.path });
  };
  const strictErr = (message: string, path: string) => {
    if (strict.length >= 100 || seen.has(message)) return;
    seen.add(message);
    strict.push({ message, path });
  };

  const decode = (v: Json, t: FieldType, ctx: Ctx): Json | undefined => {
    if (v === null) return undefined;
    switch (t.k) {
      case 'struct': {
        if (typeof v !== 'object' || Array.isArray(v)) return void typeErr(jsonKind(v), t, ctx);
        const fields = fieldsOf(t.name) ?? {};
        const out: { [k: string]: Json } = {};
        for (const key of Object.keys(v).sort()) {
          const childPath = ctx.path ? `${ctx.path}.${key}` : key;
          if (!Object.prototype.hasOwnProperty.call(fields, key)) {
            strictErr(`unknown field "${childPath}"`, childPath);
            continue;
          }
          const r = decode(v[key], parseType(fields[key]), { struct: t.name, stack: [...ctx.stack, key], path: childPath });
          if (r !== undefined) out[key] = r;
        }
        return out;
      }
      case 'list': {
        if (!Array.isArray(v)) return void typeErr(jsonKind(v), t, ctx);
        const out: Json[] = [];
        v.forEach((item, i) => {
          const r = decode(item, t.of, { ...ctx, path: `${ctx.path}[${i}]` });
          out.push(r === undefined ? null : r);
        });
        return out;
      }
      case 'map': {
        if (typeof v !== 'object' || Array.isArray(v)) return void typeErr(jsonKind(v), t, ctx);
        const out: { [k: string]: Json } = {};
        for (const key of Object.keys(v).sort()) {
          const r = decode(v[key], t.of, { ...ctx, path: `${ctx.path}.${key}` });
          if (r !== undefined) out[key] = r;
        }
        return out;
      }
      case 'string':
        if (typeof v === 'string') return v;
        return void typeErr(jsonKind(v), t, ctx);
      case 'bool':
        if (typeof v === 'boolean') return v;
        return void typeErr(jsonKind(v), t, ctx);
      case 'int': {
        if (typeof v !== 'number') return void typeErr(jsonKind(v), t, ctx);
        const max = t.go === 'int32' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
        const min = t.go === 'int32' ? -(2 ** 31) : Number.MIN_SAFE_INTEGER;
        if (!Number.isInteger(v) || v > max || v < min) return void typeErr(`number ${numberText(v)}`, t, ctx);
        return v;
      }
      case 'float':
        if (typeof v === 'number') return v;
        return void typeErr(jsonKind(v), t, ctx);
      case 'intOrString': {
        // intstr.IntOrString.UnmarshalJSON: a string, or json.Unmarshal into the int32
        if (typeof v === 'string') return v;
        if (typeof v === 'number' && Number.isInteger(v) && v <= 2 ** 31 - 1 && v >= -(2 ** 31)) return v;
        const desc = typeof v === 'number' ? `number ${numberText(v)}` : jsonKind(v);
        return fatal(`json: cannot unmarshal ${desc} into Go struct field ${ctx.struct}.${ctx.stack.join('.')} of type int32`, ctx);
      }
      case 'quantity': {
        const text = typeof v === 'string' ? v : typeof v === 'number' ? numberText(v) : JSON.stringify(v);
        const err = quantityError(text);
        if (err) return fatal(err, ctx);
        return v;
      }
      case 'time': {
        if (typeof v !== 'string') {
          return fatal(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${ctx.struct}.${ctx.stack.join('.')} of type string`, ctx);
        }
        const err = rfc3339Error(v);
        if (err) return fatal(err, ctx);
        return v;
      }
      case 'bytes': {
        if (typeof v !== 'string') return void typeErr(jsonKind(v), '[]uint8', ctx);
        const err = base64DecodeError(v);
        if (err && !typeError) typeError = { message: err, path: ctx.path };
        return v;
      }
      case 'duration':
        if (typeof v === 'string' || typeof v === 'number') return v;
        return void typeErr(jsonKind(v), 'string', ctx);
      case 'object':
        return v;
    }
  };

  try {
    const out = decode(value, { k: 'struct', name: rootType }, { struct: rootType, stack: [], path: '' });
    const cleaned = out === undefined ? {} : out;
    if (typeError) return { value: cleaned, error: typeError.message, problems: [typeError] };
    if (strict.length) return { value: cleaned, error: `strict decoding error: ${strict.map((s) => s.message).join(', ')}`, problems: strict };
    return { value: cleaned, problems: [] };
  } catch (e) {
    if (e instanceof Fatal) return { value: null, error: e.problem.message, problems: [e.problem] };
    throw e;
  }
}

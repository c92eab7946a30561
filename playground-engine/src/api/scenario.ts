/**
 * The playground's `apiVersion: playground/v1, kind: Scenario` document: decoded strictly like
 * an API object, then checked field by field; errors read like the API server's (a decoding
 * error, or `The Scenario "…" is invalid: <field>: <cause>`), durations with Go's own messages.
 */
import type { ScenarioSpec, ScenarioStep, SourceRange, TrafficSpec } from './types';
import { decodeStrict, type StrictProblem } from './strict';
import { parseGoDuration, formatGoDuration } from './goduration';
import { child, index, invalid, notSupported, required, tooLong, type FieldError } from './validation/field';
import type { Json } from './yaml/tree';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

export const MAX_HORIZON_MS = 24 * 3_600_000;
export const MAX_STEPS = 200;
export const MAX_TRAFFIC = 20;
export const MAX_RPS = 1000;
export const MAX_RUN_BYTES = 4096;

export interface ScenarioDecode {
  spec?: ScenarioSpec;
  /** A decoding error (already in the API server's frame), with where it comes from. */
  decodeError?: { message: string; problems: StrictProblem[] };
  errors: FieldError[];
  name: string;
}

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const asObj = (v: unknown): Obj => (isObj(v) ? v : {});

/** A Duration field: integer seconds, digits-only text as seconds, or a Go duration. */
function duration(v: unknown, path: string, errs: FieldError[]): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return void errs.push(invalid(path, { num: v }, 'must be a number of seconds or a duration such as 90s, 2m, 1h30m'));
    return Math.round(v * 1000);
  }
  if (typeof v !== 'string') return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v.trim()) * 1000);
  const r = parseGoDuration(v.trim());
  if ('error' in r) return void errs.push(invalid(path, { str: v }, r.error));
  return r.ms;
}

export function decodeScenario(value: Json, fileName: string, rangeOf: (path: string) => SourceRange | undefined = () => undefined): ScenarioDecode {
  const meta = asObj(asObj(value).metadata);
  const name = typeof meta.name === 'string' ? meta.name : 'scenario';
  const strict = decodeStrict(value, 'Scenario');
  if (strict.error) {
    return {
      name,
      errors: [],
      decodeError: {
        message: `Error from server (BadRequest): error when creating ${JSON.stringify(fileName)}: Scenario in version "v1" cannot be handled as a Scenario: ${strict.error}`,
        problems: strict.problems,
      },
    };
  }
  const obj = asObj(strict.value);
  const spec: Obj = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  if (!isObj(obj.spec)) errs.push(required('spec'));

  let durationMs: number | undefined;
  if (spec.duration !== undefined) {
    durationMs = duration(spec.duration, 'spec.duration', errs);
    if (durationMs !== undefined && durationMs <= 0) errs.push(invalid('spec.duration', { str: String(spec.duration) }, 'must be greater than 0'));
    else if (durationMs !== undefined && durationMs > MAX_HORIZON_MS) errs.push(invalid('spec.duration', { str: String(spec.duration) }, `must be no more than ${formatGoDuration(MAX_HORIZON_MS)}`));
  }
  const proxyMode = spec.proxyMode ?? 'ipvs';
  if (proxyMode !== 'ipvs' && proxyMode !== 'iptables') errs.push(notSupported('spec.proxyMode', { str: String(proxyMode) }, ['iptables', 'ipvs']));

  const steps: ScenarioStep[] = [];
  const rawSteps: Obj[] = Array.isArray(spec.steps) ? spec.steps : [];
  if (rawSteps.length > MAX_STEPS) errs.push({ type: 'TooMany', field: 'spec.steps', value: { num: rawSteps.length }, detail: `must have at most ${MAX_STEPS} items` });
  rawSteps.slice(0, MAX_STEPS).forEach((s, i) => {
    const p = index('spec.steps', i);
    const step = isObj(s) ? s : {};
    let atMs: number | undefined;
    if (step.at === undefined) errs.push(required(child(p, 'at')));
    else {
      atMs = duration(step.at, child(p, 'at'), errs);
      if (atMs !== undefined && atMs < 0) errs.push(invalid(child(p, 'at'), { str: String(step.at) }, 'must be greater than or equal to 0'));
    }
    const run = typeof step.run === 'string' ? step.run.trim() : '';
    if (!run) errs.push(required(child(p, 'run')));
    else if (new TextEncoder().encode(run).length > MAX_RUN_BYTES) errs.push(tooLong(child(p, 'run'), MAX_RUN_BYTES));
    if (atMs !== undefined && atMs >= 0 && run) {
      const range = rangeOf(p);
      steps.push(range ? { atMs, run, range } : { atMs, run });
    }
  });

  const traffic: TrafficSpec[] = [];
  const rawTraffic: Obj[] = Array.isArray(spec.traffic) ? spec.traffic : [];
  if (rawTraffic.length > MAX_TRAFFIC) errs.push({ type: 'TooMany', field: 'spec.traffic', value: { num: rawTraffic.length }, detail: `must have at most ${MAX_TRAFFIC} items` });
  rawTraffic.slice(0, MAX_TRAFFIC).forEach((t, i) => {
    const p = index('spec.traffic', i);
    const tr = isObj(t) ? t : {};
    const url = typeof tr.url === 'string' ? tr.url.trim() : '';
    if (!url) errs.push(required(child(p, 'url')));
    else if (!/^https?:\/\/[^\s/]+/.test(url)) errs.push(invalid(child(p, 'url'), { str: url }, 'must be an http:// or https:// URL'));
    const rps = tr.rps;
    if (rps === undefined) errs.push(required(child(p, 'rps')));
    else if (!(rps > 0)) errs.push(invalid(child(p, 'rps'), { num: rps }, 'must be greater than 0'));
    else if (rps > MAX_RPS) errs.push(invalid(child(p, 'rps'), { num: rps }, `must be no more than ${MAX_RPS}`));
    const fromMs = tr.from === undefined ? 0 : duration(tr.from, child(p, 'from'), errs);
    const toMs = tr.to === undefined ? undefined : duration(tr.to, child(p, 'to'), errs);
    if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) errs.push(invalid(child(p, 'to'), { str: String(tr.to) }, 'must be greater than from'));
    if (url && rps > 0 && rps <= MAX_RPS && fromMs !== undefined) traffic.push({ url, rps, fromMs, ...(toMs !== undefined ? { toMs } : {}) });
  });

  steps.sort((a, b) => a.atMs - b.atMs);
  if (errs.length) return { name, errors: errs };
  return { name, errors: [], spec: { ...(durationMs !== undefined ? { durationMs } : {}), proxyMode, steps, traffic } };
}

/**
 * What kubectl checks on a document before sending it (cli-runtime resource builder):
 * `apiVersion` and `kind` must be set strings (kubectl/pkg/util/openapi/validation
 * getObjectKind, wrapped by cli-runtime ValidateSchema and StreamVisitor), and the RESTMapper
 * must know the kind in that version (cli-runtime mapper.go infoForData; apimachinery
 * meta.NoKindMatchError).
 */
import { isServed } from './fieldtree';
import type { Json } from './yaml/tree';

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** `[a, b]` for several errors, the error alone for one (utilerrors.NewAggregate). */
export function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

/** The client-side check of apiVersion/kind; undefined when both are usable. */
export function objectKindErrors(obj: Json): string[] | undefined {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return ['invalid object to validate'];
  const errs: string[] = [];
  const av = obj.apiVersion;
  if (av === undefined || av === null) errs.push('apiVersion not set');
  else if (typeof av !== 'string') errs.push("apiVersion isn't string type");
  else if (av !== '/' && (av.match(/\//g) ?? []).length > 1) errs.push(`unexpected GroupVersion string: ${av}`);
  const kind = obj.kind;
  if (kind === undefined || kind === null) errs.push('kind not set');
  else if (typeof kind !== 'string') errs.push("kind isn't string type");
  return errs.length ? errs : undefined;
}

export function validatingMessage(fileName: string, errs: string[]): string {
  return `error: error validating ${JSON.stringify(fileName)}: error validating data: ${aggregate(errs)}; ${STOP_VALIDATE}`;
}

/** Go's json.Marshal of a decoded object: sorted keys, compact, HTML characters escaped. */
export function goJson(v: Json): string {
  const sort = (x: Json): Json => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') {
      const o: { [k: string]: Json } = {};
      for (const k of Object.keys(x).sort()) o[k] = sort(x[k]);
      return o;
    }
    return x;
  };
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The unstructured decoder's complaint about an empty apiVersion or kind
 * (apimachinery runtime/error.go missingKindErr / missingVersionErr), or undefined.
 */
export function missingKindMessage(fileName: string, obj: { [k: string]: Json }): string | undefined {
  const json = goJson(obj);
  if (obj.kind === '') return `error: unable to decode ${JSON.stringify(fileName)}: Object 'Kind' is missing in '${json}'`;
  if (obj.apiVersion === '' || obj.apiVersion === '/') return `error: unable to decode ${JSON.stringify(fileName)}: Object 'apiVersion' is missing in '${json}'`;
  return undefined;
}

/** The RESTMapper's failure for a kind the cluster does not serve, or undefined. */
export function mappingMessage(fileName: string, obj: { [k: string]: Json }): string | undefined {
  const apiVersion = String(obj.apiVersion);
  const kind = String(obj.kind);
  if (isServed(apiVersion, kind)) return undefined;
  const meta = (obj.metadata && typeof obj.metadata === 'object' && !Array.isArray(obj.metadata) ? obj.metadata : {}) as { [k: string]: Json };
  const name = typeof meta.name === 'string' ? meta.name : '';
  const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
  return `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(ns)} from ${JSON.stringify(fileName)}: no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}\nensure CRDs are installed first`;
}

/** The frame of a decoding error returned by the API server (apiserver handlers/rest.go transformDecodeError). */
export function decodeErrorMessage(fileName: string, obj: { [k: string]: Json }, err: string): string {
  const apiVersion = String(obj.apiVersion);
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const kind = String(obj.kind);
  return `Error from server (BadRequest): error when creating ${JSON.stringify(fileName)}: ${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${err}`;
}

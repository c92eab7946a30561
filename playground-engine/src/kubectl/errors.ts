/**
 * How kubectl prints errors (kubectl/pkg/cmd/util/helpers.go checkErr / StandardErrorMessage):
 * API status errors as `Error from server (<Reason>): <message>`, everything else as
 * `error: <message>`, usage errors followed by `See '<command path> -h' for help and examples`.
 * All of them exit with status 1.
 */

export const DEFAULT_ERROR_EXIT_CODE = 1;

/** An error a command returns; `text` is exactly what goes to stderr (with trailing newline). */
export class KubectlError extends Error {
  constructor(
    readonly text: string,
    readonly exitCode: number = DEFAULT_ERROR_EXIT_CODE,
  ) {
    super(text);
  }
}

/** `error: <msg>` (kubectl does not add the prefix twice). */
export function plainError(msg: string): KubectlError {
  const m = msg.startsWith('error: ') ? msg : `error: ${msg}`;
  return new KubectlError(m.endsWith('\n') ? m : `${m}\n`);
}

/** `Error from server (<Reason>): <message>`. */
export function apiErrorText(reason: string, message: string): string {
  return `Error from server (${reason}): ${message}\n`;
}

export function apiError(reason: string, message: string): KubectlError {
  return new KubectlError(apiErrorText(reason, message));
}

/** apierrors.NewNotFound: `pods "nginx" not found`. */
export function notFoundText(qualifiedResource: string, name: string): string {
  return apiErrorText('NotFound', `${qualifiedResource} "${name}" not found`);
}

/** cmdutil.UsageErrorf: `error: <msg>\nSee 'kubectl get -h' for help and examples`. */
export function usageError(commandPath: string, msg: string): KubectlError {
  return plainError(`${msg}\nSee '${commandPath} -h' for help and examples`);
}

/** cli-runtime's resource builder when neither arguments nor files name anything. */
export function noResourcesGiven(): KubectlError {
  return plainError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
}

/** The resource type the RESTMapper cannot find. */
export function noResourceType(name: string): KubectlError {
  return plainError(`the server doesn't have a resource type "${name}"`);
}

/** Go's %q for plain strings (what kubectl messages quote names with). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

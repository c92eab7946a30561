/**
 * `kubectl explain TYPE[.FIELD…] [--recursive] [--api-version=G/V]` (kubectl/pkg/cmd/explain):
 * the resource is resolved as kubectl's RESTMapper does (pkg/explain
 * SplitAndParseResourceRequestWithMatchingPrefix: `deployments.apps.spec` is the apps group's
 * deployments, field path `spec`), then printed with the OpenAPI v3 plaintext template
 * (../explain.ts). An unknown type is a NoResourceMatchError, which kubectl prints without the
 * `error: ` prefix.
 */
import { KubectlError, plainError } from '../errors';
import { bool, str } from '../flags';
import { renderExplain } from '../explain';
import { qualifiedResource, resolveResource } from '../resources';
import type { ResourceInfo } from '../types';
import { type Command, type CommandContext, err, out } from './context';

function resourcesNamed(resources: ResourceInfo[], name: string): ResourceInfo[] {
  const lower = name.toLowerCase();
  return resources.filter((r) => r.name === lower || r.singular === lower || r.shortNames.includes(lower) || r.kind.toLowerCase() === lower);
}

/** The resource and field path of `pods.spec.containers` / `deployments.apps.spec`. */
export function parseExplainArg(resources: ResourceInfo[], arg: string): { resource: ResourceInfo; fieldPath: string[] } | undefined {
  const input = arg.endsWith('.') ? arg.slice(0, -1) : arg;
  const parts = input.split('.');
  const matches = resourcesNamed(resources, parts[0]);
  for (const r of matches) {
    const gr = qualifiedResource(r);
    if (input.startsWith(gr)) {
      const suffix = input.slice(gr.length);
      return { resource: r, fieldPath: suffix.length > 0 ? suffix.split('.').slice(1) : [] };
    }
  }
  const first = matches[0] ?? resolveResource(resources, parts[0]);
  return first ? { resource: first, fieldPath: parts.slice(1) } : undefined;
}

function* runExplain(c: CommandContext) {
  if (c.args.length === 0) throw plainError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
  if (c.args.length > 1) throw plainError('We accept only this format: explain RESOURCE\n');
  const output = str(c.flags, 'output', 'plaintext');
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') throw plainError(`unrecognized format: ${output}`);
  const parsed = parseExplainArg(c.host.resources(), c.args[0]);
  if (!parsed) {
    const name = c.args[0].replace(/\.$/, '').split('.')[0];
    throw new KubectlError(`the server doesn't have a resource type "${name}"\n`);
  }
  let { apiVersion } = parsed.resource;
  const requested = str(c.flags, 'api-version');
  if (requested) apiVersion = requested;
  const slash = apiVersion.indexOf('/');
  const gvk = { group: slash < 0 ? '' : apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind: parsed.resource.kind };
  const result = renderExplain(c.host.explainData(), gvk, parsed.fieldPath, bool(c.flags, 'recursive'));
  out(c, result.stdout);
  if (result.error) {
    err(c, `${result.error}\n`);
    return 1;
  }
  return 0;
}

export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  long: 'Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n\n Information about each field is retrieved from the server in OpenAPI format.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2]',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', type: 'string' },
  ],
  run: runExplain,
};

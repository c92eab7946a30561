/**
 * Objects kubectl builds itself (`kubectl run`, `kubectl create deployment`), printed with -o or
 * as `pod/nginx created` (`(dry run)` with --dry-run=client), or sent to the host.
 */
import type { K8sObject } from '../../types';
import { KubectlError } from '../errors';
import { parseOutputFormat } from '../printers/output';
import { inStructOrder } from '../printers/struct-order';
import { kindPrefix, resourceForKind } from '../resources';
import { type CommandContext, err, out } from './context';
import type { DryRun } from './dry-run';
import { printGeneric } from './get';

/**
 * `typedResponse`: whether kubectl decodes the server's answer into its Go type (run, create
 * deployment) or keeps it unstructured (the other create subcommands: sorted JSON keys).
 * `failurePrefix`: generators that wrap the API error (`create deployment`: `error: failed to
 * create deployment: deployments.apps "x" already exists`) instead of printing it as is.
 */
export function emitCreated(c: CommandContext, obj: K8sObject, output: string, dryRun: DryRun, failurePrefix?: string, typedResponse = true, verb = 'created'): number {
  const fmt = parseOutputFormat(output);
  let shown = inStructOrder(obj);
  let typed = true;
  if (dryRun !== 'client') {
    const r = c.host.createObject(obj, { dryRun: dryRun === 'server' ? 'server' : undefined });
    if (!r.ok) {
      for (const line of r.stdout) out(c, `${line}\n`);
      const lines = failurePrefix ? r.stderr.map((l) => `error: ${failurePrefix}${l.replace(/^Error from server \([^)]*\): /, '').replace(/^error: /, '')}`) : r.stderr;
      throw new KubectlError(lines.map((l) => `${l}\n`).join('') || 'error: creation failed\n');
    }
    for (const line of r.stderr) err(c, `${line}\n`);
    if (r.object) {
      shown = typedResponse ? inStructOrder(r.object) : r.object;
      typed = typedResponse;
    }
    if (fmt.kind === 'table' && verb === 'created') {
      for (const line of r.stdout) out(c, `${line}\n`);
      return 0;
    }
  }
  if (fmt.kind === 'table' || fmt.kind === 'name') {
    const res = resourceForKind(c.host.resources(), obj.kind, obj.apiVersion);
    const prefix = res ? kindPrefix(res) : obj.kind.toLowerCase();
    const suffix = fmt.kind === 'name' ? '' : ` ${verb}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`;
    out(c, `${prefix}/${obj.metadata.name ?? ''}${suffix}\n`);
    return 0;
  }
  printGeneric(c, fmt, shown, [shown], { n: 0 }, typed);
  return 0;
}

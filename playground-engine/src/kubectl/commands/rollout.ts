/**
 * `kubectl rollout history|undo|pause|resume` for Deployments (kubectl/pkg/cmd/rollout,
 * polymorphichelpers/history.go, rollback.go, objectpauser.go, objectresumer.go): the revisions
 * are the owned ReplicaSets' `deployment.kubernetes.io/revision` annotations; undo copies the
 * chosen ReplicaSet's template (without `pod-template-hash`) into the Deployment, as kubectl's
 * DeploymentRollbacker does on the client. Outputs checked against the real kubectl v1.30.
 */
import type { K8sObject } from '../../types';
import { KubectlError, apiErrorText, plainError, noResourcesGiven } from '../errors';
import { int, str } from '../flags';
import { newDescribeTabWriter } from '../go/tabwriter';
import { kindPrefix, qualifiedResource, resolveResource, resourceArgName } from '../resources';
import { noResourceType } from '../errors';
import { describePodTemplate } from '../describe/deployment';
import type { PrefixWriter } from '../describe/writer';
import type { ResourceInfo } from '../types';
import { type Command, type CommandContext, out } from './context';
import { parseDryRun } from './dry-run';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const REVISION = 'deployment.kubernetes.io/revision';

function target(c: CommandContext): { r: ResourceInfo; d: K8sObject } {
  const args = c.args;
  if (args.length === 0) throw noResourcesGiven();
  let type: string;
  let name: string;
  if (args[0].includes('/')) [type, name] = args[0].split('/');
  else [type, name] = [args[0], args[1] ?? ''];
  const r = resolveResource(c.host.resources(), type);
  if (!r) throw noResourceType(resourceArgName(type));
  if (name === '') throw plainError('resource(s) were provided, but no name was specified');
  const d = c.host.get(r.kind, r.namespaced ? c.namespace : '', name);
  if (!d) throw new KubectlError(apiErrorText('NotFound', `${qualifiedResource(r)} "${name}" not found`));
  return { r, d };
}

function revisionOf(o: Any): number {
  return Number(o.metadata?.annotations?.[REVISION] ?? 'NaN');
}

/** The Deployment's ReplicaSets (controller owner reference) with a revision, by revision. */
function history(c: CommandContext, d: K8sObject): Map<number, Any> {
  const m = new Map<number, Any>();
  for (const rs of c.host.list('ReplicaSet', d.metadata.namespace ?? c.namespace)) {
    if (!(rs.metadata.ownerReferences ?? []).some((o: Any) => o.controller && o.uid === d.metadata.uid)) continue;
    const v = revisionOf(rs);
    if (Number.isFinite(v)) m.set(v, rs);
  }
  return m;
}

/** The template as history.go prints it: describe's pod template through a plain (untabbed) writer. */
function templateText(template: Any): string {
  let text = '';
  const w = { write: (level: number, s: string) => (text += '  '.repeat(level) + s), writeLine: (s: string) => (text += `${s}\n`), flush: () => undefined, finish: () => text };
  describePodTemplate(template, w as unknown as PrefixWriter);
  return text;
}

function onlyDeployments(verb: string, r: ResourceInfo): void {
  if (r.kind !== 'Deployment') throw plainError(`no ${verb} has been implemented for "${r.kind}"`); // wording of the non-deployment kinds: history checked, others by analogy
}

function* runHistory(c: CommandContext) {
  const { r, d } = target(c);
  onlyDeployments('history viewer', r);
  const h = history(c, d);
  const revision = int(c.flags, 'revision', 0);
  const prefix = `${kindPrefix(r)}/${d.metadata.name ?? ''}`;
  if (revision > 0) {
    const rs = h.get(revision);
    if (!rs) throw plainError('unable to find the specified revision');
    out(c, `${prefix} with revision #${revision}\n${templateText(rs.spec?.template)}\n`);
    return 0;
  }
  const w = newDescribeTabWriter();
  w.write('REVISION\tCHANGE-CAUSE\n');
  for (const v of [...h.keys()].sort((a, b) => a - b)) {
    const cause = h.get(v).metadata.annotations?.['kubernetes.io/change-cause'] || '<none>';
    w.write(`${v}\t${cause}\n`);
  }
  w.flush();
  out(c, `${prefix} \n${w.take()}\n`);
  return 0;
  yield* [];
}

function withoutHash(template: Any): Any {
  const t = JSON.parse(JSON.stringify(template ?? {}));
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return t;
}

function* runUndo(c: CommandContext) {
  const { r, d } = target(c);
  onlyDeployments('rollbacker', r);
  const dryRun = parseDryRun(str(c.flags, 'dry-run', 'none'));
  const toRevision = int(c.flags, 'to-revision', 0);
  const dep = d as Any;
  if (dep.spec?.paused) throw plainError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const h = history(c, d);
  let rs: Any;
  if (toRevision > 0) {
    rs = h.get(toRevision);
    if (!rs) throw plainError(`unable to find specified revision ${toRevision} in history`);
  } else {
    const revs = [...h.keys()].sort((a, b) => b - a);
    if (revs.length < 2) throw plainError(`no rollout history found for deployment "${d.metadata.name ?? ''}"`);
    rs = h.get(revs[1]);
  }
  const prefix = `${kindPrefix(r)}/${d.metadata.name ?? ''}`;
  const wanted = withoutHash(rs.spec?.template);
  if (JSON.stringify(wanted) === JSON.stringify(withoutHash(dep.spec?.template))) {
    out(c, `${prefix} skipped rollback (current template already matches revision ${toRevision})\n`);
    return 0;
  }
  if (dryRun === 'client') {
    // the real kubectl prints the ReplicaSet's template in place of the message here
    out(c, `${prefix} ${templateText(rs.spec?.template)} (dry run)\n`);
    return 0;
  }
  if (!c.host.patch) throw plainError('this view is read-only: type the command in the terminal to change the cluster');
  const res = c.host.patch(d.kind, d.metadata.namespace ?? c.namespace, d.metadata.name ?? '', (o) => {
    (o as Any).spec.template = wanted;
  });
  if (!res.ok) throw new KubectlError(res.error.endsWith('\n') ? res.error : `${res.error}\n`);
  out(c, `${prefix} rolled back\n`);
  return 0;
  yield* [];
}

function pauseLike(pause: boolean) {
  return function* run(c: CommandContext) {
    const { r, d } = target(c);
    if (r.kind !== 'Deployment') throw plainError(`${qualifiedResource(r)} "${d.metadata.name ?? ''}" ${pause ? 'pausing' : 'resuming'} is not supported`); // wording not verified
    const paused = !!(d as Any).spec?.paused;
    if (paused === pause) throw plainError(`${qualifiedResource(r)} "${d.metadata.name ?? ''}" ${pause ? 'is already paused' : 'is not paused'}`);
    if (!c.host.patch) throw plainError('this view is read-only: type the command in the terminal to change the cluster');
    const res = c.host.patch(d.kind, d.metadata.namespace ?? c.namespace, d.metadata.name ?? '', (o) => {
      if (pause) (o as Any).spec.paused = true;
      else delete (o as Any).spec.paused;
    });
    if (!res.ok) throw new KubectlError(res.error.endsWith('\n') ? res.error : `${res.error}\n`);
    out(c, `${kindPrefix(r)}/${d.metadata.name ?? ''} ${pause ? 'paused' : 'resumed'}\n`);
    return 0;
    yield* [];
  };
}

export const ROLLOUT_SUBCOMMANDS: Command[] = [
  { name: 'history', short: 'View rollout history', use: 'history (TYPE NAME | TYPE/NAME) [flags]', flags: [{ name: 'revision', type: 'int' }, { name: 'output', shorthand: 'o', type: 'string' }, { name: 'selector', shorthand: 'l', type: 'string' }], run: runHistory },
  { name: 'undo', short: 'Undo a previous rollout', use: 'undo (TYPE NAME | TYPE/NAME) [flags]', flags: [{ name: 'to-revision', type: 'int' }, { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' }, { name: 'output', shorthand: 'o', type: 'string' }, { name: 'selector', shorthand: 'l', type: 'string' }], run: runUndo },
  { name: 'pause', short: 'Mark the provided resource as paused', use: 'pause RESOURCE', flags: [{ name: 'output', shorthand: 'o', type: 'string' }, { name: 'selector', shorthand: 'l', type: 'string' }, { name: 'field-manager', type: 'string' }], run: pauseLike(true) },
  { name: 'resume', short: 'Resume a paused resource', use: 'resume RESOURCE', flags: [{ name: 'output', shorthand: 'o', type: 'string' }, { name: 'selector', shorthand: 'l', type: 'string' }, { name: 'field-manager', type: 'string' }], run: pauseLike(false) },
];

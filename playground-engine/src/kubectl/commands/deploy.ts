/**
 * The Deploy and node commands a reader meets in a rollout: `scale` (kubectl/pkg/cmd/scale),
 * `set image` (pkg/cmd/set/set_image.go), `rollout status` and `rollout restart`
 * (pkg/cmd/rollout, polymorphichelpers/rollout_status.go), `cordon` / `uncordon`
 * (pkg/cmd/drain). They read and write through the host like the real client.
 */
import { daemonSetStatusMessage, statefulSetStatusMessage } from './rollout-sets';
import type { K8sObject } from '../../types';
import { KubectlError, plainError, apiErrorText, noResourcesGiven } from '../errors';
import { int, str } from '../flags';
import { kindPrefix, resolveResource, resourceArgName } from '../resources';
import { noResourceType } from '../errors';
import type { ResourceInfo } from '../types';
import { type Command, type CommandContext, out } from './context';
import { rfc3339Local } from '../../sim/time';
import { ROLLOUT_SUBCOMMANDS } from './rollout';

/** An error printed as is (API errors carry their own prefix). */
function raw(text: string): KubectlError {
  return new KubectlError(text.endsWith('\n') ? text : `${text}\n`);
}

/** `TYPE NAME` or `TYPE/NAME` arguments into (resource, name) pairs. */
function targets(c: CommandContext, args: string[]): Array<{ r: ResourceInfo; name: string }> {
  const res = c.host.resources();
  const out: Array<{ r: ResourceInfo; name: string }> = [];
  if (args.length && args[0].includes('/')) {
    for (const a of args) {
      const [t, n] = a.split('/');
      const r = resolveResource(res, t);
      if (!r) throw noResourceType(resourceArgName(t));
      out.push({ r, name: n });
    }
    return out;
  }
  if (!args.length) return out;
  const r = resolveResource(res, args[0]);
  if (!r) throw noResourceType(resourceArgName(args[0]));
  for (const n of args.slice(1)) out.push({ r, name: n });
  return out;
}

function patch(c: CommandContext, r: ResourceInfo, name: string, mutate: (o: K8sObject) => void): K8sObject {
  const ns = r.namespaced ? c.namespace : '';
  if (!c.host.patch) throw plainError('this view is read-only: type the command in the terminal to change the cluster');
  const res = c.host.patch(r.kind, ns, name, mutate);
  if (!res.ok) throw raw(res.error);
  return res.object;
}

function notFound(c: CommandContext, r: ResourceInfo, name: string): never {
  const group = r.apiVersion.includes('/') ? `.${r.apiVersion.split('/')[0]}` : '';
  throw raw(apiErrorText('NotFound', `${r.name}${group} "${name}" not found`));
}

function* runScale(c: CommandContext) {
  if (!c.flags.changed.has('replicas')) throw plainError('required flag(s) "replicas" not set');
  const replicas = int(c.flags, 'replicas', -1);
  if (replicas < 0) throw plainError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const ts = targets(c, c.args);
  if (!ts.length) throw noResourcesGiven();
  for (const { r, name } of ts) {
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(r.kind)) {
      throw plainError(`cannot scale a ${r.kind}: no scale subresource`);
    }
    if (!c.host.get(r.kind, c.namespace, name)) notFound(c, r, name);
    patch(c, r, name, (o) => {
      o.spec = { ...(o.spec ?? {}), replicas };
    });
    out(c, `${kindPrefix(r)}/${name} scaled\n`);
  }
  return 0;
  yield* [];
}

function podSpecOf(o: K8sObject): Record<string, any> | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  return o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
}

function* runSetImage(c: CommandContext) {
  const args = [...c.args];
  // CONTAINER=IMAGE pairs; resources are TYPE NAME or TYPE/NAME (an image may contain '/', a resource has no '=').
  const assignments = args.filter((a) => a.includes('='));
  const resArgs = args.filter((a) => !assignments.includes(a));
  if (!assignments.length) throw plainError('at least one image update is required');
  const images = assignments.map((a) => {
    const i = a.indexOf('=');
    return { container: a.slice(0, i), image: a.slice(i + 1) };
  });
  const ts = targets(c, resArgs);
  if (!ts.length) throw plainError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  for (const { r, name } of ts) {
    const cur = c.host.get(r.kind, c.namespace, name);
    if (!cur) notFound(c, r, name);
    const spec = podSpecOf(cur);
    const names: string[] = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((x: { name: string }) => x.name);
    for (const im of images) {
      if (im.container !== '*' && !names.includes(im.container)) {
        throw plainError(`unable to find container named "${im.container}"`);
      }
    }
    const after = patch(c, r, name, (o) => {
      const ps = podSpecOf(o);
      for (const list of [ps?.containers ?? [], ps?.initContainers ?? []]) {
        for (const ctr of list) {
          for (const im of images) if (im.container === '*' || im.container === ctr.name) ctr.image = im.image;
        }
      }
    });
    out(c, `${kindPrefix(r)}/${after.metadata.name} image updated\n`);
  }
  return 0;
  yield* [];
}

function deploymentStatusMessage(d: K8sObject): { msg: string; done: boolean; error?: string } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if (Number(d.metadata.generation ?? 0) <= Number(st.observedGeneration ?? 0)) {
    const progressing = (st.conditions ?? []).find((x: { type: string }) => x.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { msg: '', done: true, error: `deployment "${name}" exceeded its progress deadline` };
    const want = Number(d.spec?.replicas ?? 1);
    const updated = Number(st.updatedReplicas ?? 0);
    if (updated < want) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
    const replicas = Number(st.replicas ?? 0);
    if (replicas > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
    const available = Number(st.availableReplicas ?? 0);
    if (available < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
    return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
}

function* runRolloutStatus(c: CommandContext) {
  const ts = targets(c, c.args);
  if (!ts.length) throw plainError('required resource not specified');
  const { r, name } = ts[0];
  const viewer = { Deployment: deploymentStatusMessage, DaemonSet: daemonSetStatusMessage, StatefulSet: statefulSetStatusMessage }[r.kind];
  if (!viewer) throw plainError(`no status viewer has been implemented for ${r.kind}`);
  const watch = c.flags.changed.has('watch') ? str(c.flags, 'watch') !== 'false' : true;
  let last = '';
  const limit = c.host.now() + 600_000;
  for (;;) {
    const d = c.host.get(r.kind, c.namespace, name);
    if (!d) notFound(c, r, name);
    const s = viewer(d);
    if (s.error) throw plainError(s.error);
    if (s.msg !== last) {
      out(c, s.msg);
      last = s.msg;
    }
    if (s.done || !watch || !c.canWait) return 0;
    const before = c.host.now();
    if (before >= limit) throw plainError('timed out waiting for the condition');
    yield { kind: 'sleep' as const, ms: 200 };
    if (c.host.now() === before) return 0;
  }
}

function* runRolloutRestart(c: CommandContext) {
  const ts = targets(c, c.args);
  if (!ts.length) throw plainError('required resource not specified');
  for (const { r, name } of ts) {
    if (!c.host.get(r.kind, c.namespace, name)) notFound(c, r, name);
    patch(c, r, name, (o) => {
      const tpl = (o.spec.template ??= {});
      tpl.metadata = { ...(tpl.metadata ?? {}), annotations: { ...(tpl.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339Local(c.host.now()) } };
    });
    out(c, `${kindPrefix(r)}/${name} restarted\n`);
  }
  return 0;
  yield* [];
}

function cordonCommand(name: 'cordon' | 'uncordon'): Command {
  const unschedulable = name === 'cordon';
  return {
    name,
    short: unschedulable ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    use: `${name} NODE`,
    flags: [{ name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' }, { name: 'selector', shorthand: 'l', type: 'string' }],
    *run(c) {
      if (!c.args.length) throw plainError('USAGE: ' + `${name} NODE [flags]`);
      const res = c.host.resources().find((x) => x.kind === 'Node')!;
      for (const node of c.args) {
        const cur = c.host.get('Node', '', node);
        if (!cur) throw raw(apiErrorText('NotFound', `nodes "${node}" not found`));
        const already = !!cur.spec?.unschedulable === unschedulable;
        if (!already) {
          patch(c, res, node, (o) => {
            o.spec = { ...(o.spec ?? {}) };
            if (unschedulable) o.spec.unschedulable = true;
            else delete o.spec.unschedulable;
          });
        }
        out(c, `node/${node} ${already ? 'already ' : ''}${name}ed\n`);
      }
      return 0;
    },
  };
}

export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  flags: [{ name: 'replicas', type: 'int' }, { name: 'current-replicas', type: 'int' }, { name: 'resource-version', type: 'string' }, { name: 'timeout', type: 'string' }],
  run: runScale,
};

export const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  use: 'set SUBCOMMAND',
  flags: [],
  *run() {
    throw plainError('You must specify the type of set: image');
  },
  subcommands: [
    {
      name: 'image',
      short: 'Update the image of a pod template',
      use: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
      flags: [{ name: 'record', type: 'bool' }, { name: 'all', type: 'bool' }],
      run: runSetImage,
    },
  ],
};

export const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  use: 'rollout SUBCOMMAND',
  flags: [],
  *run() {
    throw plainError('You must specify the type of rollout: status, restart, history, undo, pause, resume'); // wording not verified
  },
  subcommands: [
    { name: 'status', short: 'Show the status of the rollout', use: 'status (TYPE NAME | TYPE/NAME) [flags]', flags: [{ name: 'watch', shorthand: 'w', type: 'string', noOptDefVal: 'true' }, { name: 'timeout', type: 'string' }, { name: 'revision', type: 'int' }], run: runRolloutStatus },
    { name: 'restart', short: 'Restart a resource', use: 'restart RESOURCE', flags: [], run: runRolloutRestart },
    ...ROLLOUT_SUBCOMMANDS,
  ],
};

export const cordon = cordonCommand('cordon');
export const uncordon = cordonCommand('uncordon');

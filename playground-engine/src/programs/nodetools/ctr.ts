/**
 * containerd 1.7's `ctr`: `ctr -n k8s.io containers ls` (aliases `c`, `container`; `list`,
 * `ls`) lists the namespace's containers, pause sandboxes included, in the metadata store's
 * (bolt's) key order, with `CONTAINER\tIMAGE\tRUNTIME\t` through tabwriter(4, 8, 4).
 * The kubelet's containers live in the `k8s.io` namespace; `default` is empty.
 */
import type { Program } from '../types';
import type { NodeView } from './view';
import { tabwrite } from './tabwriter';
import { PAUSE_IMAGE } from './register';

export function ctrProgram(view: NodeView): Program {
  return function* ctr(ctx) {
    const args = ctx.argv.slice(1);
    let ns = 'default';
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-n' || a === '--namespace') ns = args[++i] ?? '';
      else if (a.startsWith('--namespace=')) ns = a.slice(12);
      else if (a.startsWith('-n=')) ns = a.slice(3);
      else rest.push(a);
    }
    const [obj, verb, ...more] = rest;
    if (obj === undefined) {
      ctx.write('stdout', 'NAME:\n   ctr - \n        __\n  _____/ /______\n / ___/ __/ ___/\n/ /__/ /_/ /\n\\___/\\__/_/\n\ncontainerd CLI\n\n\nUSAGE:\n   ctr [global options] command [command options] [arguments...]\n\nVERSION:\n   v1.7.13\n'); // wording not verified (abridged)
      return 0;
    }
    if (obj === 'version' || obj === '--version' || obj === '-v') {
      ctx.write('stdout', 'ctr github.com/containerd/containerd v1.7.13\n');
      return 0;
    }
    if (!['c', 'container', 'containers'].includes(obj)) {
      ctx.write('stderr', `ctr: No help topic for '${obj}'\n`); // wording not verified
      return 1;
    }
    if (verb !== undefined && !['ls', 'list'].includes(verb)) {
      ctx.write('stderr', `ctr: No help topic for '${verb}'\n`); // wording not verified
      return 1;
    }
    const quiet = more.includes('-q') || more.includes('--quiet');
    const rows: Array<[string, string]> = [];
    if (ns === 'k8s.io') {
      const seen = new Set<string>();
      for (const c of view.containers()) {
        rows.push([c.id, c.imageRef]);
        if (!seen.has(c.sandbox.id)) {
          seen.add(c.sandbox.id);
          rows.push([c.sandbox.id, `${PAUSE_IMAGE.repo}:${PAUSE_IMAGE.tag}`]);
        }
      }
      for (const s of view.sandboxes()) if (!seen.has(s.id)) rows.push([s.id, `${PAUSE_IMAGE.repo}:${PAUSE_IMAGE.tag}`]);
    }
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (quiet) {
      ctx.write('stdout', rows.map((r) => r[0] + '\n').join(''));
      return 0;
    }
    ctx.write('stdout', tabwrite(['CONTAINER\tIMAGE\tRUNTIME\t', ...rows.map(([id, image]) => `${id}\t${image}\tio.containerd.runc.v2\t`)], 4, 4));
    return 0;
  };
}

/**
 * crictl (cri-tools 1.26-ish) against the node's containerd: `ps [-a] [-q] [--name RE]`, `pods [-q]`,
 * `images [-q]`, `logs [--tail N] ID`. Tables go through tabwriter(20, 1, 3); ids are cut to
 * 13 characters, CREATED is go-units' HumanDuration + ` ago`, the IMAGE of `ps` is the image
 * id (what the kubelet passes), sizes are HumanSizeWithPrecision(…, 3).
 */
import type { Program } from '../types';
import type { ContainerInfo, NodeView } from './view';
import { humanDuration, humanSize, tabwrite } from './tabwriter';

const STATE: Record<ContainerInfo['state'], string> = { created: 'Created', running: 'Running', exited: 'Exited' };

export function crictlProgram(view: NodeView): Program {
  return function* crictl(ctx) {
    const args = ctx.argv.slice(1);
    const cmd = args[0];
    const flags = args.slice(1);
    const has = (...f: string[]) => flags.some((a) => f.includes(a));
    const ago = (t: number) => `${humanDuration(ctx.now() - t)} ago`;
    const cut = (id: string) => id.slice(0, 13);
    switch (cmd) {
      case 'ps': {
        const all = has('-a', '--all');
        const ni = flags.findIndex((a) => a === '--name' || a.startsWith('--name='));
        const nameRe = ni < 0 ? undefined : flags[ni].includes('=') ? flags[ni].slice(7) : flags[ni + 1] ?? '';
        // crictl matches a Go (RE2, linear-time) regexp; without RE2 here, a pattern with nested
        // repetition could run for ever in a backtracking engine: such patterns match literally.
        const safe = nameRe !== undefined && !/[+*?}]\)?[+*{?]|\)[+*{?]/.test(nameRe);
        let re: RegExp | undefined;
        try {
          re = nameRe === undefined ? undefined : new RegExp(safe ? nameRe : nameRe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        } catch {
          re = new RegExp((nameRe ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        }
        const list = view.containers().filter((c) => (all || c.state === 'running') && (!re || re.test(c.name))).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
        if (has('-q', '--quiet')) {
          ctx.write('stdout', list.map((c) => c.id + '\n').join(''));
          return 0;
        }
        ctx.write('stdout', tabwrite(['CONTAINER\tIMAGE\tCREATED\tSTATE\tNAME\tATTEMPT\tPOD ID\tPOD', ...list.map((c) => `${cut(c.id)}\t${cut(c.imageId)}\t${ago(c.createdAt)}\t${STATE[c.state]}\t${c.name}\t${c.attempt}\t${cut(c.sandbox.id)}\t${c.sandbox.name}`)], 20, 3));
        return 0;
      }
      case 'pods': {
        const list = view.sandboxes().sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
        if (has('-q', '--quiet')) {
          ctx.write('stdout', list.map((s) => s.id + '\n').join(''));
          return 0;
        }
        ctx.write('stdout', tabwrite(['POD ID\tCREATED\tSTATE\tNAME\tNAMESPACE\tATTEMPT\tRUNTIME', ...list.map((s) => `${cut(s.id)}\t${ago(s.createdAt)}\t${s.ready ? 'Ready' : 'NotReady'}\t${s.name}\t${s.namespace}\t${s.attempt}\t(default)`)], 20, 3));
        return 0;
      }
      case 'images':
      case 'image':
      case 'img': {
        const list = view.images();
        if (has('-q', '--quiet')) {
          ctx.write('stdout', list.map((i) => `sha256:${i.id}\n`).join(''));
          return 0;
        }
        ctx.write('stdout', tabwrite(['IMAGE\tTAG\tIMAGE ID\tSIZE', ...list.map((i) => `${i.repo}\t${i.tag}\t${cut(i.id)}\t${humanSize(i.sizeBytes)}`)], 20, 3));
        return 0;
      }
      case 'logs': {
        let tail = -1;
        let id: string | undefined;
        for (let i = 0; i < flags.length; i++) {
          const a = flags[i];
          if (a === '--tail') tail = Number(flags[++i]);
          else if (a.startsWith('--tail=')) tail = Number(a.slice(7));
          else if (!a.startsWith('-')) id = a;
        }
        if (!id) {
          ctx.write('stderr', 'FATA[0000] ID cannot be empty\n'); // wording not verified
          return 1;
        }
        const matches = view.containers().filter((c) => c.id.startsWith(id as string));
        if (matches.length !== 1) {
          // wording not verified
          ctx.write('stderr', `FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`);
          return 1;
        }
        let lines = view.containerLog(matches[0].id);
        if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
        for (const l of lines) ctx.write(l.stream, l.text + '\n');
        return 0;
      }
      case 'version':
        ctx.write('stdout', 'Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v1.7.13\nRuntimeApiVersion:  v1\n');
        return 0;
      default:
        // wording not verified
        ctx.write('stderr', cmd ? `No help topic for '${cmd}'\n` : 'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options] [arguments...]\n');
        return cmd ? 3 : 0;
    }
  };
}

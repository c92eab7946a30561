/**
 * kubectl label / annotate: messages as the real kubectl v1.30 prints them for the same object
 * (kubectl-oracle fake API server, --dry-run=client).
 */
import { describe, expect, it } from 'vitest';
import { FakeHost, kubectl } from '../testing/fake-host';
import * as O from '../testing/objects';

const NOW = 100_000_000;

function cluster(): FakeHost {
  const h = new FakeHost(NOW);
  const p = O.running(O.pod('nginx', NOW, { age: 60, labels: { app: 'nginx' } }), NOW);
  p.metadata.annotations = { note: 'hi' };
  h.add(p);
  return h;
}

describe('kubectl label', () => {
  it('labeled / unlabeled / not labeled, as updateDataChangeMsg decides', () => {
    const h = cluster();
    expect(kubectl(h, 'label pod nginx tier=fe --dry-run=client').stdout).toBe('pod/nginx labeled (dry run)\n');
    expect(kubectl(h, 'label pod nginx app=x --overwrite --dry-run=client').stdout).toBe('pod/nginx labeled (dry run)\n');
    expect(kubectl(h, 'label pod nginx app- --dry-run=client').stdout).toBe('pod/nginx unlabeled (dry run)\n');
    expect(kubectl(h, 'label pod nginx app=nginx --dry-run=client').stdout).toBe('pod/nginx not labeled (dry run)\n');
    expect(kubectl(h, 'label pod nginx foo- --dry-run=client').stdout).toBe('pod/nginx not labeled (dry run)\n');
    expect(kubectl(h, 'label pod nginx tier=fe app- --dry-run=client').stdout).toBe('pod/nginx unlabeled (dry run)\n');
  });

  it('changes the stored object through the host', () => {
    const h = cluster();
    expect(kubectl(h, 'label pod nginx tier=fe').stdout).toBe('pod/nginx labeled\n');
    expect(h.get('Pod', 'default', 'nginx')?.metadata.labels).toEqual({ app: 'nginx', tier: 'fe' });
    expect(kubectl(h, 'label po/nginx tier-').stdout).toBe('pod/nginx unlabeled\n');
    expect(h.get('Pod', 'default', 'nginx')?.metadata.labels).toEqual({ app: 'nginx' });
    expect(kubectl(h, 'label pods -l app=nginx env=dev').stdout).toBe('pod/nginx labeled\n');
  });

  it("label's errors", () => {
    const h = cluster();
    expect(kubectl(h, 'label pod nginx app=x').stderr).toBe("error: 'app' already has a value (nginx), and --overwrite is false\n");
    expect(kubectl(h, 'label pod nginx').stderr).toBe('error: at least one label update is required\n');
    expect(kubectl(h, 'label pod nginx foo').stderr).toBe('error: at least one label update is required\n');
    expect(kubectl(h, 'label pod nginx a=b=c').stderr).toBe('error: invalid label spec: a=b=c\n');
    expect(kubectl(h, 'label pod nginx a=1 a-').stderr).toBe('error: can not both modify and remove a label in the same command\n');
    expect(kubectl(h, 'label pod a=b').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(kubectl(h, 'label pod nope a=b').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('kubectl annotate', () => {
  it('annotated, and the --overwrite error', () => {
    const h = cluster();
    expect(kubectl(h, 'annotate pod nginx a=b').stdout).toBe('pod/nginx annotated\n');
    expect(h.get('Pod', 'default', 'nginx')?.metadata.annotations).toEqual({ note: 'hi', a: 'b' });
    expect(kubectl(h, 'annotate pod nginx note- --dry-run=client').stdout).toBe('pod/nginx annotated (dry run)\n');
    expect(kubectl(h, 'annotate pod nginx note=x').stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n");
  });
});

describe('kubectl edit without an editor (kubectl v1.30 with no vi on PATH)', () => {
  it('reads the object first, then cannot launch vi', () => {
    const h = cluster();
    expect(kubectl(h, 'edit pod nginx')).toEqual({ code: 1, stdout: '', stderr: 'error: unable to launch the editor "vi"\n' });
    expect(kubectl(h, 'edit pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kubectl(h, 'edit').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });
});

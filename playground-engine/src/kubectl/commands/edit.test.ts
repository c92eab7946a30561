import { describe, expect, test } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.23
`;
const LINE = 'kubectl edit pod nginx';

/** The line with the reader's saved texts, then a look at the pod, at 30 s. */
function edit(edits?: string[], after = "kubectl get pod nginx -o jsonpath='{.spec.containers[*].image} {.metadata.labels}'") {
  const r = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 30_000 });
  const [e, look] = runCommandsOn(r, [{ atMs: 30_000, line: LINE, ...(edits ? { edits } : {}) }, { atMs: 30_000, line: after }], { editor: true });
  return { e, look };
}
const opened = () => edit().e.editing!;

describe('kubectl edit in the page terminal: the reader\'s editor', () => {
  test('opens the live object under kubectl\'s header, without managedFields, in /tmp', () => {
    const { file, buffer } = opened();
    expect(file).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(buffer.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: v1\nkind: Pod\nmetadata:\n")).toBe(true);
    expect(buffer).not.toContain('managedFields');
    expect(buffer).toContain('\nstatus:\n');
    expect(opened()).toEqual({ file, buffer }); // the same bytes on a rerun
  });

  test('a saved change is sent as an update: `pod/nginx edited`, and the cluster has it', () => {
    const buf = opened().buffer;
    const { e, look } = edit([buf.replace('image: nginx:1.23\n', 'image: nginx:1.23.2\n').replace('  name: nginx\n  namespace: default\n', '  labels:\n    tier: web\n  name: nginx\n  namespace: default\n')]);
    expect(e).toMatchObject({ stdout: 'pod/nginx edited\n', stderr: '', exitCode: 0 });
    expect(e.editing).toBeUndefined();
    expect(look.stdout).toBe('nginx:1.23.2 {"tier":"web"}');
  });

  test('saved unchanged, or emptied: kubectl\'s cancel messages', () => {
    const buf = opened().buffer;
    expect(edit([buf]).e).toMatchObject({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    expect(edit(['# nothing\n\n']).e).toMatchObject({ stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 });
  });

  test('an invalid update reopens the file with the API server\'s causes; saving it again unchanged gives up', () => {
    const bad = opened().buffer.replace(/(\n {4}name: )nginx/, '$1web');
    const once = edit([bad]).e;
    expect(once.stderr).toBe('error: pods "nginx" is invalid\n');
    const head = once.editing!.buffer.split('\n');
    expect(head[4]).toBe('# pods "nginx" was not valid:');
    expect(head[5]).toMatch(/^# \* spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/);
    expect(once.editing!.buffer).toContain('\n#   core.PodSpec{\n');
    expect(once.editing!.buffer).toContain('\n    name: web\n');
    const twice = edit([bad, once.editing!.buffer]);
    expect(twice.e.stderr).toBe(`error: pods "nginx" is invalid\nA copy of your changes has been stored to "${once.editing!.file}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(twice.e.exitCode).toBe(1);
    expect(twice.look.stdout).toBe('nginx:1.23 ');
    // the copy is there
    const r = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 30_000 });
    const [, cat] = runCommandsOn(r, [{ atMs: 30_000, line: LINE, edits: [bad, once.editing!.buffer] }, { atMs: 30_000, line: `grep -c 'name: web' ${once.editing!.file}` }], { editor: true });
    expect(cat.stdout).toBe('1\n');
  });

  test('a YAML error reopens the file with the parser\'s message in the header; a fix then applies', () => {
    const buf = opened().buffer;
    const broken = buf.replace('kind: Pod\n', 'kind: Pod\n  x: [\n');
    const once = edit([broken]).e;
    expect(once.stderr).toBe('');
    expect(once.editing!.buffer.split('\n')[4]).toMatch(/^# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: /);
    const fixed = once.editing!.buffer.replace('  x: [\n', '').replace('image: nginx:1.23\n', 'image: nginx:1.23.4\n');
    const twice = edit([broken, fixed]);
    expect(twice.e).toMatchObject({ stdout: 'pod/nginx edited\n', exitCode: 0 });
    expect(twice.look.stdout).toBe('nginx:1.23.4 ');
  });

  test('changing the name is refused as kubectl does', () => {
    const e = edit([opened().buffer.replace('  name: nginx\n  namespace', '  name: web\n  namespace')]).e;
    expect(e.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/);
    expect(e.exitCode).toBe(1);
  });
});

describe('kubectl edit without the page\'s editor (k8s-sim sh, scripts)', () => {
  test('editor.go\'s message for an editor that cannot be started', () => {
    const r = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 30_000 });
    const [o] = runCommandsOn(r, [{ atMs: 30_000, line: 'kubectl edit pod nginx' }]);
    expect(o.editing).toBeUndefined();
    expect(o.stderr).toBe('error: unable to launch the editor "vi"\n');
  });
});

describe('kubectl replace is a PUT', () => {
  test('`replaced` (also unchanged), no merge with the old object, NotFound when missing', () => {
    const r = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: 30_000 });
    const out = runCommandsOn(r, [
      { atMs: 30_000, line: 'kubectl get pod nginx -o yaml > /tmp/p.yaml; kubectl replace -f /tmp/p.yaml' },
      { atMs: 30_000, line: "sed 's/name: nginx$/name: other/' /tmp/p.yaml | grep -v uid | grep -v resourceVersion > /tmp/q.yaml; kubectl replace -f /tmp/q.yaml" },
    ]);
    expect(out[0].stdout).toBe('pod/nginx replaced\n');
    expect(out[1].stderr).toBe('Error from server (NotFound): error when replacing "/tmp/q.yaml": pods "other" not found\n');
  });
});

import { describe, expect, test } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';
import { readTar, writeTar } from '../../programs/tools/tarball';

const pod = (name: string, image: string, command?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}
    image: ${image}
${command ? `    command: ${command}\n` : ''}`;
const NGINX = pod('nginx', 'nginx:1.23');
const BUSYBOX = pod('bb', 'busybox:1.35', '["sleep", "3600"]');

function lines(text: string, cmds: string[]) {
  const r = simulateSources([{ fileName: 'pod.yaml', text }], { untilMs: 60_000 });
  return runCommandsOn(r, cmds.map((line) => ({ atMs: 60_000, line })));
}

describe('kubectl cp goes through tar in the container, as cp.go does', () => {
  test('from a pod: a file and a directory land on the host; tar\'s note comes on stdout', () => {
    const [a, b, c] = lines(NGINX, ['kubectl cp nginx:/etc/hostname ./h; cat h', 'kubectl cp default/nginx:/etc/nginx /tmp/conf 2>/dev/null; ls /tmp/conf /tmp/conf/conf.d', 'kubectl cp nginx:/usr/share/nginx/html/index.html /tmp/i.html; wc -c < /tmp/i.html']);
    expect(a).toMatchObject({ stdout: "tar: Removing leading `/' from member names\nnginx\n", stderr: '', exitCode: 0 });
    // the reader's terminal is a TTY: GNU ls prints columns
    expect(b.stdout).toBe("tar: Removing leading `/' from member names\n/tmp/conf:\nconf.d  mime.types  nginx.conf\n\n/tmp/conf/conf.d:\ndefault.conf\n");
    expect(c.stdout.endsWith('615\n')).toBe(true);
  });

  test('to a pod: into a directory (test -d) or as a new name; the container sees the file', () => {
    const out = lines(NGINX, ['echo hello > /tmp/a.txt; kubectl cp /tmp/a.txt nginx:/tmp', 'kubectl cp /tmp/a.txt nginx:/srv/b.txt', 'kubectl exec nginx -- cat /tmp/a.txt /srv/b.txt']);
    expect(out[0]).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(out[1]).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(out[2].stdout).toBe('hello\nhello\n');
  });

  test("the real errors: a missing remote file (GNU tar's own lines, exit 2), a missing local file, both remote", () => {
    const [a, b, c, d] = lines(NGINX, ['kubectl cp nginx:/nope /tmp/x', 'kubectl cp /tmp/nope nginx:/tmp', 'kubectl cp nginx:/a nginx:/b', 'kubectl cp web:/a /tmp/a']);
    expect(a.stdout).toBe("tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n");
    expect(a.stderr).toBe('command terminated with exit code 2\n');
    expect(a.exitCode).toBe(2);
    expect(b).toMatchObject({ stderr: "error: /tmp/nope doesn't exist in local filesystem\n", exitCode: 1 });
    expect(c.stderr).toBe('error: one of src or dest must be a local file specification\n');
    expect(d.stderr).toBe('Error from server (NotFound): pods "web" not found\n');
  });

  test('to a read-only mount: GNU tar cannot open the member (EROFS), kubectl reports the exit code', () => {
    const withCm = `${NGINX}    volumeMounts:\n    - name: cfg\n      mountPath: /cfg\n  volumes:\n  - name: cfg\n    configMap:\n      name: kube-root-ca.crt\n`;
    const [a] = lines(withCm, ['echo x > /tmp/f; kubectl cp /tmp/f nginx:/cfg/f']);
    expect(a.stderr).toBe('tar: f: Cannot open: Read-only file system\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n');
    expect(a.exitCode).toBe(2);
  });

  test('BusyBox tar in a busybox image has its own wording', () => {
    const [a, b] = lines(BUSYBOX, ['kubectl cp bb:/etc/passwd /tmp/pw; head -1 /tmp/pw', 'echo x > /tmp/y; kubectl cp /tmp/y bb:/; kubectl exec bb -- cat /y']);
    expect(a.stdout).toBe("tar: removing leading '/' from member names\nroot:x:0:0:root:/root:/bin/sh\n");
    expect(b.stdout).toBe('x\n');
  });
});

describe('tar in the containers and on the hosts', () => {
  test('GNU tar fills whole 10240-byte records; list and extract round-trip; not an archive', () => {
    const [a, b, c] = lines(NGINX, [
      'kubectl exec nginx -- tar cf - /etc/hostname 2>/dev/null | wc -c',
      "kubectl exec nginx -- sh -c 'cd /etc && tar cf /tmp/n.tar nginx && mkdir /tmp/x && tar -xf /tmp/n.tar -C /tmp/x && tar tf /tmp/n.tar && cat /tmp/x/nginx/conf.d/default.conf | wc -l'",
      "echo junk | tar xf -",
    ]);
    expect(a.stdout).toBe('10240\n');
    expect(b.stdout.split('\n').slice(0, 5)).toEqual(['nginx/', 'nginx/conf.d/', 'nginx/conf.d/default.conf', 'nginx/mime.types', 'nginx/nginx.conf']);
    expect(c.stderr).toBe('tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
    expect(c.exitCode).toBe(2);
  });

  test('ustar headers: checksum, octal fields, UTF-8 names and contents survive', () => {
    const entries = [{ name: 'dir/', type: 'dir' as const, mode: 0o755, mtime: 1670499300, uid: 0, gid: 0 }, { name: 'dir/文件.txt', type: 'file' as const, mode: 0o644, mtime: 1670499300, uid: 0, gid: 0, content: '你好\n' }];
    const data = writeTar(entries);
    expect(data.length % 512).toBe(0);
    expect(data.slice(257, 262)).toBe('ustar');
    expect(readTar(data)?.entries).toEqual(entries);
  });
});

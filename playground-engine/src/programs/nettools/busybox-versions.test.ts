/**
 * Each busybox image runs its own BusyBox: the banner and usage texts carry the image's version
 * and build stamp, and nslookup prints the format of its implementation (the C library's
 * resolver up to 1.28, BusyBox's own queries from 1.29).
 */
import { describe, expect, test } from 'vitest';
import { runCommandsOn, simulateSources } from '../../engine';

const pods = (['old:busybox:1.28', 'new:busybox:1.36', 'k8s:registry.k8s.io/busybox:1.27.2'] as const)
  .map((s) => {
    const [name, ...image] = s.split(':');
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: ${image.join(':')}\n    command: ["sleep", "3600"]\n`;
  })
  .join('---\n');

function run(...lines: string[]) {
  const r = simulateSources([{ name: 'pods.yaml', text: pods }], { untilMs: 30_000 });
  return runCommandsOn(r, lines.map((line) => ({ atMs: 30_000, line })));
}

describe('BusyBox per image', () => {
  test('busybox:1.28 nslookup as the Kubernetes DNS-debugging page shows it', () => {
    const [ok, missing] = run('kubectl exec old -- nslookup kubernetes.default', 'kubectl exec old -- nslookup nosuch');
    expect(ok.stdout).toBe(
      'Server:    10.103.0.10\nAddress 1: 10.103.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.103.0.1 kubernetes.default.svc.cluster.local\n',
    );
    expect(missing.stdout).toBe('Server:    10.103.0.10\nAddress 1: 10.103.0.10 kube-dns.kube-system.svc.cluster.local\n\n');
    expect(missing.stderr).toBe("nslookup: can't resolve 'nosuch'\ncommand terminated with exit code 1\n");
  });

  test('busybox:1.36 nslookup: its own A and AAAA queries, search domains only for a name without a dot', () => {
    const [dotted, short, fqdn, ip] = run(
      'kubectl exec new -- nslookup kubernetes.default',
      'kubectl exec new -- nslookup kubernetes',
      'kubectl exec new -- nslookup kubernetes.default.svc.cluster.local',
      'kubectl exec new -- nslookup 10.103.0.10',
    );
    const head = 'Server:\t\t10.103.0.10\nAddress:\t10.103.0.10:53\n\n';
    expect(dotted.stdout).toBe(`${head}** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n`);
    expect(dotted.stderr).toBe('command terminated with exit code 1\n');
    expect(short.stdout.startsWith(`${head}Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.103.0.1\n\n** server can't find kubernetes.svc.cluster.local: NXDOMAIN\n\n`)).toBe(true);
    expect(fqdn).toMatchObject({ stdout: `${head}Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.103.0.1\n\n\n`, stderr: '' });
    expect(ip.stdout).toBe(`${head}10.0.103.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local\n\n`);
  });

  test('a release before 1.29 from another registry has the old nslookup too', () => {
    const [out] = run('kubectl exec k8s -- nslookup kubernetes.default');
    expect(out.stdout).toContain('Name:      kubernetes.default\nAddress 1: 10.103.0.1 kubernetes.default.svc.cluster.local\n');
  });

  test('banner and usage texts name the image\'s BusyBox', () => {
    const [banner, usage, newer, ns] = run('kubectl exec old -- busybox', 'kubectl exec old -- sleep', 'kubectl exec new -- busybox', 'kubectl exec old -- nslookup');
    expect(banner.stdout.split('\n')[0]).toBe('BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.');
    expect(banner.stdout).not.toContain('--show SCRIPT');
    expect(usage.stderr.startsWith('BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n')).toBe(true);
    expect(newer.stdout.split('\n')[0]).toMatch(/^BusyBox v1\.36\.0 \(2023-03-17 [\d:]+ UTC\) multi-call binary\.$/);
    expect(newer.stdout).toContain('   or: busybox --show SCRIPT\n');
    expect(ns.stderr).toContain('\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n');
  });
});

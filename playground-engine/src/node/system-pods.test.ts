/**
 * The notes' system pods run: their containers answer exec, ping and logs as on the notes'
 * cluster (block 3: `cat /etc/resolv.conf` in metrics-server; block 5: ping of the dashboard
 * scraper's Calico IP), while their pods keep the seeded steady state.
 */
import { describe, expect, it } from 'vitest';
import { runCommandsOn, simulateSources } from '../engine';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.23\n';
const MS = 'metrics-server-6c48d8f6d6-8m5qg';

function at(ms: number, ...lines: string[]) {
  const run = simulateSources([{ fileName: 'pod.yaml', text: POD }], { untilMs: ms });
  return { run, out: runCommandsOn(run, lines.map((line) => ({ atMs: ms, line }))) };
}

describe('system pods', () => {
  it('exec into metrics-server reads the pod resolv.conf, in the image working directory', () => {
    const { out } = at(5_000, `kubectl exec ${MS} -n kube-system -- cat /etc/resolv.conf`, `kubectl exec ${MS} -n kube-system -- pwd`);
    expect(out[0].stderr).toBe('');
    expect(out[0].stdout).toBe('search kube-system.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.103.0.10\noptions ndots:5\n');
    expect(out[1].stdout).toBe('/opt/bitnami/metrics-server\n');
  });

  it('the dashboard scraper answers ping on its Calico address (block 5)', () => {
    const { out } = at(5_000, 'ping -c 1 172.17.125.7');
    expect(out[0].exitCode).toBe(0);
    expect(out[0].stdout).toContain('64 bytes from 172.17.125.7: icmp_seq=1 ttl=63');
  });

  it('kubectl logs shows the lines written when they started, days before t = 0', () => {
    const { out } = at(5_000, `kubectl logs -n kube-system ${MS}`, 'kubectl logs -n kube-system -l k8s-app=kube-dns');
    // metrics-server last started 23 h before t = 0 (restarts `5 (23h ago)`): 2022-12-07 12:35 UTC.
    expect(out[0].stdout.split('\n')[0]).toMatch(/^I1207 12:35:00\.\d{6} {7}1 serving\.go:\d+\] Generated self-signed cert \(\/tmp\/apiserver\.crt, \/tmp\/apiserver\.key\)$/);
    expect(out[0].stdout).toContain('Serving securely on [::]:4443\n');
    const dns = out[1].stdout.split('\n');
    expect(dns.filter((l) => l === 'CoreDNS-1.11.1')).toHaveLength(2);
    // Both replicas load the same Corefile.
    const hashes = dns.filter((l) => l.startsWith('[INFO] plugin/reload: Running configuration SHA512 = '));
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toBe(hashes[1]);
  });

  it('CoreDNS health answers OK through the pod IP; the pods keep their seeded status', () => {
    const { run, out } = at(5_000, 'kubectl get po -n kube-system -l k8s-app=kube-dns -o jsonpath={.items[0].status.podIP}');
    const ip = out[0].stdout.trim();
    expect(ip).toMatch(/^172\.25\.244\.\d+$/);
    const [health] = runCommandsOn(run, [{ atMs: 6_000, line: `curl -s http://${ip}:8080/health` }]);
    expect(health.stdout).toBe('OK');
    const [get] = runCommandsOn(run, [{ atMs: 7_000, line: 'kubectl get po -n kube-system metrics-server-6c48d8f6d6-8m5qg' }]);
    expect(get.stdout).toMatch(/Running   5 \(23h ago\)   32h\n$/);
  });

  it('curl of the metrics-server Service: HTTPS with a self-signed certificate (-k), Go 400 for plain HTTP', () => {
    const { out } = at(5_000, 'curl -s https://10.103.119.223', 'curl -sk https://10.103.119.223/', 'curl -sk https://10.103.119.223/livez', 'curl -s http://10.103.119.223:443/');
    expect(out[0].exitCode).toBe(60);
    expect(out[0].stdout).toBe('');
    expect(out[1].stdout).toBe('{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}');
    expect(out[2].stdout).toBe('ok');
    expect(out[3].stdout).toBe('Client sent an HTTP request to an HTTPS server.\n');
  });

  it('curl of the dashboard Service (443 -> 8443) and of kube-dns metrics (9153)', () => {
    const { out } = at(5_000, 'kubectl get svc -n kubernetes-dashboard kubernetes-dashboard -o jsonpath={.spec.clusterIP}');
    const { out: r } = at(5_000, `curl -sk https://${out[0].stdout}/`, 'curl -s -o /dev/null -w %{http_code} http://10.103.0.10:9153/');
    expect(r[0].stdout).toContain('<title>Kubernetes Dashboard</title>');
    expect(r[1].stdout).toBe('404');
  });

  it('a deleted system pod is stopped and removed; its ReplicaSet makes another, which pulls and runs', () => {
    const { out } = at(
      60_000,
      'kubectl delete po -n kube-system coredns-hgz6vxlg6l-9plr7',
      'kubectl get po -n kube-system coredns-hgz6vxlg6l-9plr7',
      'sleep 30; kubectl get po -n kube-system -l k8s-app=kube-dns --no-headers | awk \'{print $2, $3}\'',
      'kubectl get events -n kube-system | grep 9plr7',
      'kubectl run -i --rm --restart=Never dns --image=busybox:1.28 -- nslookup kubernetes.default 2>/dev/null',
    );
    expect(out[0].stdout).toBe('pod "coredns-hgz6vxlg6l-9plr7" deleted\n');
    expect(out[1].stderr).toBe('Error from server (NotFound): pods "coredns-hgz6vxlg6l-9plr7" not found\n');
    expect(out[2].stdout).toBe('1/1 Running\n1/1 Running\n');
    expect(out[3].stdout).toMatch(/Normal\s+Killing\s+pod\/coredns-hgz6vxlg6l-9plr7\s+Stopping container coredns\n$/);
    // cluster DNS answers through the Service with the new replica among its endpoints
    expect(out[4].stdout).toMatch(/\nName:\s+kubernetes\.default\nAddress 1: 10\.103\.0\.1\b/);
  });
});

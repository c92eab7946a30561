/**
 * The notes' console blocks (`SH`/`sh` in content/source/k8s-basics.md), one entry each, with the
 * setup each block implies and the virtual moment each command's printed output was taken.
 * Reviewed by hand against the notes; `tests/unit/replay-blocks.test.ts` checks that every line
 * below still appears in its chapter's .mdx and replays every block through the engine.
 *
 * Conventions
 * - `line` is the command as the notes print it, `prompt` what precedes it in the notes.
 * - `run` is what is run when it differs from `line`: `{ip:NAME}` is the pod's IP at that moment
 *   (the notes' cluster gave its pods other addresses than the simulated one may);
 *   `ping` gets `-c 1` because the notes stopped it with Ctrl-C after the first reply.
 * - `inside` marks a line typed inside `kubectl exec -ti … -- sh|bash`: it goes to that shell as
 *   typed; before the block's next host command the replay types `exit` (the notes left the shell).
 * - `setup: true`: the engine applies the block's file at t = 0 exactly as `kubectl create -f
 *   <file>` does; that step's output is this command's output.
 * - `notes` is the printed output verbatim ('' when the notes show none: then only exit 0 and
 *   an empty stderr are checked). Author comments inside a block (`# master 01 路由表`) are left out.
 * - `pending` names the helper branch whose work the command waits for (expected to fail today).
 * - `varies` allows more values to differ than IPs and ages, each for a reason in `differs`.
 * - Times: t = 0 is when the block's file is created (or the first command runs).
 */
import pod18 from '../manifests/1.8-pod.yaml?raw';
import command110 from '../manifests/1.10-command.yaml?raw';
import pull112 from '../manifests/1.12-image-pull-policy.yaml?raw';
import restart113 from '../manifests/1.13-restart-policy.yaml?raw';
import noProbe116 from '../manifests/1.16-no-probe.yaml?raw';
import probes116 from '../manifests/1.16-probes.yaml?raw';
import startup117 from '../manifests/1.17-startup-probe.yaml?raw';
import hooks119 from '../manifests/1.19-lifecycle-hooks.yaml?raw';

export type Variation = 'count' | 'node' | 'status' | 'iface';

export interface ReplayCommand {
  prompt: string;
  line: string;
  run?: string;
  /** Virtual time (ms) at which the notes' output was taken. */
  atMs: number;
  notes: string;
  setup?: true;
  inside?: { pod: string; namespace?: string };
  /** One line shown under the simulated output where values legitimately differ. */
  differs?: string;
  varies?: Variation[];
  /**
   * Opens an interactive shell (`kubectl exec -ti … -- sh`); the lines marked `inside` run in it.
   * Without a terminal kubectl only warns that it cannot use a TTY, so that warning is allowed.
   */
  session?: true;
  /** Expected to fail until this work lands (helper branch: what). */
  pending?: string;
}

export interface ReplayBlock {
  /** Stable id: notes section + letter. */
  id: string;
  /** content/<chapter>.mdx */
  chapter: string;
  /** The notes' section the block is in. */
  section: string;
  /** The block's manifest, saved as `fileName` and created at t = 0; none: an empty cluster of the notes' shape. */
  manifest?: string;
  fileName: string;
  /** Changes to the manifest the block implies (its text says what the author changed). */
  edits?: Array<{ from: string; to: string; why: string }>;
  /** Commands the block implies before its own (not shown as the block's), at their times. */
  actions?: Array<{ atMs: number; line: string; why: string }>;
  proxyMode: 'ipvs' | 'iptables';
  /** How the times were derived from the notes' printed ages and events. */
  timing: string;
  commands: ReplayCommand[];
}

const H = '# ';
const M01 = '[root@k8s-master01 ~]# ';

export const replayBlocks: ReplayBlock[] = [
  {
    id: '1.4-a',
    chapter: 'leader-election',
    section: '1.4',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'The leases are 32h old in the notes, as the simulated cluster\'s system objects are at t = 0.',
    commands: [
      {
        prompt: H,
        line: 'kubectl get leases -n kube-system',
        atMs: 0,
        notes: `NAME                      HOLDER                                              AGE
kube-controller-manager   k8s-master02_19bdfcd2-9dcb-4bd3-9f6e-7dafc7b9da7d   32h
kube-scheduler            k8s-master01_ed4a5ac2-1abf-4816-a938-09d63f69ddbc   32h`,
        differs: 'v1.30 还会列出每个 kube-apiserver 的 apiserver-… 租约（APIServerIdentity，v1.26 起默认开启）；笔记只列了两个选主租约。',
      },
    ],
  },
  {
    id: '1.5-a',
    chapter: 'node-components',
    section: '1.5',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'System Services aged 32h/33h in the notes: t = 0 of the simulated cluster.',
    commands: [
      {
        prompt: M01,
        line: 'kubectl get svc -n kube-system',
        atMs: 0,
        notes: `NAME             TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)                  AGE
calico-typha     ClusterIP   10.103.6.32      <none>        5473/TCP                 32h
kube-dns         ClusterIP   10.103.0.10      <none>        53/UDP,53/TCP,9153/TCP   33h
metrics-server   ClusterIP   10.103.119.223   <none>        443/TCP                  32h`,
      },
    ],
  },
  {
    id: '1.5-b',
    chapter: 'node-components',
    section: '1.5',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'No age printed; the system pods are as at t = 0.',
    commands: [
      {
        prompt: H,
        line: 'kubectl exec -ti metrics-server-6c48d8f6d6-8m5qg -n kube-system -- bash',
        atMs: 0,
        notes: '',
        session: true,
      },
      {
        prompt: 'I have no name!@metrics-server-6c48d8f6d6-8m5qg:/opt/bitnami/metrics-server$ ',
        line: 'cat /etc/resolv.conf',
        atMs: 0,
        inside: { pod: 'metrics-server-6c48d8f6d6-8m5qg', namespace: 'kube-system' },
        notes: `search kube-system.svc.cluster.local svc.cluster.local cluster.local
nameserver 10.103.0.10
options ndots:5`,
      },
    ],
  },
  {
    id: '1.5-c',
    chapter: 'node-components',
    section: '1.5',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'dashboard-metrics-scraper is 32h old with its last restart 9h ago: t = 0.',
    commands: [
      {
        prompt: H,
        line: 'kubectl get po -A -owide',
        atMs: 0,
        notes: 'kubernetes-dashboard   dashboard-metrics-scraper-5b997cd56f-zfb6l   1/1     Running   2 (9h ago)    32h   172.17.125.7      k8s-node01     <none>           <none>',
        differs: '笔记只摘了列表中的一行。',
      },
    ],
  },
  {
    id: '1.5-d',
    chapter: 'node-components',
    section: '1.5',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'No age printed: t = 0.',
    commands: [
      {
        prompt: H,
        line: 'ping 172.17.125.7',
        run: 'ping -c 1 172.17.125.7',
        atMs: 0,
        notes: '64 bytes from 172.17.125.7: icmp_seq=1 ttl=63 time=17.5 ms',
        differs: '往返时间不同；笔记在第一个回复后按了 Ctrl-C（这里用 -c 1）。',
      },
      {
        prompt: M01,
        line: 'route -e',
        atMs: 0,
        notes: `Kernel IP routing table
Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
default         gateway         0.0.0.0         UG        0 0          0 ens32
link-local      0.0.0.0         255.255.0.0     U         0 0          0 ens32
172.17.0.0      k8s-node02      255.255.0.0     UG        0 0          0 tunl0
172.17.125.0    k8s-node01      255.255.255.192 UG        0 0          0 tunl0
172.18.195.0    k8s-master03    255.255.255.192 UG        0 0          0 tunl0
172.25.92.64    k8s-master02    255.255.255.192 UG        0 0          0 tunl0
172.25.244.192  0.0.0.0         255.255.255.192 U         0 0          0 *
172.25.244.199  0.0.0.0         255.255.255.255 UH        0 0          0 calieea57380bfb
172.25.244.200  0.0.0.0         255.255.255.255 UH        0 0          0 calidd7c888a1da
172.25.244.201  0.0.0.0         255.255.255.255 UH        0 0          0 cali0c3ac931242
172.27.14.192   k8s-node02      255.255.255.192 UG        0 0          0 tunl0
192.168.200.0   0.0.0.0         255.255.255.0   U         0 0          0 ens32`,
        varies: ['iface'],
        differs: 'Calico 给 Pod 的宿主机端 veth 取名 cali + sha1("命名空间.Pod 名") 的前 11 位；系统 Pod 名带随机后缀，模拟集群的后缀与笔记的集群不同，所以网卡名不同。',
      },
    ],
  },
  {
    id: '1.5-e',
    chapter: 'node-components',
    section: '1.5',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'No age printed: t = 0; the notes\' kube-proxy runs in ipvs mode.',
    commands: [{ prompt: M01, line: 'curl 127.0.0.1:10249/proxyMode', atMs: 0, notes: 'ipvs' }],
  },
  {
    id: '1.6-a',
    chapter: 'pod',
    section: '1.6',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'The notes print no output: t = 0.',
    commands: [{ prompt: H, line: 'ctr -n k8s.io c ls', atMs: 0, notes: '' }],
  },
  {
    id: '1.8-a',
    chapter: 'define-pod',
    section: '1.8',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: '`kubectl run` at t = 0; `get pod` at its AGE 41s; `get pod -owide` at its AGE 2m29s.',
    commands: [
      { prompt: H, line: 'kubectl run nginx --image=nginx:1.23', atMs: 0, notes: 'pod/nginx created' },
      {
        prompt: H,
        line: 'kubectl get pod',
        atMs: 41_000,
        notes: `NAME    READY   STATUS    RESTARTS   AGE
nginx   1/1     Running   0          41s`,
      },
      {
        prompt: H,
        line: 'kubectl get pod -owide',
        atMs: 149_000,
        notes: `NAME    READY   STATUS    RESTARTS   AGE     IP             NODE         NOMINATED NODE   READINESS GATES
nginx   1/1     Running   0          2m29s   172.17.125.8   k8s-node01   <none>           <none>`,
      },
    ],
  },
  {
    id: '1.8-b',
    chapter: 'define-pod',
    section: '1.8',
    fileName: 'pod.yaml',
    actions: [{ atMs: 0, line: 'kubectl run nginx --image=nginx:1.23', why: 'the pod of the block above' }],
    proxyMode: 'ipvs',
    timing: 'Right after the block above (2m29s): 2m30s.',
    commands: [
      {
        prompt: H,
        line: 'curl 172.17.125.8',
        run: 'curl {ip:nginx}',
        atMs: 150_000,
        notes: `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>`,
        differs: '笔记只摘了页面开头几行。',
      },
    ],
  },
  {
    id: '1.8-c',
    chapter: 'define-pod',
    section: '1.8',
    manifest: pod18,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'The create itself, at t = 0.',
    commands: [{ prompt: H, line: 'kubectl create -f pod.yaml', atMs: 0, notes: '', setup: true }],
  },
  {
    id: '1.8-d',
    chapter: 'define-pod',
    section: '1.8',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'No output, no age: t = 0.',
    commands: [{ prompt: H, line: 'kubectl run nginx --image=nginx1.23 -oyaml --dry-run=client > pod.yaml', atMs: 0, notes: '' }],
  },
  {
    id: '1.9-a',
    chapter: 'define-pod',
    section: '1.9',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'No age: t = 0.',
    commands: [
      {
        prompt: H,
        line: 'kubectl api-resources | grep pod',
        atMs: 0,
        notes: 'pods      po           v1                     true         Pod',
        differs: 'grep pod 还会匹配 podtemplates、horizontalpodautoscalers、PodMetrics、poddisruptionbudgets；笔记只摘了第一行。列宽随最长的名字变化。',
      },
    ],
  },
  {
    id: '1.9-b',
    chapter: 'define-pod',
    section: '1.9',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'No output, no age: t = 0.',
    commands: [{ prompt: H, line: 'kubectl create deployment nginx --image=nginx --dry-run=client -oyaml >deploy.yaml', atMs: 0, notes: '' }],
  },
  {
    id: '1.10-a',
    chapter: 'define-pod',
    section: '1.10',
    manifest: command110,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing:
      'From RESTARTS "3 (40s ago)" in CrashLoopBackOff, not from AGE 56m: `sleep 10` with restartPolicy Always restarts 3 times by ~73s and the back-off then waits 40s, so "3 (40s ago)" holds at 1m53s; at 56m the pod would have restarted ~14 times (back-off capped at 5m). The AGE is the one value that differs.',
    commands: [
      {
        prompt: H,
        line: 'kubectl get pod -owide',
        atMs: 113_000,
        notes: `NAME    READY   STATUS             RESTARTS      AGE   IP              NODE         NOMINATED NODE   READINESS GATES
nginx   0/1     CrashLoopBackOff   3 (40s ago)   56m   172.27.14.198   k8s-node02   <none>           <none>`,
        varies: ['node'],
        differs: '笔记的集群里还有别的 Pod，调度器把它放到了 k8s-node02（IP 也不同）；笔记的 AGE 56m 与重启次数对不上，这里按 RESTARTS「3 (40s ago)」取时刻。',
      },
      {
        prompt: H,
        line: 'curl 172.27.14.198',
        run: 'curl {ip:nginx}',
        atMs: 113_000,
        notes: 'curl: (7) Failed connect to 172.27.14.198:80; Connection refused',
        differs: 'Pod 的 IP 不同。',
      },
    ],
  },
  {
    id: '1.12-a',
    chapter: 'policies',
    section: '1.12',
    manifest: pull112,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'Scheduled 7s ago, Started 6s ago: 7s after the create (the container starts ~1s in).',
    commands: [
      {
        prompt: H,
        line: 'kubectl describe pod nginx',
        atMs: 7_000,
        notes: `Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  7s    default-scheduler  Successfully assigned default/nginx to k8s-node02
  Normal  Pulled     7s    kubelet            Container image "nginx:1.23" already present on machine
  Normal  Created    7s    kubelet            Created container nginx
  Normal  Started    6s    kubelet            Started container nginx`,
        varies: ['node'],
        differs: '笔记只摘了 Events；笔记集群里另有 Pod，调度器把它放到了 k8s-node02。',
      },
    ],
  },
  {
    id: '1.13-a',
    chapter: 'policies',
    section: '1.13',
    manifest: restart113,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing:
      'AGE 89s. The notes\' "Completed 3 (44s ago)" is the 4th run just exited, its last state the 3rd run (ended ~45s): the real kubelet restarts a backed-off container only on the pod worker\'s next sync (requeued 10s, jittered, after each back-off error), so its restarts fall later than the back-off alone.',
    commands: [
      {
        prompt: H,
        line: 'kubectl get pod',
        atMs: 89_000,
        notes: `NAME    READY   STATUS      RESTARTS      AGE
nginx   0/1     Completed   3 (44s ago)   89s`,
      },
    ],
  },
  {
    id: '1.14-a',
    chapter: 'probes',
    section: '1.14',
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'The notes took this block 14h after the others (metrics-server 46h old instead of 32h); the replay shows t = 0, so ages differ.',
    commands: [
      {
        prompt: H,
        line: 'kubectl get po -n kube-system -owide | grep metrics-server-',
        atMs: 0,
        notes: 'metrics-server-6c48d8f6d6-8m5qg            1/1     Running   5 (23h ago)    46h   172.17.125.6      k8s-node01     <none>           <none>',
        differs: '年龄不同：笔记的这一段比其他段晚约 14 小时。',
      },
      {
        prompt: H,
        line: 'kubectl get svc -n kube-system',
        atMs: 0,
        notes: `NAME             TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)                  AGE
metrics-server   ClusterIP   10.103.119.223   <none>        443/TCP                  46h`,
        differs: '笔记只摘了 metrics-server 这一行；年龄：晚约 14 小时。',
      },
      {
        prompt: H,
        line: 'kubectl get ep metrics-server -n kube-system',
        atMs: 0,
        notes: `NAME             ENDPOINTS           AGE
metrics-server   172.17.125.6:4443   46h`,
        differs: '年龄不同：笔记的这一段晚约 14 小时。',
      },
    ],
  },
  {
    id: '1.16-a',
    chapter: 'probes',
    section: '1.16',
    manifest: noProbe116,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'The create at t = 0; `get pod -owide` at its AGE 3s; curl right after (nginx only starts after `sleep 10`).',
    commands: [
      { prompt: H, line: 'kubectl create -f pod.yaml', atMs: 0, notes: 'pod/nginx created', setup: true },
      {
        prompt: H,
        line: 'kubectl get pod -owide',
        atMs: 3_000,
        notes: `NAME    READY   STATUS    RESTARTS   AGE   IP              NODE         NOMINATED NODE   READINESS GATES
nginx   1/1     Running   0          3s    172.17.125.11   k8s-node01   <none>           <none>`,
        differs: 'Pod 的 IP 不同（笔记的节点已分配过更多地址）。',
      },
      {
        prompt: H,
        line: 'curl 172.17.125.11',
        run: 'curl {ip:nginx}',
        atMs: 3_000,
        notes: 'curl: (7) Failed connect to 172.17.125.11:80; Connection refused',
        differs: 'Pod 的 IP 不同。',
      },
    ],
  },
  {
    id: '1.16-b',
    chapter: 'probes',
    section: '1.16',
    manifest: probes116,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'AGE 17s; curl right after.',
    commands: [
      {
        prompt: H,
        line: 'kubectl get pod -owide',
        atMs: 17_000,
        notes: `NAME    READY   STATUS    RESTARTS   AGE   IP              NODE         NOMINATED NODE   READINESS GATES
nginx   1/1     Running   0          17s   172.17.125.12   k8s-node01   <none>           <none>`,
        differs: 'Pod 的 IP 不同。',
      },
      {
        prompt: H,
        line: 'curl 172.17.125.12/index.html',
        run: 'curl {ip:nginx}/index.html',
        atMs: 17_000,
        notes: `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>`,
        differs: 'Pod 的 IP 不同；笔记只摘了页面开头几行。',
      },
    ],
  },
  {
    id: '1.16-c',
    chapter: 'probes',
    section: '1.16',
    manifest: probes116,
    fileName: 'pod.yaml',
    edits: [{ from: 'path: /index.html', to: 'path: /index1.html', why: 'the block shows "readinessProbe httpGet.path错误": the readiness path points to a file that does not exist' }],
    proxyMode: 'ipvs',
    timing: '"0s (x2 over 5s)": the second 404 has just happened; the readiness probe (initialDelaySeconds 10, periodSeconds 5) fails at ~15.5s and ~20.5s, so t = 20.5s.',
    commands: [
      {
        prompt: H,
        line: 'kubectl describe pod nginx',
        atMs: 20_500,
        notes: '  Warning  Unhealthy  0s (x2 over 5s)  kubelet            Readiness probe failed: HTTP probe failed with statuscode: 404',
        differs: '笔记只摘了这一条事件。',
      },
    ],
  },
  {
    id: '1.17-a',
    chapter: 'probes',
    section: '1.17',
    manifest: startup117,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: '"2m28s (x6 over 2m53s)": six startup failures 5s apart (first at ~5s, last at ~30s, before nginx listens after `sleep 30`), seen at 2m58s.',
    commands: [
      {
        prompt: H,
        line: 'kubectl describe pod nginx',
        atMs: 178_000,
        notes: '  Warning  Unhealthy  2m28s (x6 over 2m53s)  kubelet            Startup probe failed: dial tcp 172.17.125.14:80: connect: connection refused',
        differs: 'Pod 的 IP 不同；笔记只摘了这一条事件。',
      },
    ],
  },
  {
    id: '1.17-b',
    chapter: 'probes',
    section: '1.17',
    manifest: startup117,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing:
      'The notes do not say when index.html was removed: here at 60s (the pod is Ready by ~37s). The describe is at "76s (x2 over 81s)" of the liveness failures: the kill comes 5s after the removal, the describe 81s after it (2m21s). The Killing line\'s 6m53s belongs to an earlier kill of the notes\' pod and cannot be matched together with the 76s lines.',
    commands: [
      { prompt: H, line: 'kubectl exec -ti nginx -- sh', atMs: 60_000, notes: '', session: true },
      {
        prompt: '/ # ',
        line: 'rm -rf /usr/share/nginx/html/index.html',
        atMs: 60_000,
        inside: { pod: 'nginx' },
        notes: '',
      },
      {
        prompt: H,
        line: 'kubectl describe pod nginx',
        atMs: 141_000,
        notes: `  Warning  Unhealthy  76s (x3 over 81s)     kubelet            Readiness probe failed: HTTP probe failed with statuscode: 404
  Warning  Unhealthy  76s (x2 over 81s)     kubelet            Liveness probe failed: HTTP probe failed with statuscode: 404
  Normal   Killing    6m53s                  kubelet            Container nginx failed liveness probe, will be restarted`,
        varies: ['count'],
        differs: '删除 index.html 后、被杀之前，就绪探针失败 2 次还是 3 次取决于两个探针 worker 的相位（kubelet 以随机偏移启动它们）；Killing 那行的 6m53s 属于笔记 Pod 更早的一次重启。',
      },
    ],
  },
  {
    id: '1.19-a',
    chapter: 'lifecycle',
    section: '1.19',
    manifest: hooks119,
    fileName: 'pod.yaml',
    proxyMode: 'ipvs',
    timing: 'No age: any time after the postStart hook ran; 10s.',
    commands: [{ prompt: H, line: 'kubectl exec -ti nginx -- ls /data/', atMs: 10_000, notes: 'posStart' }],
  },
];

/** The manifest text a block runs with (its edits applied). */
export function blockText(block: ReplayBlock): string {
  let text = block.manifest ?? '';
  for (const e of block.edits ?? []) text = text.replace(e.from, e.to);
  return text;
}

/**
 * Golden scenarios: every full manifest of the notes, run the way the notes run it, must keep
 * producing the same events, pod rows and command outputs (files in __golden__/, produced by
 * the engine and reviewed against the notes and the Kubernetes source; regenerate with
 * UPDATE_GOLDEN=1 and review the diff). Each case also asserts, in plain words, what the
 * notes show.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { simulateSources, runCommandsOn } from '../engine';
import { eventRecords, podRows, formatEventStream } from '../report';

const MANIFESTS = new URL('../../../content/manifests/', import.meta.url);
const GOLDEN = new URL('./__golden__/', import.meta.url);

function manifest(name: string): string {
  return readFileSync(new URL(name, MANIFESTS), 'utf8');
}

interface Case {
  name: string;
  file: string;
  text?: string;
  until: number;
  /** Scenario steps (seconds, command line). */
  steps?: Array<[number, string]>;
  /** Commands whose output goes into the golden file, after the run (seconds, command line). */
  probes?: Array<[number, string]>;
  check: (r: Report) => void;
}

interface Report {
  events: ReturnType<typeof eventRecords>;
  pods: ReturnType<typeof podRows>;
  outputs: Array<{ at: number; command: string; out: string }>;
  text: string;
}

function scenario(until: number, steps: Array<[number, string]> = []): string {
  return [
    'apiVersion: playground/v1',
    'kind: Scenario',
    'spec:',
    `  duration: ${until}s`,
    ...(steps.length ? ['  steps:', ...steps.flatMap(([at, run]) => [`  - at: ${at}s`, `    run: ${JSON.stringify(run)}`])] : []),
  ].join('\n') + '\n';
}

function run(c: Case): Report {
  const text = c.text ?? manifest(c.file);
  const r = simulateSources([{ fileName: 'pod.yaml', text }, { fileName: 'scenario.yaml', text: scenario(c.until, c.steps) }], { untilMs: c.until * 1000 });
  expect(r.accepted, r.rejection).toBe(true);
  const events = eventRecords(r.trace);
  const pods = podRows(r.trace);
  const steps = r.trace.steps.map((s) => ({ at: s.t / 1000, command: s.run, out: s.stdout + s.stderr }));
  const probes = (c.probes ?? []).map(([at, command]) => {
    const sim = simulateSources([{ fileName: 'pod.yaml', text }, { fileName: 'scenario.yaml', text: scenario(at, (c.steps ?? []).filter(([t]) => t <= at)) }], { untilMs: at * 1000 });
    const o = runCommandsOn(sim, [{ atMs: at * 1000, line: command }])[0];
    return { at, command, out: o.stdout + o.stderr };
  });
  const outputs = [...steps, ...probes];
  const lines = [
    `# ${c.name} (${c.file}), simulated for ${c.until}s`,
    '',
    '## events',
    formatEventStream(r.trace).trimEnd(),
    '',
    '## pods',
    ...pods.map((p) => `${p.time.toFixed(1).padStart(7)}s  ${p.name}  ${p.phase}  ${p.status}  ${p.ready}  restarts=${p.restarts}  ${p.ip || '-'}  ${p.node || '-'}${p.deleted ? '  (deleted)' : ''}`),
    '',
    ...outputs.flatMap((o) => [`## [${o.at}s] $ ${o.command}`, o.out.trimEnd(), '']),
  ];
  return { events, pods, outputs, text: lines.join('\n') + '\n' };
}

function golden(name: string, text: string): void {
  const file = new URL(`${name}.txt`, GOLDEN);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const at = (r: Report, name: string, t: number) => [...r.pods].filter((p) => p.name === name && p.time <= t).pop();
const out = (r: Report, command: string) => r.outputs.find((o) => o.command === command)?.out ?? '';

const CASES: Case[] = [
  {
    name: '1.8 define a pod',
    file: '1.8-pod.yaml',
    until: 150,
    probes: [[41, 'kubectl get pod'], [149, 'kubectl get pod -owide'], [150, 'curl 172.17.125.8']],
    check: (r) => {
      expect(out(r, 'kubectl get pod')).toMatch(/^nginx\s+1\/1\s+Running\s+0\s+41s$/m);
      expect(out(r, 'kubectl get pod -owide')).toMatch(/^nginx\s+1\/1\s+Running\s+0\s+2m29s\s+172\.17\.125\.8\s+k8s-node01\s+<none>\s+<none>$/m);
      expect(out(r, 'curl 172.17.125.8')).toContain('<title>Welcome to nginx!</title>');
    },
  },
  {
    name: '1.10 command overrides the entrypoint',
    file: '1.10-command.yaml',
    until: 300,
    probes: [[160, 'kubectl get pod -owide'], [160, 'curl 172.17.125.8']],
    check: (r) => {
      expect(at(r, 'nginx', 160)?.status).toBe('CrashLoopBackOff');
      expect(out(r, 'kubectl get pod -owide')).toMatch(/^nginx\s+0\/1\s+CrashLoopBackOff\s+4 \(\d+s ago\)/m);
      expect(out(r, 'curl 172.17.125.8')).toMatch(/curl: \(7\) Failed connect to 172\.17\.125\.8:80; Connection refused/);
      expect(r.events.some((e) => e.reason === 'BackOff' && /^Back-off restarting failed container nginx in pod nginx_default\(/.test(e.message))).toBe(true);
    },
  },
  {
    name: '1.12 IfNotPresent uses the image on the node',
    file: '1.12-image-pull-policy.yaml',
    until: 30,
    probes: [[7, 'kubectl describe pod nginx']],
    check: (r) => {
      expect(r.events.some((e) => e.reason === 'Pulling')).toBe(false);
      expect(out(r, 'kubectl describe pod nginx')).toMatch(/Normal\s+Pulled\s+6s\s+kubelet\s+Container image "nginx:1\.23" already present on machine/);
    },
  },
  {
    name: '1.13 restartPolicy Always restarts a container that completes',
    file: '1.13-restart-policy.yaml',
    until: 120,
    probes: [[89, 'kubectl get pod']],
    check: (r) => {
      expect(r.pods.some((p) => p.status === 'Completed')).toBe(true);
      expect(out(r, 'kubectl get pod')).toMatch(/^nginx\s+0\/1\s+(Completed|CrashLoopBackOff)\s+3 \(\d+s ago\)\s+89s$/m);
    },
  },
  {
    name: '1.16 no probe: Running before nginx listens',
    file: '1.16-no-probe.yaml',
    until: 30,
    probes: [[3, 'kubectl get pod -owide'], [3, 'curl 172.17.125.8'], [20, 'curl 172.17.125.8']],
    check: (r) => {
      expect(out(r, 'kubectl get pod -owide')).toMatch(/^nginx\s+1\/1\s+Running\s+0\s+3s/m);
      expect(r.outputs.find((o) => o.at === 3 && o.command.startsWith('curl'))?.out).toMatch(/Connection refused/);
      expect(r.outputs.find((o) => o.at === 20 && o.command.startsWith('curl'))?.out).toContain('Welcome to nginx!');
    },
  },
  {
    name: '1.16 readiness and liveness probes',
    file: '1.16-probes.yaml',
    until: 60,
    probes: [[17, 'kubectl get pod -owide'], [20, 'curl 172.17.125.8/index.html']],
    check: (r) => {
      expect(at(r, 'nginx', 9)?.ready).toBe('0/1');
      expect(out(r, 'kubectl get pod -owide')).toMatch(/^nginx\s+1\/1\s+Running\s+0\s+17s/m);
      expect(r.events.some((e) => e.reason === 'Killing')).toBe(false);
    },
  },
  {
    name: '1.16 readiness probe on a missing path',
    file: '1.16-readiness-fragment.yaml',
    text: manifest('1.16-readiness-fragment.yaml').replace('path: /index.html', 'path: /index1.html'),
    until: 60,
    probes: [[30, 'kubectl describe pod nginx']],
    check: (r) => {
      expect(r.events.filter((e) => e.message === 'Readiness probe failed: HTTP probe failed with statuscode: 404').length).toBeGreaterThan(0);
      expect(out(r, 'kubectl describe pod nginx')).toMatch(/Warning\s+Unhealthy\s+\d+s \(x\d+ over \d+s\)\s+kubelet\s+Readiness probe failed: HTTP probe failed with statuscode: 404/);
      expect(at(r, 'nginx', 60)?.ready).toBe('0/1');
    },
  },
  {
    name: '1.17 startup probe, then index.html removed',
    file: '1.17-startup-probe.yaml',
    until: 200,
    steps: [[70, 'kubectl exec nginx -- rm -rf /usr/share/nginx/html/index.html']],
    probes: [[40, 'kubectl describe pod nginx']],
    check: (r) => {
      const startup = r.events.filter((e) => e.reason === 'Unhealthy' && /^Startup probe failed: dial tcp 172\.17\.125\.8:80: connect: connection refused$/.test(e.message));
      // Six failures while `sleep 30` runs (as the notes' x6), and again after the restart.
      expect(startup.filter((e) => e.time < 70).reduce((a, e) => a + e.count, 0)).toBe(6);
      expect(out(r, 'kubectl describe pod nginx')).toMatch(/Warning\s+Unhealthy\s+10s \(x6 over 35s\)\s+kubelet\s+Startup probe failed: dial tcp 172\.17\.125\.8:80: connect: connection refused/);
      expect(r.events.some((e) => e.reason === 'Killing' && e.message === 'Container nginx failed liveness probe, will be restarted' && e.time > 70 && e.time < 90)).toBe(true);
      expect(at(r, 'nginx', 190)).toMatchObject({ status: 'Running', ready: '1/1', restarts: 1 });
    },
  },
  {
    name: '1.19 postStart and preStop (pkill nginx)',
    file: '1.19-lifecycle-hooks.yaml',
    until: 60,
    steps: [[30, 'kubectl delete pod nginx']],
    probes: [[20, 'kubectl exec -ti nginx -- ls /data/']],
    check: (r) => {
      expect(out(r, 'kubectl exec -ti nginx -- ls /data/')).toMatch(/^posStart\s*$/m);
      const gone = r.pods.find((p) => p.deleted);
      expect(gone && gone.time).toBeLessThan(33);
    },
  },
  {
    name: '1.20 gRPC liveness probe on etcd',
    file: '1.20-grpc-etcd.yaml',
    until: 120,
    probes: [[100, 'kubectl get pod etcd']],
    check: (r) => {
      expect(r.events.some((e) => e.reason === 'Unhealthy')).toBe(false);
      expect(out(r, 'kubectl get pod etcd')).toMatch(/^etcd\s+1\/1\s+Running\s+0\s+100s$/m);
    },
  },
  {
    name: 'editor example: a Deployment rolls to a new image',
    file: 'docker-deployment-service.yaml',
    until: 90,
    steps: [[20, 'kubectl set image deployment/nginx nginx=nginx:1.23.2-alpine'], [20, 'kubectl rollout status deployment/nginx'], [60, 'kubectl scale deploy nginx --replicas=3'], [61, 'kubectl cordon k8s-node02']],
    probes: [[62, 'kubectl get deploy,rs'], [62, 'kubectl get ep nginx'], [90, 'kubectl get nodes']],
    check: (r) => {
      expect(out(r, 'kubectl rollout status deployment/nginx')).toMatch(/deployment "nginx" successfully rolled out\n$/);
      expect(r.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message.replace(/nginx-\w+/, 'RS'))).toContain('Scaled up replica set RS to 2 from 0');
      expect(out(r, 'kubectl get nodes')).toMatch(/^k8s-node02\s+Ready,SchedulingDisabled\s+<none>/m);
      expect(at(r, 'nginx', 0)).toBeUndefined();
    },
  },
];

describe('golden scenarios from the notes', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const r = run(c);
      c.check(r);
      golden(c.file.replace(/\.yaml$/, '') + (c.text ? '-variant' : ''), r.text);
    });
  }
});

describe('component log view', () => {
  test('shows the flow kubectl → kube-apiserver → etcd → kube-scheduler → kubelet in order', async () => {
    const { simulate, viewAt, COMPONENT_LOG_VIEW } = await import('../index');
    const r = simulate(manifest('1.8-pod.yaml'), { untilMs: 5000 });
    const text = viewAt(r.trace, 3000, [COMPONENT_LOG_VIEW])[0].stdout;
    const order = ['kubectl ', 'kube-apiserver', 'etcd', 'kube-scheduler', 'kubelet/k8s-node01'].map((c) => text.indexOf(c));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('POST /api/v1/namespaces/default/pods');
  });
});

/** A pod with the edges on which kubectl v1.30's describe differed from the engine's (issue 9). */
import * as O from './objects';

export function edgePod(now: number) {
  const p = O.running(O.pod('edge', now, { age: 20, ip: '172.17.125.8', node: 'k8s-node01', ports: [80] }), now);
  p.metadata.labels = { app: 'web' };
  p.metadata.annotations = { note: `ab${'这是一个很长的注释值'.repeat(8)}` };
  p.spec.serviceAccountName = 'default';
  p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }];
  const c = p.spec.containers[0];
  c.readinessProbe = { httpGet: { path: '/index.html?x=1&y=a b', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  c.env = [
    ['NODE_NAME', 'spec.nodeName'], ['POD_NAME', 'metadata.name'], ['POD_NS', 'metadata.namespace'], ['POD_IP', 'status.podIP'],
    ['APP', "metadata.labels['app']"], ['SA', 'spec.serviceAccountName'],
  ].map(([name, fieldPath]) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } }));
  return p;
}

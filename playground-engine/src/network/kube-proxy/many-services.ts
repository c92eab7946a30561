/**
 * A large cluster for kube-proxy's scale test and the bench: `n` ClusterIP Services with 3
 * ready endpoints each (pods spread over the notes' two workers), as Service and EndpointSlice
 * objects the API server would hold.
 */
import type { K8sObject } from '../../types';
import { formatIPv4 } from '../ip';
import { makeEndpointSlice, makeService } from '../objects';

export function manyServices(n: number, endpointsEach = 3): { services: K8sObject[]; slices: K8sObject[] } {
  const services: K8sObject[] = [];
  const slices: K8sObject[] = [];
  // 10.103.0.0/16 holds 65,534 addresses; pods from 172.16.0.0/12 (past the notes' blocks).
  const svcBase = (10 << 24) | (103 << 16);
  const podBase = ((172 << 24) | (20 << 16)) >>> 0;
  for (let i = 0; i < n; i++) {
    const name = `svc-${i}`;
    const ports = [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' as const }];
    services.push(makeService('default', name, { clusterIP: formatIPv4(svcBase + 20 + i), ports, selector: { app: name } }));
    const endpoints = Array.from({ length: endpointsEach }, (_, j) => ({
      ip: formatIPv4(podBase + i * endpointsEach + j + 1),
      nodeName: j % 2 === 0 ? 'k8s-node01' : 'k8s-node02',
      ready: true,
    }));
    slices.push(makeEndpointSlice('default', name, `${name}-abcde`, [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints));
  }
  return { services, slices };
}

/**
 * The cluster of service-networking.md §1.6, whose `iptables-save -t nat` was verified there
 * against real iptables 1.8.9 (testdata/notes-1.6-nat.txt). Test fixture.
 */
import { makeEndpointSlice, makeService } from '../../objects';

export function notesExample() {
  const services = [
    makeService('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }),
    makeService('kube-system', 'kube-dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }] }),
    makeService('default', 'nginx', { clusterIP: '10.96.120.15', ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
    makeService('default', 'web', { clusterIP: '10.96.45.3', type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ port: 80, nodePort: 30080 }] }),
    makeService('default', 'broken', { clusterIP: '10.96.7.7', ports: [{ name: 'http', port: 80 }] }),
  ];
  const slices = [
    makeEndpointSlice('default', 'kubernetes', 'kubernetes', [{ name: 'https', port: 6443 }], [{ ip: '172.18.0.2' }]),
    makeEndpointSlice('kube-system', 'kube-dns', 'kube-dns-abcde', [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }], [{ ip: '10.244.0.2' }, { ip: '10.244.0.3' }]),
    makeEndpointSlice('default', 'nginx', 'nginx-fghjk', [{ name: 'http', port: 8080 }], [{ ip: '10.244.2.8' }, { ip: '10.244.1.5' }, { ip: '10.244.2.7' }]),
    makeEndpointSlice('default', 'web', 'web-lmnpq', [{ port: 80 }], [{ ip: '10.244.1.9' }, { ip: '10.244.2.10' }]),
  ];
  return { services, slices };
}


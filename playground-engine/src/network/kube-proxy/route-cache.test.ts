import { describe, expect, test } from 'vitest';
import { Prng } from '../../sim/prng';
import { KubeProxy } from './kube-proxy';
import { notesExample } from './testdata/notes-example';

const NODE = { nodeName: 'k8s-node01', nodeIPs: ['192.168.200.64', '172.17.125.0'], clusterCIDR: '172.16.0.0/12' };

describe('route(): connections no rule touches skip the walk until the next sync', () => {
  for (const mode of ['iptables', 'ipvs'] as const) {
    test(`${mode}: a pod address is answered 'none' without a random draw, and a sync that makes it a Service address is seen at once`, () => {
      const { services, slices } = notesExample();
      const p = new KubeProxy({ mode, ...NODE });
      p.sync([], [], 0);
      let draws = 0;
      const prng = new Prng(5);
      const rand = () => {
        draws++;
        return prng.nextU32();
      };
      for (let i = 0; i < 3; i++) expect(p.route('10.96.120.15', 80, 'TCP', '192.168.200.64', rand, i).kind).toBe('none');
      expect(draws).toBe(0);
      p.sync(services, slices, 10);
      expect(p.route('10.96.120.15', 80, 'TCP', '192.168.200.64', rand, 11).kind).toBe('backend');
      p.sync([], [], 20);
      expect(p.route('10.96.120.15', 80, 'TCP', '192.168.200.64', rand, 21).kind).toBe('none');
    });
  }

  test('a Service connection still draws on every new connection (never remembered)', () => {
    const { services, slices } = notesExample();
    const p = new KubeProxy({ mode: 'iptables', ...NODE });
    p.sync(services, slices, 0);
    let draws = 0;
    const prng = new Prng(9);
    const rand = () => {
      draws++;
      return prng.nextU32();
    };
    p.route('10.96.120.15', 80, 'TCP', '172.17.125.8', rand, 0);
    const one = draws;
    p.route('10.96.120.15', 80, 'TCP', '172.17.125.8', rand, 1);
    expect(one).toBeGreaterThan(0);
    expect(draws).toBeGreaterThan(one);
  });
});

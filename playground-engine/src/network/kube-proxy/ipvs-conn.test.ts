import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../../index';

// Two nginx pods behind Service "web" (the notes' node-components manifest), ipvs mode.
const text = readFileSync(new URL('../../../../content/manifests/node-service-two-pods.yaml', import.meta.url), 'utf8');

/** ActiveConn/InActConn of the real servers of the VIP the manifest's Service got. */
function counters(ipvsadm: string, vip: string): Array<[number, number]> {
  const lines = ipvsadm.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`TCP  ${vip}:80 `));
  const out: Array<[number, number]> = [];
  for (let i = at + 1; i < lines.length && lines[i].startsWith('  ->'); i++) {
    const f = lines[i].trim().split(/\s+/);
    out.push([Number(f[4]), Number(f[5])]);
  }
  return out;
}

describe('ipvs connection counters for connections opened from the terminal', () => {
  it('a finished curl leaves ActiveConn and counts in InActConn', () => {
    const [svc] = runCommands(text, [{ atMs: 30_000, line: "kubectl get svc web -o jsonpath='{.spec.clusterIP}'" }]);
    const vip = svc.stdout.trim();
    expect(vip).toMatch(/^10\.103\./);
    const [before, , after] = runCommands(text, [
      { atMs: 30_000, line: 'ipvsadm -Ln' },
      { atMs: 30_000, line: `curl -s ${vip} >/dev/null; curl -s ${vip} >/dev/null` },
      { atMs: 31_000, line: 'ipvsadm -Ln' },
    ]);
    const b = counters(before.stdout, vip);
    const a = counters(after.stdout, vip);
    expect(a).toHaveLength(2);
    expect(a.every(([active]) => active === 0)).toBe(true);
    // Both curls ended: two more inactive entries across the two real servers (plus the traffic client's).
    const inact = (c: Array<[number, number]>) => c.reduce((s, [, i]) => s + i, 0);
    expect(inact(a) - inact(b)).toBeGreaterThanOrEqual(2);
  });
});

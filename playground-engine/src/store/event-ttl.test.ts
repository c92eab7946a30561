/**
 * Events expire an hour after their last write (kube-apiserver --event-ttl=1h): a long run's
 * `kubectl get events` and describe show only what was written in the last hour.
 */
import { describe, expect, it } from 'vitest';
import { runCommands } from '../index';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.23
---
apiVersion: playground/v1
kind: Scenario
spec:
  duration: 2h
`;

describe('event TTL', () => {
  const [before, after, describeAfter] = runCommands(MANIFEST, [
    { atMs: 3_599_000, line: 'kubectl get events' },
    { atMs: 3_610_000, line: 'kubectl get events' },
    { atMs: 3_610_000, line: 'kubectl describe pod web' },
  ]);
  it('an event written at t=0 is listed until one hour later', () => {
    expect(before.stdout).toContain('Successfully assigned default/web to k8s-node01');
    expect(before.stdout).toContain('Started container web');
  });
  it('and is gone after', () => {
    expect(after.stdout).toBe('');
    expect(after.stderr).toBe('No resources found in default namespace.\n');
    expect(describeAfter.stdout).toContain('Events:                      <none>\n');
  });
});

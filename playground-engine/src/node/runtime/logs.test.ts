import { describe, expect, test } from 'vitest';
import type { LogLine, LogRotation } from '../../trace';
import { ContainerLogKeeper } from './logs';

const line = (t: number, pod: string, container: string, attempt: number, text: string, uid?: string): LogLine => ({ t, namespace: 'default', pod, ...(uid ? { uid } : {}), container, attempt, stream: 'stdout', text });

describe('ContainerLogKeeper: one file per pod (uid or name), container and attempt', () => {
  test('interleaved writers fill their own files; only the file past the size limit rotates', () => {
    const lines: LogLine[] = [];
    const rotations: LogRotation[] = [];
    const k = new ContainerLogKeeper(lines, rotations, 1000);
    // 200 lines of 10 chars each for a/c attempt 0 (past 1000 bytes with the CRI prefix), 5 for the others.
    for (let i = 0; i < 200; i++) {
      k.append(line(i * 10, 'a', 'c', 0, '0123456789', 'uid-a'));
      if (i < 5) {
        k.append(line(i * 10, 'a', 'c', 1, 'attempt-1', 'uid-a'));
        k.append(line(i * 10, 'b', 'c', 0, 'pod-b'));
        k.append(line(i * 10, 'a', 'sidecar', 0, 'other', 'uid-a'));
      }
    }
    // The monitor tick after the file grew too big: the next line of that file rotates it.
    k.append(line(10_001, 'a', 'c', 0, 'after', 'uid-a'));
    k.append(line(10_002, 'b', 'c', 0, 'still-b'));
    expect(rotations).toHaveLength(1);
    expect(rotations[0]).toMatchObject({ t: 10_000, pod: 'a', uid: 'uid-a', container: 'c', attempt: 0, kept: 1 });
    expect(rotations[0].bytes).toBe(200 * (40 + 10 + 1));
    expect(lines).toHaveLength(200 + 15 + 2);
  });
});

/**
 * Test helpers: a machine with a Debian, Alpine or busybox root filesystem and no network,
 * to run programs (`sh -c …`) to completion in virtual time. Used by the programs' tests;
 * not part of the engine's runtime paths.
 */
import { EventQueue } from '../sim/queue';
import { Kernel, Proc } from '../node/runtime/kernel';
import { OverlayFs, type ImageTree } from '../node/runtime/fs';
import { PROGRAMS } from './registry';
import { busyboxTree, debianTree } from './images/trees';
import type { ExecResult } from '../node/runtime/types';
import type { NetApi } from './net';

export type Os = 'debian' | 'alpine' | 'busybox';

const trees = new Map<Os, ImageTree>();

export function treeFor(os: Os): ImageTree {
  let t = trees.get(os);
  if (!t) {
    t = os === 'debian' ? debianTree(-86_400_000, 'bullseye') : busyboxTree(-86_400_000, os === 'alpine' ? 'alpine' : 'busybox');
    trees.set(os, t);
  }
  return t;
}

export interface Machine {
  queue: EventQueue;
  kernel: Kernel;
  fs: OverlayFs;
}

export function machine(os: Os, opts: { net?: NetApi; queue?: EventQueue; initEndsNamespace?: boolean } = {}): Machine {
  const queue = opts.queue ?? new EventQueue();
  const fs = new OverlayFs(treeFor(os), () => queue.now);
  fs.mkdirp('/tmp/w');
  const kernel = new Kernel({
    queue,
    fs,
    hostname: () => 'nginx',
    os: { id: os === 'debian' ? 'debian' : 'alpine', version: os === 'debian' ? '11' : '3.16', kernel: '4.19.12-1.el7.elrepo.x86_64', tzOffsetMin: 0, tzName: 'UTC', cpus: 2 },
    programs: PROGRAMS,
    net: opts.net,
    initEndsNamespace: opts.initEndsNamespace ?? false,
  });
  return { queue, kernel, fs };
}

export const ENV: Array<[string, string]> = [
  ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  ['HOME', '/root'],
];

/** Run argv in a fresh process and the queue until it exits (or `untilMs`). */
export function runProcess(m: Machine, argv: string[], o: { stdin?: string; untilMs?: number; cwd?: string } = {}): ExecResult & { doneAt?: number } {
  const path = m.kernel.which(argv[0], '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', '/');
  if (typeof path !== 'string') throw new Error(`no ${argv[0]}`);
  const p = m.kernel.start(path, argv, { ppid: 0, env: new Map(ENV), cwd: o.cwd ?? '/tmp/w', stdin: o.stdin, stdout: 'capture', stderr: 'capture' });
  if (!(p instanceof Proc)) throw new Error(p.error);
  let result: (ExecResult & { doneAt?: number }) | undefined;
  p.exit.onSettle((r) => {
    result = { ...r, doneAt: m.queue.now };
  });
  const until = m.queue.now + (o.untilMs ?? 600_000);
  while (!result && m.queue.now < until) {
    const next = m.queue.peekTime();
    if (next === undefined) break;
    m.queue.runUntil({ untilMs: Math.min(until, next), maxTasks: 200_000 });
  }
  return result ?? { exitCode: -1, stdout: p.captures.stdout?.text() ?? '', stderr: p.captures.stderr?.text() ?? '', timedOut: true };
}

/** `sh -c script` in an image's shell (dash on Debian, ash on Alpine/busybox). */
export function sh(os: Os, script: string, o: { stdin?: string; untilMs?: number } = {}): ExecResult & { doneAt?: number } {
  return runProcess(machine(os), ['sh', '-c', script], o);
}

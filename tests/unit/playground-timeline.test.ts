import { describe, expect, it } from 'vitest';
import type { Timeline, TimelinePod } from '../../playground-engine/src/trace';
import { axisTicks, cutAxisMs, fitText, isProblemReason, layoutTimeline, niceStepSeconds, statusClass, textWidth, xScale } from '../../src/playground/client/timeline-layout';
import { describeTimeline, statusAt, summarizeTimeline } from '../../src/playground/client/timeline-text';

function pod(over: Partial<TimelinePod> = {}): TimelinePod {
  return {
    namespace: 'default',
    name: 'nginx',
    createdMs: 0,
    node: 'k8s-node01',
    ip: '172.17.125.8',
    ready: [
      { from: 0, to: 15000, value: false },
      { from: 15000, value: true },
    ],
    status: [
      { from: 0, to: 2000, value: 'ContainerCreating' },
      { from: 2000, value: 'Running' },
    ],
    endpoints: [{ service: 'nginx', intervals: [{ from: 1000, to: 15000, value: 'not-ready' }, { from: 15000, value: 'ready' }] }],
    containers: [
      {
        name: 'nginx',
        init: false,
        states: [
          { from: 0, to: 2000, value: { state: 'waiting', reason: 'ContainerCreating' } },
          { from: 2000, to: 70000, value: { state: 'running' } },
          { from: 70000, to: 71000, value: { state: 'terminated', reason: 'Error', exitCode: 137 } },
          { from: 71000, value: { state: 'running' } },
        ],
        probes: [
          { t: 10000, probe: 'liveness', result: 'success' },
          { t: 15000, probe: 'liveness', result: 'failure' },
          { t: 15000, probe: 'readiness', result: 'success' },
        ],
        restarts: [71000],
      },
    ],
    ...over,
  };
}

const tl = (pods: TimelinePod[], horizonMs = 120000): Timeline => ({ horizonMs, pods });

describe('scales and ticks', () => {
  it.each([
    [120, 10, 15],
    [300, 10, 30],
    [10, 10, 1],
    [3600, 8, 600],
    [86400, 6, 21600],
    [0.5, 10, 1],
  ])('nice step for %ss with %i ticks is %is', (h, n, step) => {
    expect(niceStepSeconds(h, n)).toBe(step);
  });

  it('maps time linearly and clamps outside the horizon', () => {
    const x = xScale(100000, 100, 600);
    expect(x(0)).toBe(100);
    expect(x(50000)).toBe(350);
    expect(x(100000)).toBe(600);
    expect(x(-5)).toBe(100);
    expect(x(200000)).toBe(600);
  });

  it('puts axis ticks from 0 to the horizon in whole steps', () => {
    const ticks = axisTicks(120000, 100, 660);
    expect(ticks[0]).toMatchObject({ x: 100, ms: 0, label: '0' });
    expect(ticks.at(-1)!.ms).toBeLessThanOrEqual(120000);
    const steps = ticks.slice(1).map((t, i) => t.ms - ticks[i].ms);
    expect(new Set(steps).size).toBe(1);
    expect(ticks.at(-1)!.ms).toBe(120000);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(12);
  });

  it('labels the horizon when the steps fall short of it and there is room', () => {
    const ticks = axisTicks(300000, 100, 300); // step 120 s: 0, 120, 240, then 300
    expect(ticks.map((t) => t.label)).toEqual(['0', '120', '240', '300']);
    expect(ticks.at(-1)!.x).toBe(300);
    const tight = axisTicks(250000, 100, 300); // 240 s lands 8 px before the end: no room
    expect(tight.at(-1)!.label).toBe('240');
  });

  it('fits labels with an ellipsis', () => {
    expect(fitText('nginx', 100)).toBe('nginx');
    const long = fitText('a-very-long-deployment-pod-name-7d9f8c-abcde', 80);
    expect(long.endsWith('…')).toBe(true);
    expect(textWidth(long)).toBeLessThanOrEqual(80);
    expect(textWidth('容器')).toBeGreaterThan(textWidth('ab'));
  });
});

describe('layoutTimeline', () => {
  const L = layoutTimeline(tl([pod()]), { width: 700 });

  it('stays inside its box', () => {
    expect(L.width).toBe(700);
    for (const b of L.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(L.plot.x0);
      expect(b.x + b.w).toBeLessThanOrEqual(L.plot.x1 + 1e-9);
      expect(b.y + b.h).toBeLessThanOrEqual(L.plot.y1);
    }
    expect(L.height).toBeGreaterThan(L.plot.y1);
  });

  it('draws one box per interval, closing open intervals at the horizon', () => {
    const states = L.boxes.filter((b) => b.cls.startsWith('st-'));
    expect(states.map((b) => b.cls)).toEqual(['st-waiting', 'st-running', 'st-terminated st-failed', 'st-running']);
    const last = states.at(-1)!;
    expect(last.x + last.w).toBeCloseTo(L.plot.x1);
    expect(states[0].title).toContain('0–2 秒');
    expect(states[2].title).toContain('Error (137)');
  });

  it('keeps a label only where it fits', () => {
    const tiny = L.boxes.find((b) => b.cls.includes('st-failed'))!;
    expect(tiny.label).toBeUndefined();
    const running = L.boxes.find((b) => b.cls === 'st-running')!;
    expect(running.label).toBe('运行');
  });

  it('draws Ready, endpoints, probe ticks per kind and restarts', () => {
    expect(L.boxes.filter((b) => b.cls.startsWith('ready-')).map((b) => b.cls)).toEqual(['ready-false', 'ready-true']);
    const eps = L.boxes.filter((b) => b.cls.startsWith('ep-'));
    expect(eps.map((b) => b.cls)).toEqual(['ep-not-ready', 'ep-ready']);
    expect(eps[1].label).toBe('在端点中');
    const probes = L.marks.filter((m) => m.cls.startsWith('probe'));
    expect(probes).toHaveLength(3);
    const liveness = probes.filter((m) => m.cls.includes('probe-liveness'));
    const readiness = probes.filter((m) => m.cls.includes('probe-readiness'));
    expect(new Set(liveness.map((m) => m.y)).size).toBe(1);
    expect(readiness[0].y).toBeGreaterThan(liveness[0].y);
    expect(liveness.map((m) => m.cls.includes('probe-failure'))).toEqual([false, true]);
    const restarts = L.marks.filter((m) => m.cls === 'restart');
    expect(restarts).toHaveLength(1);
    expect(restarts[0].title).toContain('71 秒');
  });

  it('merges probe results on the same pixel, a failure winning', () => {
    const many = pod({
      containers: [{ name: 'c', init: false, states: [], restarts: [], probes: [{ t: 1000, probe: 'liveness', result: 'success' }, { t: 1001, probe: 'liveness', result: 'failure' }, { t: 1002, probe: 'liveness', result: 'success' }] }],
    });
    const marks = layoutTimeline(tl([many], 3_600_000), { width: 400 }).marks.filter((m) => m.cls.startsWith('probe'));
    expect(marks).toHaveLength(1);
    expect(marks[0].cls).toContain('probe-failure');
    expect(marks[0].title).toContain('成功 2 次，失败 1 次');
  });

  it('stacks pods and marks deletion', () => {
    const two = layoutTimeline(tl([pod(), pod({ name: 'web', deletingMs: 90000, deletedMs: 100000 })]), { width: 700 });
    const pods = two.labels.filter((l) => l.cls === 'lbl-pod');
    expect(pods.map((l) => l.text)).toEqual(['nginx', 'web']);
    expect(pods[1].y).toBeGreaterThan(pods[0].y);
    expect(two.lines.map((l) => l.cls)).toEqual(['deleting', 'deleted']);
    expect(two.lines[0].x).toBeLessThan(two.lines[1].x);
  });

  it('handles an empty timeline and a zero horizon', () => {
    const e = layoutTimeline(tl([], 0), { width: 100 });
    expect(e.width).toBe(240);
    expect(e.boxes).toEqual([]);
    expect(e.ticks.length).toBeGreaterThan(0);
  });

  it('names namespaces other than default', () => {
    const l = layoutTimeline(tl([pod({ namespace: 'kube-system', name: 'coredns' })]), { width: 900 });
    expect(l.labels[0].text).toBe('kube-system/coredns');
  });

  it.each([
    ['ContainerCreating', false],
    ['PodInitializing', false],
    ['ErrImagePull', true],
    ['ImagePullBackOff', true],
    ['CrashLoopBackOff', true],
    ['CreateContainerConfigError', true],
    ['InvalidImageName', true],
    [undefined, false],
  ])('waiting reason %s is a problem: %s', (reason, problem) => {
    expect(isProblemReason(reason)).toBe(problem);
  });

  it.each([
    ['Running', 'running'],
    ['Completed', 'completed'],
    ['ContainerCreating', 'pending'],
    ['Init:0/1', 'pending'],
    ['Terminating', 'terminating'],
    ['CrashLoopBackOff', 'problem'],
    ['<img src=x>', 'problem'],
  ])('status class of %s is %s', (s, c) => {
    expect(statusClass(s)).toBe(c);
  });
});

describe('a cut run', () => {
  it('ends visibly at the cut: open boxes stop there, the axis goes on, the rest is marked', () => {
    const cutTl = tl([pod()]);
    cutTl.horizonMs = 100_000;
    const L = layoutTimeline(cutTl, { width: 700, cut: { atMs: 100_000, untilMs: 86_400_000 } });
    expect(L.horizonMs).toBe(cutAxisMs(100_000, 86_400_000));
    expect(L.horizonMs).toBe(120_000);
    expect(L.cut).toBeDefined();
    const cutX = L.cut!.x;
    expect(cutX).toBeCloseTo(L.plot.x0 + (L.plot.x1 - L.plot.x0) * (100 / 120), 6);
    expect(L.cut!.label).toBe('截断于 100 秒');
    expect(L.cut!.title).toBe('运行在虚拟时间 100 秒 处被截断（请求模拟到 86400 秒）：之后的时间没有模拟');
    // Nothing is drawn after the cut.
    for (const b of L.boxes) expect(b.x + b.w).toBeLessThanOrEqual(cutX + 1e-9);
    // Without a cut there is no mark, and the axis ends at the horizon.
    const plain = layoutTimeline(cutTl, { width: 700 });
    expect(plain.cut).toBeUndefined();
    expect(plain.horizonMs).toBe(100_000);
  });

  it('never draws the axis past the horizon that was asked for', () => {
    expect(cutAxisMs(100_000, 110_000)).toBe(110_000);
    expect(cutAxisMs(100_000, undefined)).toBe(120_000);
    expect(cutAxisMs(500, undefined)).toBe(1500);
  });
});

describe('timeline text', () => {
  it('describes pods, containers, probes, restarts and endpoints in words', () => {
    const lines = describeTimeline(tl([pod()]));
    expect(lines[0]).toContain('Pod nginx');
    expect(lines[0]).toContain('节点 k8s-node01');
    expect(lines[0]).toContain('15 秒起 就绪');
    expect(lines[1]).toContain('容器 nginx');
    expect(lines[1]).toContain('70–71 秒 已终止（Error，退出码 137）');
    expect(lines[1]).toContain('存活探针成功 1 次、失败 1 次，首次失败于 15 秒');
    expect(lines[1]).toContain('重启 1 次（71 秒）');
    expect(lines[2]).toContain('Service nginx 的端点');
    expect(describeTimeline(tl([]))).toEqual(['在 120 秒 内没有 Pod。']);
    expect(summarizeTimeline(tl([pod()]))).toContain('1 个 Pod，共重启 1 次');
  });

  it('states the pods at a time', () => {
    expect(statusAt(tl([pod()]), 1000)).toBe('1 秒时：nginx ContainerCreating，未就绪，重启 0 次');
    expect(statusAt(tl([pod()]), 80000)).toBe('80 秒时：nginx Running，已就绪，重启 1 次');
    expect(statusAt(tl([pod({ createdMs: 5000 })]), 1000)).toBe('1 秒时：没有 Pod');
  });
});

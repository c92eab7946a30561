/**
 * What a playground shows after Run: the rejection (when the API server refuses the manifest),
 * or the timeline picture, the time scrubber, the kubectl views at the chosen time, and the
 * terminal. Loaded with the first Run; talks to the page's shared engine worker.
 */
import type { Response } from '../../../playground-engine/src/protocol';
import type { Timeline } from '../../../playground-engine/src/trace';
import type { Diagnostic } from '../../../playground-engine/src/types';
import { el } from './dom';
import { engine } from './engine';
import { EngineUnavailableError, type RestartInfo } from './engine-client';
import { secondsLabel } from './format';
import { Scrubber } from './scrubber';
import { SessionLog } from './session-log';
import { PROMPT, Terminal, type EditRound } from './terminal';
import { statusAt } from './timeline-text';
import { TimelineView } from './timeline-svg';
import { PacketView, TrafficView } from './traffic-view';
import { ViewsPanel, type ViewOutput } from './views';

export interface ResultsHost {
  id: string;
  /** The playground's <section>. */
  root: HTMLElement;
  /** Where the results go. */
  container: HTMLElement;
  commands: string[];
  getText(): string;
  status(text: string, kind?: 'info' | 'busy' | 'error' | 'ok'): void;
  showDiagnostics(diagnostics: Diagnostic[]): void;
  /** The chosen virtual time changed (for share links). */
  onTime(ms: number): void;
}

type Ran = Extract<Response, { type: 'ran' }>;
type ProxyMode = Ran['proxyMode'];

/** A run "has Services" when some pod is in a Service's endpoints or kube-proxy carried traffic. */
export function runHasServices(r: Pick<Ran, 'timeline' | 'traffic' | 'packetPaths'>): boolean {
  return (r.traffic?.length ?? 0) > 0 || (r.packetPaths?.length ?? 0) > 0 || r.timeline.pods.some((p) => p.endpoints.length > 0);
}

/** Start the page's engine worker ahead of the first request (the Run button is being pressed). */
export function warmEngine(): void {
  engine().warm();
}

const RESTART_TEXT = {
  retrying: '模拟引擎没有响应，已重新启动引擎，正在重试……',
  gaveUp: '模拟引擎再次没有响应，这次运行已被停止；引擎已重新启动，可以再次运行。编辑器中的 YAML 没有改动。',
};

/** `?pg-test-max-tasks=N` in the page URL lowers the engine's task cap (browser tests of a cut run). */
function testMaxTasks(): number | undefined {
  try {
    const n = Number(new URLSearchParams(location.search).get('pg-test-max-tasks'));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** `?pg-test-max-records=N` lowers the cap on the run's record (browser tests of a `memory` cut). */
function testMaxRecords(): number | undefined {
  try {
    const n = Number(new URLSearchParams(location.search).get('pg-test-max-records'));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** The limits a run can be cut by (RunCut.limit), in the reader's words. */
const CUT_LIMIT: Record<string, string> = {
  tasks: '引擎任务数上限',
  wall: '单次运行的时间预算',
  memory: '记录大小上限',
  internal: '模拟器内部错误',
};

/** The banner over the results of a run that a limit cut short (the results up to it stay usable). */
export function cutBanner(cut: NonNullable<Ran['cut']>): HTMLElement {
  const what = CUT_LIMIT[cut.limit] ?? `上限（${cut.limit}）`;
  return el('div', { class: 'pg-cut', role: 'status', 'data-pg-cut-limit': cut.limit }, [
    el('strong', {}, `运行在虚拟时间 ${secondsLabel(cut.atMs)} 处被截断：触及${what}。`),
    ` 此前的时间线、kubectl 视图和终端都照常可用；之后的时间没有模拟。`,
    cut.message ? el('code', { class: 'pg-cut-msg' }, cut.message) : null,
  ]);
}

/** The status line's head for a cut run: where, by which limit, and what had been asked. */
export function cutStatus(cut: NonNullable<Ran['cut']>): string {
  const what = CUT_LIMIT[cut.limit] ?? `上限（${cut.limit}）`;
  const asked = cut.untilMs !== undefined && cut.untilMs > cut.atMs ? `（请求模拟到 ${secondsLabel(cut.untilMs)}）` : '';
  return `模拟在虚拟 ${secondsLabel(cut.atMs)} 处被截断：触及${what}${asked}`;
}

export class Results {
  private readonly rejection: HTMLElement;
  private readonly runView: HTMLElement;
  private readonly timeline: TimelineView;
  private readonly scrubber: Scrubber;
  private readonly views: ViewsPanel;
  private readonly terminal: Terminal;
  private readonly session = new SessionLog();
  private readonly traffic: TrafficView;
  private readonly modeSwitch: HTMLElement;
  private readonly curlPackets = new PacketView('终端里 curl 的数据包路径');
  /** The kube-proxy mode the reader chose with the switch (a request option; the text is not rewritten). */
  private proxyMode: ProxyMode | undefined;
  private current: { text: string; runId: string; ran: Ran } | null = null;
  private timeMs = 0;
  private timeChosen = false;
  private runCount = 0;
  private attempts = 0;
  /** A run started ahead of the click (the playground came into view), for the same text. */
  private ahead: { text: string; mode?: ProxyMode; response: Promise<Response>; onRestart?: (info: RestartInfo) => void } | null = null;

  constructor(private readonly host: ResultsHost) {
    const id = host.id;
    this.rejection = el('pre', { class: 'pg-rejection', hidden: true });
    this.timeline = new TimelineView(id, (ms) => this.scrubber.set(ms));
    this.scrubber = new Scrubber(id, (ms) => this.onTime(ms));
    this.views = new ViewsPanel(id, (commands, atMs) => this.fetchViews(commands, atMs));
    this.terminal = new Terminal({ idPrefix: id, chips: host.commands, run: (line, round) => this.runCommand(line, round) });
    this.traffic = new TrafficView(id, (ms) => this.scrubber.set(ms));
    this.modeSwitch = this.buildModeSwitch(id);
    this.runView = el('div', { class: 'pg-run-view', hidden: true }, [
      this.modeSwitch,
      this.traffic.root,
      el('p', { class: 'pg-section-title' }, '时间线'),
      this.timeline.root,
      this.scrubber.root,
      this.scrubber.summary,
      el('p', { class: 'pg-section-title' }, '此刻的 kubectl 视图'),
      this.views.root,
    ]);
    host.container.replaceChildren(this.rejection, this.runView, this.terminal.root, this.curlPackets.root);
  }

  private buildModeSwitch(id: string): HTMLElement {
    const name = `${id}-proxy-mode`;
    const options = (['ipvs', 'iptables'] as const).map((mode) => {
      const input = el('input', { type: 'radio', name, value: mode, id: `${name}-${mode}` });
      input.addEventListener('change', () => {
        if (!input.checked) return;
        this.proxyMode = mode;
        void this.run();
      });
      return el('label', { class: 'pg-mode-opt', for: input.id }, [input, mode]);
    });
    return el('fieldset', { class: 'pg-mode', 'data-pg-proxy-mode': '', hidden: true }, [
      el('legend', {}, 'kube-proxy 模式'),
      ...options,
      el('span', { class: 'pg-mode-note' }, '切换后重新运行（不改动你的 YAML）'),
    ]);
  }

  private showMode(r: Ran): void {
    this.modeSwitch.hidden = !runHasServices(r);
    this.modeSwitch.dataset.mode = r.proxyMode;
    for (const input of this.modeSwitch.querySelectorAll<HTMLInputElement>('input')) input.checked = input.value === r.proxyMode;
  }

  /** The chosen virtual time, ms. */
  get time(): number {
    return this.timeMs;
  }

  private restartNotice = (info: RestartInfo) => {
    this.host.status(info.retrying ? RESTART_TEXT.retrying : RESTART_TEXT.gaveUp, info.retrying ? 'busy' : 'error');
  };

  /**
   * Simulate the text ahead of the reader's first Run (the playground came near the viewport or
   * the pointer neared 运行): a Run of the same text then only draws. Nothing is shown until then.
   */
  runAhead(text: string): void {
    if (this.ahead || this.runCount > 0) return;
    const maxTasks = testMaxTasks();
    const maxRecords = testMaxRecords();
    const mode = this.modeOption();
    const ahead: NonNullable<Results['ahead']> = {
      text,
      mode: mode.proxyMode,
      response: engine().request({ type: 'run', text, ...mode, ...(maxTasks ? { maxTasks } : {}), ...(maxRecords ? { maxRecords } : {}) }, { onRestart: (info) => ahead.onRestart?.(info) }),
    };
    // For the benchmark and tests: the result is waiting for the click.
    ahead.response.then(() => (this.host.root.dataset.pgAhead = 'ready')).catch(() => undefined);
    this.ahead = ahead;
  }

  /** Simulate the playground's text; `atSec` picks the virtual time to show afterwards. */
  async run(opts: { atSec?: number } = {}): Promise<void> {
    const text = this.host.getText();
    const root = this.host.root;
    const attempt = ++this.attempts;
    try {
      await this.runText(text, opts);
    } finally {
      root.dataset.pgRuns = String(attempt);
    }
  }

  private async runText(text: string, opts: { atSec?: number }): Promise<void> {
    const root = this.host.root;
    const started = performance.now();
    root.dataset.pgState = 'running';
    this.host.status('正在模拟……', 'busy');
    let restarted = false;
    const onRestart = (info: RestartInfo) => {
      restarted = true;
      this.restartNotice(info);
    };
    let r: Response;
    const ahead = this.ahead;
    this.ahead = null;
    try {
      const maxTasks = testMaxTasks();
      const maxRecords = testMaxRecords();
      const mode = this.modeOption();
      if (ahead && ahead.text === text && ahead.mode === mode.proxyMode) {
        ahead.onRestart = onRestart;
        root.dataset.pgRanAhead = '1';
        r = await ahead.response;
      } else {
        delete root.dataset.pgRanAhead;
        r = await engine().request({ type: 'run', text, ...mode, ...(maxTasks ? { maxTasks } : {}), ...(maxRecords ? { maxRecords } : {}) }, { onRestart });
      }
    } catch (e) {
      root.dataset.pgState = 'failed';
      this.host.status(e instanceof EngineUnavailableError ? RESTART_TEXT.gaveUp : `模拟失败：${String(e)}`, 'error');
      return;
    }
    if (r.type !== 'ran') {
      root.dataset.pgState = 'failed';
      this.host.status(`模拟出错：${r.type === 'error' ? r.message : r.type}`, 'error');
      return;
    }
    this.runCount++;
    this.host.container.hidden = false;
    this.current = { text, runId: r.runId, ran: r };
    if (r.stats.wallMs !== undefined) root.dataset.pgEngineMs = String(Math.round(r.stats.wallMs));
    this.host.showDiagnostics(r.diagnostics);
    if (this.session.size || this.runCount > 1) this.terminal.print('—— 已重新运行：终端会话已重置 ——', 'pg-term-note');
    this.session.clear();
    this.terminal.setPrompt(PROMPT);
    this.printSteps(r);
    // The simulator's own hints (not kubectl output), each on its own styled line.
    for (const n of r.notices ?? []) this.terminal.print(`提示（模拟器）：${n.message}`, 'pg-term-hint');

    if (!r.accepted) {
      this.runView.hidden = true;
      this.rejection.hidden = false;
      this.rejection.replaceChildren(el('span', { class: 'pg-term-cmd' }, `${PROMPT} kubectl apply -f pod.yaml\n`), r.rejection ?? '');
      root.dataset.pgState = 'rejected';
      root.dataset.pgRunMs = String(Math.round(performance.now() - started));
      const first = (r.rejection ?? '').split('\n').find((l) => l.trim()) ?? '';
      this.host.status(`清单被拒绝（没有创建任何对象）：${first}`, 'error');
      return;
    }

    this.rejection.hidden = true;
    this.runView.hidden = false;
    this.runView.querySelector('.pg-cut')?.remove();
    if (r.cut) this.runView.prepend(cutBanner(r.cut));
    if (r.cut) root.dataset.pgCut = r.cut.limit;
    else delete root.dataset.pgCut;
    const tl: Timeline = r.timeline;
    this.timeline.render(tl, r.cut ? { atMs: r.cut.atMs, ...(r.cut.untilMs !== undefined ? { untilMs: r.cut.untilMs } : {}) } : undefined);
    this.showMode(r);
    this.curlPackets.clear();
    this.traffic.render({
      horizonMs: r.horizonMs,
      traffic: r.traffic ?? [],
      trafficSummary: r.trafficSummary ?? [],
      trafficFailures: r.trafficFailures ?? [],
      packetPaths: r.packetPaths ?? [],
    });
    this.views.reset(tl.pods.map((p) => ({ namespace: p.namespace, name: p.name })));
    // A cut run ends at the cut (= its horizon): the scrubber cannot go past it.
    this.scrubber.setHorizon(r.horizonMs, r.cut?.atMs);
    const at = opts.atSec !== undefined ? opts.atSec * 1000 : this.timeChosen ? this.timeMs : r.horizonMs;
    this.scrubber.set(Math.min(at, r.horizonMs));
    root.dataset.pgState = 'done';
    root.dataset.pgRunMs = String(Math.round(performance.now() - started));
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = r.diagnostics.length - errors;
    const notes = [errors && `${errors} 个错误`, warnings && `${warnings} 条提示`, restarted && '引擎曾无响应，已自动重启'].filter(Boolean).join('，');
    const head = r.cut ? cutStatus(r.cut) : `模拟完成：虚拟 ${secondsLabel(r.horizonMs)}`;
    this.host.status(
      `${head}，${tl.pods.length} 个 Pod${notes ? `，${notes}` : ''}（用时 ${Math.round(performance.now() - started)} 毫秒）。${statusAt(tl, this.timeMs)}`,
      r.cut ? 'info' : 'ok',
    );
  }

  private modeOption(): { proxyMode?: ProxyMode } {
    return this.proxyMode ? { proxyMode: this.proxyMode } : {};
  }

  /** Focus the terminal's input (after a share link or OpenInPlayground scrolled here). */
  focusTerminal(): void {
    this.terminal.focus();
  }

  private printSteps(r: Ran): void {
    if (!r.steps.length) return;
    this.terminal.print('# 模拟中按时间执行的命令：', 'pg-term-note');
    for (const s of r.steps) {
      this.terminal.echo(s.run, s.t);
      if (s.stdout) this.terminal.print(s.stdout);
      if (s.stderr) this.terminal.print(s.stderr, 'pg-term-err');
    }
  }

  private onTime(ms: number): void {
    this.timeMs = ms;
    this.timeChosen = this.runCount > 0;
    this.timeline.setCursor(ms);
    this.traffic.setCursor(ms);
    if (this.current) this.scrubber.summary.textContent = statusAt(this.current.ran.timeline, ms);
    void this.views.setTime(ms);
    this.host.onTime(ms);
  }

  /** Re-run the last text silently (the worker that held its trace was replaced). */
  private async rerun(): Promise<string | null> {
    if (!this.current) return null;
    const r = await engine().request({ type: 'run', text: this.current.text, ...this.modeOption() }, { onRestart: this.restartNotice });
    if (r.type !== 'ran') return null;
    this.current.runId = r.runId;
    return r.runId;
  }

  private async fetchViews(commands: string[], atMs: number): Promise<ViewOutput[]> {
    if (!this.current) return [];
    const ask = (runId: string) =>
      engine().request({ type: 'views', runId, atMs, commands }, { supersede: `views:${this.host.id}`, onRestart: this.restartNotice });
    let r = await ask(this.current.runId);
    if (r.type === 'error' && r.message.startsWith('unknown runId')) {
      const runId = await this.rerun();
      if (runId) r = await ask(runId);
    }
    if (r.type === 'views') return r.outputs;
    throw new Error(r.type === 'error' ? `视图出错：${r.message}` : '视图出错');
  }

  private async runCommand(line: string, round?: EditRound) {
    if (!this.current) throw new Error('请先运行清单。');
    // a `kubectl edit` round runs the line again at its first time, with the texts saved so far
    const atMs = round?.atMs ?? this.timeMs;
    const edits = round?.edits;
    const r = await engine().request(
      { type: 'command', text: this.current.text, atMs, line, ...(edits ? { edits } : {}), prior: this.session.priorFor(atMs), ...this.modeOption() },
      { onRestart: this.restartNotice },
    );
    if (r.type === 'output') {
      // the line joins the session once it is done (an open editor is not yet part of the cluster's story)
      if (!r.editing) this.session.record({ atMs, line, ...(edits ? { edits } : {}) });
      if (r.packets?.length) this.curlPackets.show(r.packets, `${PROMPT} ${line}`);
      // The run was cut before this time: the command ran at the cut (the simulator's note).
      if (r.ranAtMs !== undefined && r.cut) {
        this.terminal.print(`提示（模拟器）：运行在虚拟时间 ${secondsLabel(r.cut.atMs)} 处被截断，这条命令在 ${secondsLabel(r.ranAtMs)} 执行，而不是 ${secondsLabel(atMs)}。`, 'pg-term-hint');
      }
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, atMs, prompt: r.prompt, interrupted: r.interrupted, ...(r.notices?.length ? { notices: r.notices } : {}), ...(r.editing ? { editing: r.editing } : {}) };
    }
    throw new Error(r.type === 'error' ? r.message : '命令没有返回结果');
  }
}

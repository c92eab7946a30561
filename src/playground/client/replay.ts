/**
 * The console-block replay panel: runs a block of the notes (content/replay/blocks.ts) through
 * the page's engine worker and shows each command's simulated output under the notes' block,
 * with a one-line note where values legitimately differ and the shape check's verdict.
 */
import { replayBlocks } from '../../../content/replay/blocks';
import { replayBlock, type ReplayEngine } from '../../../content/replay/run';
import { el } from './dom';
import { engine } from './engine';

const workerEngine: ReplayEngine = {
  async setup({ text, fileName, proxyMode }) {
    const r = await engine().request({ type: 'run', text, fileName, proxyMode, untilMs: 0 });
    if (r.type === 'error') return { stdout: '', stderr: r.message + '\n', exitCode: 1 };
    if (r.type !== 'ran') return { stdout: '', stderr: '', exitCode: 1 };
    const step = r.steps[0];
    return step ? { stdout: step.stdout, stderr: step.stderr, exitCode: step.exitCode } : { stdout: '', stderr: r.rejection ?? '', exitCode: r.accepted ? 0 : 1 };
  },
  async command({ text, fileName, proxyMode, prior, atMs, line }) {
    const r = await engine().request({ type: 'command', text, fileName, proxyMode, prior, atMs, line });
    if (r.type === 'output') return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    return { stdout: '', stderr: (r.type === 'error' ? r.message : 'no answer from the simulator') + '\n', exitCode: 1 };
  },
};

const fmtTime = (ms: number) => {
  const s = ms / 1000;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  const r = Math.round((s - m * 60) * 10) / 10;
  return r ? `${m}m${r}s` : `${m}m`;
};

const running = new WeakSet<HTMLElement>();

/** The simulated output; the lines that matched the notes' lines are marked. */
function outputPre(text: string, matched: number[]): HTMLPreElement {
  if (!text) return el('pre', { class: 'rp-pre', tabindex: 0 }, '（无输出）');
  const hit = new Set(matched);
  const lines = text.replace(/\n$/, '').split('\n');
  return el(
    'pre',
    { class: 'rp-pre', tabindex: 0 },
    lines.map((l, i) => el('span', { class: hit.has(i) ? 'rp-hit' : undefined }, l + '\n')),
  );
}

/** Scroll each output so its first line that matched the notes is in view. */
function showMatches(out: HTMLElement): void {
  for (const pre of out.querySelectorAll<HTMLElement>('.rp-pre')) {
    const first = pre.querySelector<HTMLElement>('.rp-hit');
    if (first) pre.scrollTop = Math.max(0, first.offsetTop - 24); // offsetParent: the pre (position: relative)
  }
}

export async function toggleReplay(root: HTMLElement, btn: HTMLButtonElement): Promise<void> {
  const out = root.querySelector<HTMLElement>('.rp-out');
  if (!out || running.has(root)) return;
  if (btn.getAttribute('aria-expanded') === 'true') {
    out.hidden = true;
    btn.setAttribute('aria-expanded', 'false');
    return;
  }
  btn.setAttribute('aria-expanded', 'true');
  out.hidden = false;
  if (out.dataset.done) return;
  const block = replayBlocks.find((b) => b.id === root.dataset.replay);
  if (!block) return;
  running.add(root);
  out.replaceChildren(el('p', { class: 'rp-status', role: 'status' }, '正在模拟集群中重现……'));
  const setup: string[] = [];
  setup.push(block.manifest ? `创建 ${block.fileName}（kubectl create -f ${block.fileName}，t = 0）` : '笔记中的集群，无额外清单');
  for (const e of block.edits ?? []) setup.push(`清单改动：${e.from} → ${e.to}`);
  for (const a of block.actions ?? []) setup.push(`先执行（${fmtTime(a.atMs)}）：${a.line}`);
  setup.push(`kube-proxy：${block.proxyMode}`);
  try {
    const results = await replayBlock(block, workerEngine);
    const items = results.map((r) => {
      const c = r.command;
      const text = r.output.stdout + r.output.stderr;
      return el('li', { class: 'rp-cmd' }, [
        el('div', { class: 'rp-line' }, [
          el('span', { class: 'rp-at' }, `t=${fmtTime(c.atMs)}`),
          el('code', {}, `${c.prompt}${c.line}`),
        ]),
        r.ran !== c.line && !c.setup ? el('p', { class: 'rp-ran' }, ['实际运行：', el('code', {}, c.inside ? `（容器内）${c.run ?? c.line}` : r.ran)]) : null,
        c.setup ? el('p', { class: 'rp-ran' }, '由模拟器在 t = 0 创建文件时执行') : null,
        outputPre(text, r.verdict.matched ?? []),
        r.verdict.ok
          ? el('p', { class: 'rp-ok' }, '✓ 与笔记的输出形状一致（列、表头、措辞相同；高亮的是笔记中出现的行）')
          : el('p', { class: 'rp-bad' }, [`✗ 与笔记不一致${c.pending ? '（模拟器尚未支持，正在完善）' : ''}：`, el('code', {}, r.verdict.reason ?? '')]),
        c.differs ? el('p', { class: 'rp-note' }, `说明：${c.differs}`) : null,
      ]);
    });
    out.replaceChildren(el('p', { class: 'rp-setup' }, `重现：${setup.join('；')}`), el('ol', { class: 'rp-list' }, items));
    out.dataset.done = '1';
    showMatches(out);
  } catch {
    out.replaceChildren(el('p', { class: 'rp-bad', role: 'alert' }, '模拟器没有响应，请稍后再试。'));
  } finally {
    running.delete(root);
  }
}

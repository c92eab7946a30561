/**
 * Draws the timeline layout as SVG (colours come from CSS variables, so both themes work), keeps
 * a cursor at the chosen virtual time, and gives a text alternative next to the picture.
 * All text from the reader's YAML goes in through textContent.
 */
import type { Timeline } from '../../../playground-engine/src/trace';
import { el, onWidthChange } from './dom';
import { layoutTimeline, type TimelineLayout } from './timeline-layout';
import { describeTimeline, summarizeTimeline } from './timeline-text';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function withTitle<T extends SVGElement>(node: T, title: string): T {
  node.appendChild(svg('title', {}, title));
  return node;
}

const round = (n: number) => Math.round(n * 10) / 10;

export class TimelineView {
  readonly root: HTMLElement;
  private readonly figure: HTMLElement;
  private readonly textList: HTMLElement;
  private timeline: Timeline | null = null;
  private layout: TimelineLayout | null = null;
  private cursor: SVGLineElement | null = null;
  private cursorMs = 0;
  private lastWidth = 0;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly idPrefix: string,
    private readonly onSeek: (ms: number) => void,
  ) {
    this.figure = el('div', { class: 'pg-timeline-svg' });
    this.textList = el('ul', { class: 'pg-timeline-text' });
    const details = el('details', { class: 'pg-timeline-alt' }, [el('summary', {}, '时间线的文字说明'), this.textList]);
    const legend = el('ul', { class: 'pg-legend', 'aria-hidden': 'true' }, [
      ...[
        ['st-waiting', '等待'],
        ['st-running', '运行'],
        ['st-terminated', '已终止'],
        ['ready-true', '就绪'],
        ['ep-ready', '在端点中'],
      ].map(([cls, text]) => el('li', {}, [el('span', { class: `sw ${cls}` }), text])),
      el('li', {}, [el('span', { class: 'sw tick probe-success' }), '探针成功']),
      el('li', {}, [el('span', { class: 'sw tick probe-failure' }), '探针失败']),
      el('li', {}, [el('span', { class: 'sw restart' }), '重启']),
    ]);
    this.root = el('figure', { class: 'pg-timeline' }, [this.figure, legend, details]);
    this.observer = onWidthChange(this.figure, () => (this.timeline ? this.lastWidth : undefined), () => this.draw());
  }

  private cut: { atMs: number; untilMs?: number } | undefined;

  /** Draw a timeline; `cut`: the run ended there, cut by a limit (drawn as the end, the rest hatched). */
  render(tl: Timeline, cut?: { atMs: number; untilMs?: number }): void {
    this.timeline = tl;
    this.cut = cut;
    this.draw();
    this.textList.replaceChildren(...describeTimeline(tl).map((line) => el('li', {}, line)));
  }

  setCursor(ms: number): void {
    this.cursorMs = ms;
    if (!this.cursor || !this.layout) return;
    const { plot, horizonMs } = this.layout;
    const x = round(plot.x0 + (Math.min(Math.max(ms, 0), horizonMs) / horizonMs) * (plot.x1 - plot.x0));
    this.cursor.setAttribute('x1', String(x));
    this.cursor.setAttribute('x2', String(x));
  }

  private draw(): void {
    const tl = this.timeline;
    if (!tl) return;
    const width = this.figure.clientWidth || 640;
    this.lastWidth = width;
    const L = layoutTimeline(tl, { width, ...(this.cut ? { cut: this.cut } : {}) });
    this.layout = L;
    const titleId = `${this.idPrefix}-tl-title`;
    const descId = `${this.idPrefix}-tl-desc`;
    const root = svg('svg', {
      width: L.width,
      height: L.height,
      viewBox: `0 0 ${L.width} ${L.height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      class: 'pg-tl',
    });
    root.append(svg('title', { id: titleId }, '虚拟时间线'), svg('desc', { id: descId }, summarizeTimeline(tl)));

    const grid = svg('g', { class: 'grid' });
    for (const t of L.ticks) {
      grid.append(svg('line', { x1: round(t.x), x2: round(t.x), y1: L.plot.y0, y2: L.plot.y1, class: 'gridline' }));
      grid.append(svg('text', { x: round(t.x), y: L.plot.y1 + 14, 'text-anchor': 'middle', class: 'tick-label' }, t.label));
    }
    grid.append(svg('text', { x: L.plot.x1, y: L.plot.y1 + 25, 'text-anchor': 'end', class: 'axis-title' }, '虚拟时间（秒）'));
    root.append(grid);

    const labels = svg('g', { class: 'labels' });
    for (const l of L.labels) {
      const mid = l.y + l.h / 2;
      const g = l.full ? withTitle(svg('g'), l.full) : svg('g');
      if (l.sub) {
        g.append(svg('text', { x: 4, y: mid - 1, class: l.cls }, l.text));
        g.append(svg('text', { x: 4, y: mid + 10, class: 'lbl-sub' }, l.sub));
      } else {
        g.append(svg('text', { x: l.cls === 'lbl-probe' ? 14 : 4, y: mid + (l.cls === 'lbl-probe' ? 3 : 4), class: l.cls }, l.text));
      }
      labels.append(g);
    }
    root.append(labels);

    const boxes = svg('g', { class: 'boxes' });
    for (const b of L.boxes) {
      const g = withTitle(svg('g', { class: `box ${b.cls}` }), b.title);
      g.append(svg('rect', { x: round(b.x), y: round(b.y), width: round(b.w), height: b.h, rx: 2 }));
      if (b.label) g.append(svg('text', { x: round(b.x + 3), y: round(b.y + b.h / 2 + 4), class: 'box-label' }, b.label));
      boxes.append(g);
    }
    root.append(boxes);

    const marks = svg('g', { class: 'marks' });
    for (const m of L.marks) {
      if (m.cls === 'restart') {
        marks.append(withTitle(svg('path', { d: `M${round(m.x)} ${m.y + 1} l4 -0 l-4 6 l-4 -6 z`, class: 'restart' }), m.title));
      } else {
        marks.append(withTitle(svg('rect', { x: round(m.x - 0.75), y: m.y, width: 1.5, height: m.h, class: m.cls }), m.title));
      }
    }
    for (const line of L.lines) {
      marks.append(withTitle(svg('line', { x1: round(line.x), x2: round(line.x), y1: line.y, y2: line.y + line.h, class: line.cls }), line.title));
    }
    root.append(marks);

    if (L.cut) {
      // The end of a cut run: a line, the time after it hatched (not simulated), a label.
      const patternId = `${this.idPrefix}-tl-cut-hatch`;
      const pattern = svg('pattern', { id: patternId, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
      pattern.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'cut-hatch-line' }));
      const defs = svg('defs');
      defs.append(pattern);
      const g = withTitle(svg('g', { class: 'cut', 'data-pg-cut-at': L.cut.atMs }), L.cut.title);
      const cx = round(L.cut.x);
      g.append(
        svg('rect', { x: cx, y: L.plot.y0 - 4, width: Math.max(0, round(L.plot.x1 - cx)), height: L.plot.y1 - L.plot.y0 + 8, fill: `url(#${patternId})`, class: 'cut-area' }),
        svg('line', { x1: cx, x2: cx, y1: L.plot.y0 - 4, y2: L.plot.y1 + 4, class: 'cut-line' }),
        svg('text', { x: cx - 3, y: L.plot.y0 + 9, 'text-anchor': 'end', class: 'cut-label' }, L.cut.label),
      );
      root.append(defs, g);
    }

    this.cursor = svg('line', { y1: L.plot.y0 - 4, y2: L.plot.y1 + 4, class: 'cursor' });
    root.append(this.cursor);
    this.setCursor(this.cursorMs);

    // Clicking the plot moves the scrubber (the scrubber itself is the keyboard control).
    root.addEventListener('click', (e) => {
      const rect = root.getBoundingClientRect();
      const px = ((e.clientX - rect.left) / rect.width) * L.width;
      if (px < L.plot.x0 - 4 || px > L.plot.x1 + 4) return;
      this.onSeek(((px - L.plot.x0) / (L.plot.x1 - L.plot.x0)) * L.horizonMs);
    });
    this.figure.replaceChildren(root);
  }

  dispose(): void {
    this.observer?.disconnect();
  }
}

/**
 * The traffic chart under the timeline (one per traffic client): stacked bars per second,
 * successes per backend pod (old and new ReplicaSet in two colour families), failures per client
 * error text; the client's summary line; the list of failed seconds; and, on a click, the chain
 * of what led to a failure ("为什么失败") with its packet path. Everything is drawn from the
 * engine's trace data; nothing is recomputed here. Colours come from CSS variables (both themes).
 */
import type { PacketPath, TrafficBucket, TrafficFailure, TrafficSummary } from '../../../playground-engine/src/trace';
import { el, onWidthChange } from './dom';
import { seconds } from './format';
import { clientsOf, failuresInSecond, layoutTraffic, legendOf, summaryOf, summaryText, type TrafficLayout } from './traffic-layout';
import { explainLines, failureHeading, packetPathText, pathsInSecond } from './traffic-text';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const round = (n: number) => Math.round(n * 10) / 10;

export interface TrafficData {
  horizonMs: number;
  traffic: TrafficBucket[];
  trafficSummary: TrafficSummary[];
  trafficFailures: TrafficFailure[];
  packetPaths: PacketPath[];
}

/** The packet-path view: a traffic sample's path or a terminal curl's. */
export class PacketView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;

  constructor(heading = '数据包路径') {
    this.body = el('div', { class: 'pg-packet-body' });
    this.root = el('section', { class: 'pg-packet', 'data-pg-packet': '', hidden: true }, [el('p', { class: 'pg-section-title' }, heading), this.body]);
  }

  clear(): void {
    this.root.hidden = true;
    this.body.replaceChildren();
  }

  show(paths: PacketPath[], note?: string): void {
    if (!paths.length) {
      this.clear();
      return;
    }
    this.root.hidden = false;
    this.body.replaceChildren(...(note ? [el('p', { class: 'pg-packet-note' }, note)] : []), ...paths.slice(0, 3).map((p) => packetPathElement(p)));
  }
}

export function packetPathElement(p: PacketPath): HTMLElement {
  const text = packetPathText(p);
  return el('div', { class: 'pg-packet-path', 'data-mode': p.mode }, [
    el('p', { class: 'pg-packet-title' }, text.title),
    el(
      'ol',
      { class: 'pg-packet-steps' },
      text.sections.map((s) =>
        el('li', {}, [
          el('span', { class: 'pg-packet-heading' }, s.heading),
          el(
            'pre',
            { class: 'pg-packet-lines' },
            s.lines.map((line, i) => el('span', { class: i === s.chosen ? 'pg-packet-line chosen' : 'pg-packet-line' }, `${line}${i === s.chosen ? '    ← 选中' : ''}\n`)),
          ),
        ]),
      ),
    ),
  ]);
}

interface ClientChart {
  client: number;
  figure: HTMLElement;
  layout: TrafficLayout | null;
  cursor: SVGLineElement | null;
  selected: SVGRectElement | null;
  buckets: TrafficBucket[];
}

export class TrafficView {
  readonly root: HTMLElement;
  private readonly charts: HTMLElement;
  private readonly explain: HTMLElement;
  private readonly packets = new PacketView('这个请求的数据包路径');
  private data: TrafficData | null = null;
  private clients: ClientChart[] = [];
  private cursorMs = 0;
  private lastWidth = 0;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly idPrefix: string,
    private readonly onSeek: (ms: number) => void,
  ) {
    this.charts = el('div', { class: 'pg-traffic-charts' });
    this.explain = el('section', { class: 'pg-explain', 'data-pg-explain': '', hidden: true, 'aria-live': 'polite' });
    this.root = el('section', { class: 'pg-traffic', 'data-pg-traffic': '', hidden: true }, [
      el('p', { class: 'pg-section-title' }, '流量（每秒的请求）'),
      this.charts,
      this.explain,
      this.packets.root,
    ]);
    this.observer = onWidthChange(this.charts, () => (this.data ? this.lastWidth : undefined), () => this.drawAll());
  }

  render(data: TrafficData): void {
    this.data = data;
    this.explain.hidden = true;
    this.explain.replaceChildren();
    this.packets.clear();
    const clients = clientsOf(data.traffic, data.trafficSummary);
    this.root.hidden = clients.length === 0;
    this.clients = [];
    const blocks: HTMLElement[] = [];
    for (const { client, url } of clients) {
      const buckets = data.traffic.filter((b) => b.client === client);
      const s = summaryOf(client, data.traffic, data.trafficSummary);
      const figure = el('div', { class: 'pg-traffic-svg' });
      const chart: ClientChart = { client, figure, layout: null, cursor: null, selected: null, buckets };
      this.clients.push(chart);
      const failed = data.trafficFailures.filter((f) => f.client === client);
      blocks.push(
        el('figure', { class: 'pg-traffic-client', 'data-client': client }, [
          el('figcaption', {}, [
            el('span', { class: 'pg-traffic-url' }, `客户端 ${client + 1}：${url}`),
            el('span', { class: 'pg-traffic-summary', 'data-pg-traffic-summary': '', 'data-sent': s.sent, 'data-ok': s.ok, 'data-failed': s.failed }, summaryText(s)),
          ]),
          figure,
          el('ul', { class: 'pg-legend pg-traffic-legend' }),
          this.failureList(chart, failed, s.failed),
        ]),
      );
    }
    this.charts.replaceChildren(...blocks);
    this.drawAll();
  }

  setCursor(ms: number): void {
    this.cursorMs = ms;
    for (const c of this.clients) this.placeCursor(c);
  }

  private placeCursor(c: ClientChart): void {
    if (!c.cursor || !c.layout) return;
    const { plot, horizonMs } = c.layout;
    const x = round(plot.x0 + (Math.min(Math.max(this.cursorMs, 0), horizonMs) / horizonMs) * (plot.x1 - plot.x0));
    c.cursor.setAttribute('x1', String(x));
    c.cursor.setAttribute('x2', String(x));
  }

  private failureList(chart: ClientChart, failures: TrafficFailure[], failedCount: number): HTMLElement {
    if (failedCount === 0) return el('p', { class: 'pg-traffic-nofail' }, '这个客户端的请求一个也没有失败。');
    if (!failures.length) return el('p', { class: 'pg-traffic-noexplain' }, '这次运行没有记录失败请求的解释。');
    const seconds_ = new Map<number, TrafficFailure[]>();
    for (const f of failures) {
      const t = Math.floor(f.t / 1000) * 1000;
      seconds_.set(t, [...(seconds_.get(t) ?? []), f]);
    }
    const items = [...seconds_].sort((a, b) => a[0] - b[0]).map(([t, list]) => {
      const errors = new Map<string, number>();
      for (const f of list) errors.set(f.error, (errors.get(f.error) ?? 0) + 1);
      const label = `${seconds(t)} 秒：${[...errors].map(([e, n]) => `${e} ×${n}`).join('，')}`;
      const b = el('button', { type: 'button', class: 'pg-fail-second', 'data-t': t }, label);
      b.addEventListener('click', () => this.selectSecond(chart, t));
      return el('li', {}, b);
    });
    return el('details', { class: 'pg-fail-list', 'data-pg-failures': '' }, [
      el('summary', {}, `失败的请求（有解释的 ${failures.length} 个，按秒列出；点一秒看原因）`),
      el('ul', {}, items),
    ]);
  }

  /** Show why the requests of one second failed (or, for a good second, a sample packet path). */
  selectSecond(chart: ClientChart, t: number): void {
    const data = this.data;
    if (!data) return;
    this.onSeek(t + 500);
    this.markSelected(chart, t);
    const failures = failuresInSecond(data.trafficFailures, chart.client, t);
    const col = chart.layout?.columns.find((c) => c.t === t);
    if (!failures.length && col?.failed) {
      this.explain.hidden = false;
      this.explain.replaceChildren(
        el('p', { class: 'pg-section-title' }, `为什么失败？（${seconds(t)}–${seconds(t + 1000)} 秒）`),
        el('p', {}, `这一秒有 ${col.failed} 个请求失败，但这次运行没有记录它们的解释。`),
      );
      this.packets.show(pathsInSecond(data.packetPaths, t));
      return;
    }
    if (!failures.length) {
      this.explain.hidden = true;
      this.explain.replaceChildren();
      const paths = pathsInSecond(data.packetPaths, t);
      this.packets.show(paths, paths.length ? `${seconds(t)}–${seconds(t + 1000)} 秒之间一个请求的路径（引擎保留的样本）：` : undefined);
      return;
    }
    this.showFailure(failures, 0, t);
  }

  private showFailure(failures: TrafficFailure[], index: number, t: number): void {
    const f = failures[index];
    const nav = failures.length > 1
      ? el(
          'div',
          { class: 'pg-explain-nav' },
          failures.slice(0, 12).map((_, i) => {
            const b = el('button', { type: 'button', class: 'pg-btn pg-btn-small', 'aria-pressed': i === index ? 'true' : 'false' }, String(i + 1));
            b.addEventListener('click', () => this.showFailure(failures, i, t));
            return b;
          }),
        )
      : null;
    this.explain.hidden = false;
    this.explain.replaceChildren(
      el('p', { class: 'pg-section-title' }, `为什么失败？（${seconds(t)}–${seconds(t + 1000)} 秒，有解释的失败 ${failures.length} 个）`),
      ...(nav ? [nav] : []),
      el('p', { class: 'pg-explain-head', 'data-pg-explain-error': f.error }, failureHeading(f)),
      el(
        'ol',
        { class: 'pg-explain-steps' },
        explainLines(f).map((l) => el('li', {}, [el('span', { class: 'pg-explain-t' }, l.time), el('span', { class: 'pg-explain-c' }, l.component), el('span', { class: 'pg-explain-m' }, l.message)])),
      ),
    );
    if (f.path) this.packets.show([f.path]);
    else this.packets.clear();
  }

  private markSelected(chart: ClientChart, t: number): void {
    const L = chart.layout;
    if (!L || !chart.selected) return;
    const col = L.columns.find((c) => c.t === t);
    if (!col) return;
    chart.selected.setAttribute('x', String(round(col.x - 1)));
    chart.selected.setAttribute('width', String(round(col.w + 2)));
    chart.selected.removeAttribute('visibility');
  }

  private drawAll(): void {
    const width = this.charts.clientWidth || 640;
    this.lastWidth = width;
    for (const c of this.clients) this.draw(c, width);
  }

  private draw(c: ClientChart, width: number): void {
    const data = this.data;
    if (!data) return;
    const L = layoutTraffic(c.buckets, data.horizonMs, width);
    c.layout = L;
    const titleId = `${this.idPrefix}-traffic-${c.client}-title`;
    const root = svg('svg', { width: L.width, height: L.height, viewBox: `0 0 ${L.width} ${L.height}`, role: 'img', 'aria-labelledby': titleId, class: 'pg-tr' });
    const s = summaryOf(c.client, data.traffic, data.trafficSummary);
    root.append(svg('title', { id: titleId }, `每秒请求数：${summaryText(s)}`));
    const grid = svg('g', { class: 'grid' });
    for (const t of L.ticks) {
      grid.append(svg('line', { x1: round(t.x), x2: round(t.x), y1: L.plot.y0, y2: L.plot.y1, class: 'gridline' }));
      grid.append(svg('text', { x: round(t.x), y: L.plot.y1 + 14, 'text-anchor': 'middle', class: 'tick-label' }, t.label));
    }
    grid.append(svg('line', { x1: L.plot.x0, x2: L.plot.x1, y1: L.plot.y1, y2: L.plot.y1, class: 'baseline' }));
    grid.append(svg('text', { x: L.plot.x0 - 6, y: L.plot.y0 + 8, 'text-anchor': 'end', class: 'tick-label' }, String(L.maxPerSecond)));
    grid.append(svg('text', { x: L.plot.x0 - 6, y: L.plot.y1, 'text-anchor': 'end', class: 'tick-label' }, '0'));
    grid.append(svg('text', { x: 4, y: L.plot.y0 + (L.plot.y1 - L.plot.y0) / 2, class: 'lbl-pod' }, '请求/秒'));
    root.append(grid);
    const bars = svg('g', { class: 'bars' });
    for (const seg of L.segments) {
      const r = svg('rect', { x: round(seg.x), y: round(seg.y), width: round(seg.w), height: Math.max(0.5, round(seg.h)), class: `seg ${seg.cls}` });
      r.append(svg('title', {}, seg.title));
      bars.append(r);
    }
    root.append(bars);
    const hits = svg('g', { class: 'hits' });
    for (const col of L.columns) {
      const r = svg('rect', { x: round(col.x), y: L.plot.y0, width: Math.max(2, round(col.w)), height: L.plot.y1 - L.plot.y0, class: col.failed ? 'hit failed' : 'hit', 'data-t': col.t });
      r.append(svg('title', {}, `${seconds(col.t)} 秒：成功 ${col.ok}，失败 ${col.failed}${col.failed ? '（点击查看原因）' : ''}`));
      r.addEventListener('click', (e) => {
        e.stopPropagation();
        this.selectSecond(c, col.t);
      });
      hits.append(r);
    }
    c.selected = svg('rect', { x: 0, y: L.plot.y0 - 3, width: 0, height: L.plot.y1 - L.plot.y0 + 6, class: 'selected', visibility: 'hidden' });
    root.append(c.selected, hits);
    c.cursor = svg('line', { y1: L.plot.y0 - 4, y2: L.plot.y1 + 4, class: 'cursor' });
    root.append(c.cursor);
    this.placeCursor(c);
    c.figure.replaceChildren(root);
    const legend = c.figure.parentElement?.querySelector('.pg-traffic-legend');
    legend?.replaceChildren(
      ...legendOf(L.series).map((l) => el('li', { title: l.title }, [...l.classes.map((cls) => el('span', { class: `sw tr ${cls}` })), l.text])),
    );
  }

  dispose(): void {
    this.observer?.disconnect();
  }
}

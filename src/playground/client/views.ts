/**
 * The kubectl views at the chosen virtual time: `get pods -o wide`, the `get pods -w` stream up
 * to that time, and `describe pod` with its Events. Fetched from the worker (`views` request)
 * and cached per time.
 */
import { el } from './dom';
import { PROMPT } from './terminal';

export interface PodRef {
  namespace: string;
  name: string;
}

export interface ViewOutput {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

type Tab = 'wide' | 'watch' | 'describe' | 'events' | 'flow';

/** The engine's view of what each component did (see COMPONENT_LOG_VIEW in the engine). */
const FLOW_VIEW = 'component-log';

/** The commands behind the views (all namespaces only when a pod lives outside `default`). */
export function viewCommands(pods: PodRef[], describe?: PodRef): Record<Tab, string | undefined> {
  const all = pods.some((p) => p.namespace !== 'default') ? ' -A' : '';
  return {
    wide: `kubectl get pods${all} -o wide`,
    watch: `kubectl get pods${all} -w`,
    describe: describe ? `kubectl describe pod ${describe.name}${describe.namespace !== 'default' ? ` -n ${describe.namespace}` : ''}` : undefined,
    events: `kubectl get events${all}`,
    flow: FLOW_VIEW,
  };
}

/** A small least-recently-used cache. */
export class Lru<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  clear(): void {
    this.map.clear();
  }
}

const TABS: Array<{ tab: Tab; label: string }> = [
  { tab: 'wide', label: 'get pods -o wide' },
  { tab: 'watch', label: 'get pods -w' },
  { tab: 'describe', label: 'describe pod' },
  { tab: 'events', label: 'get events' },
  { tab: 'flow', label: '组件日志' },
];

export class ViewsPanel {
  readonly root: HTMLElement;
  private readonly out: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly selectWrap: HTMLElement;
  private readonly tabButtons: HTMLButtonElement[];
  private tab: Tab = 'wide';
  private pods: PodRef[] = [];
  private describeIndex = 0;
  private atMs = 0;
  private cache = new Lru<ViewOutput[]>(240);
  private generation = 0;

  constructor(
    private readonly idPrefix: string,
    private readonly fetch: (commands: string[], atMs: number) => Promise<ViewOutput[]>,
  ) {
    this.tabButtons = TABS.map(({ tab, label }, i) => {
      const b = el('button', { type: 'button', role: 'tab', class: 'pg-tab', id: `${idPrefix}-tab-${tab}`, 'aria-controls': `${idPrefix}-view`, 'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? 0 : -1 }, label);
      b.addEventListener('click', () => this.selectTab(tab));
      b.addEventListener('keydown', (e) => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d) return;
        e.preventDefault();
        const next = TABS[(i + d + TABS.length) % TABS.length].tab;
        this.selectTab(next);
        this.tabButtons[TABS.findIndex((t) => t.tab === next)].focus();
      });
      return b;
    });
    this.select = el('select', { class: 'pg-pod-select', id: `${idPrefix}-pod` });
    this.select.addEventListener('change', () => {
      this.describeIndex = this.select.selectedIndex;
      void this.refresh();
    });
    this.selectWrap = el('label', { class: 'pg-pod-pick', hidden: true }, ['Pod ', this.select]);
    this.out = el('pre', { class: 'pg-view-out', id: `${idPrefix}-view`, role: 'tabpanel', tabindex: 0, 'aria-labelledby': `${idPrefix}-tab-wide` });
    this.root = el('div', { class: 'pg-views' }, [
      el('div', { class: 'pg-views-head' }, [el('div', { class: 'pg-tabs', role: 'tablist', 'aria-label': 'kubectl 视图' }, this.tabButtons), this.selectWrap]),
      this.out,
    ]);
  }

  /** New run: new pods, empty cache. */
  reset(pods: PodRef[]): void {
    this.pods = pods;
    this.cache.clear();
    this.generation++;
    this.describeIndex = Math.min(this.describeIndex, Math.max(0, pods.length - 1));
    this.select.replaceChildren(...pods.map((p) => el('option', {}, p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`)));
    this.select.selectedIndex = this.describeIndex;
    this.updateSelectVisibility();
  }

  setTime(atMs: number): Promise<void> {
    this.atMs = atMs;
    return this.refresh();
  }

  private selectTab(tab: Tab): void {
    this.tab = tab;
    this.tabButtons.forEach((b, i) => {
      const on = TABS[i].tab === tab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
    });
    this.out.setAttribute('aria-labelledby', `${this.idPrefix}-tab-${tab}`);
    this.updateSelectVisibility();
    void this.refresh();
  }

  private updateSelectVisibility(): void {
    this.selectWrap.hidden = !(this.tab === 'describe' && this.pods.length > 1);
  }

  private async refresh(): Promise<void> {
    const commands = viewCommands(this.pods, this.pods[this.describeIndex]);
    const command = commands[this.tab];
    if (!command) {
      this.show(null, '（没有 Pod 可以描述）');
      return;
    }
    const all = [commands.wide!, commands.watch!, commands.events!, commands.flow!, ...(commands.describe ? [commands.describe] : [])];
    const key = `${this.atMs}|${all.join('|')}`;
    let outputs = this.cache.get(key);
    if (!outputs) {
      const generation = this.generation;
      const atMs = this.atMs;
      try {
        outputs = await this.fetch(all, atMs);
      } catch (e) {
        if ((e as Error)?.name === 'SupersededError') return;
        this.show(command, e instanceof Error ? e.message : String(e));
        return;
      }
      if (generation !== this.generation) return;
      this.cache.set(`${atMs}|${all.join('|')}`, outputs);
      if (atMs !== this.atMs) return;
    }
    const o = outputs.find((x) => x.command === command) ?? outputs[all.indexOf(command)];
    if (o) this.show(command, `${o.stdout}${o.stderr}`);
  }

  private show(command: string | null, text: string): void {
    if (command === FLOW_VIEW) {
      this.out.replaceChildren(el('span', { class: 'pg-term-cmd' }, '# 组件日志：kubectl → kube-apiserver → etcd → kube-scheduler → kubelet …，各组件在何时做了什么\n'), text);
      return;
    }
    this.out.replaceChildren(...(command ? [el('span', { class: 'pg-term-cmd' }, `${PROMPT} ${command}\n`)] : []), text);
  }
}

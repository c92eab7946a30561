/**
 * One playground on the page: its text (original manifest, restored edit, shared or opened
 * text), the static highlighted view, the editor once the reader starts editing, autosave,
 * notices, diagnostics, and the buttons. Results, the editor and the share codec are loaded on
 * demand, so this module is all a chapter loads up front.
 */
import type { Diagnostic } from '../../../playground-engine/src/types';
import { openEditor, prefersPlainEditor, prefetchEditor } from '../editor/load';
import type { EditorHandle } from '../editor/types';
import { el } from './dom';
import type { EditStore } from './storage';
import type { Results } from './results';

type StatusKind = 'info' | 'busy' | 'error' | 'ok';

interface NoticeAction {
  label: string;
  run(): void;
}

const AUTOSAVE_MS = 300;

function q<T extends Element>(root: Element, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`playground markup is missing ${selector}`);
  return found;
}

export class Playground {
  readonly id: string;
  readonly manifest: string;
  readonly commands: string[];
  private text: string;
  private editor: EditorHandle | null = null;
  private editorLoading: Promise<EditorHandle | null> | null = null;
  private results: Results | null = null;
  private resultsLoading: Promise<Results | null> | null = null;
  private diagnostics: Diagnostic[] = [];
  private timeMs: number | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly originalCode: HTMLElement;
  private readonly codeBox: HTMLElement;
  private readonly editorBox: HTMLElement;
  private readonly noticeBox: HTMLElement;
  private readonly diagBox: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly resultsBox: HTMLElement;
  private readonly savedHint: HTMLElement;

  constructor(
    readonly root: HTMLElement,
    private readonly store: EditStore,
  ) {
    this.id = root.id;
    this.manifest = root.dataset.manifest ?? '';
    try {
      const c = JSON.parse(root.dataset.commands ?? '[]');
      this.commands = Array.isArray(c) ? c.map(String) : [];
    } catch {
      this.commands = [];
    }
    this.text = this.manifest;
    this.codeBox = q(root, '[data-pg-code]');
    this.originalCode = q(this.codeBox, 'pre');
    this.editorBox = q(root, '[data-pg-editor]');
    this.noticeBox = q(root, '[data-pg-notice]');
    this.diagBox = q(root, '[data-pg-diags]');
    this.statusLine = q(root, '[data-pg-status]');
    this.resultsBox = q(root, '[data-pg-results]');
    this.savedHint = q(root, '[data-pg-saved]');
    this.wire();
    this.restoreSaved();
  }

  // --- wiring ------------------------------------------------------------------------------

  private wire(): void {
    const on = (act: string, fn: () => void) => this.root.querySelector(`[data-pg-act="${act}"]`)?.addEventListener('click', fn);
    on('run', () => void this.run());
    on('edit', () => void this.openEditor());
    on('reset', () => this.reset());
    on('share', () => void this.share());
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.run();
      }
    });
    // The engine worker starts (and the results code loads) before the first Run: when the
    // playground comes near the viewport, the pointer nears 运行, focus enters the playground,
    // or 运行 is pressed. None of it is in the chapter's first load.
    const warm = () => this.warmUp();
    const runButton = this.root.querySelector('[data-pg-act="run"]');
    runButton?.addEventListener('pointerdown', warm);
    this.root.querySelector('.pg-toolbar')?.addEventListener('pointerenter', warm);
    this.root.addEventListener('focusin', warm);
    if (typeof IntersectionObserver === 'function') {
      const seen = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          seen.disconnect();
          warm();
        },
        { rootMargin: '300px 0px' },
      );
      seen.observe(this.root);
    }
    // The editor's download starts as the pointer goes down; the click then opens the editor.
    const prefetch = (e: PointerEvent) => {
      if (e.button === 0 && !this.editor && !this.editorLoading) prefetchEditor();
    };
    this.codeBox.addEventListener('pointerdown', prefetch);
    this.root.querySelector('[data-pg-act="edit"]')?.addEventListener('pointerdown', prefetch as EventListener);
    // Clicking into the text (or Enter on it) starts editing at that line.
    this.codeBox.addEventListener('click', (e) => {
      if (window.getSelection()?.toString()) return; // the reader is selecting text to copy
      void this.openEditor(this.lineAt(e.target), this.offsetAt(e));
    });
    this.codeBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        void this.openEditor();
      }
    });
  }

  /** The text offset under a click on the static code (undefined when it cannot be told). */
  private offsetAt(e: MouseEvent): number | undefined {
    const pre = this.codeBox.querySelector('pre');
    if (!pre) return undefined;
    let node: Node | null = null;
    let at = 0;
    const doc = document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null };
    if (doc.caretPositionFromPoint) {
      const p = doc.caretPositionFromPoint(e.clientX, e.clientY);
      if (p) [node, at] = [p.offsetNode, p.offset];
    } else if (document.caretRangeFromPoint) {
      const r = document.caretRangeFromPoint(e.clientX, e.clientY);
      if (r) [node, at] = [r.startContainer, r.startOffset];
    }
    if (!node || !pre.contains(node)) return undefined;
    const range = document.createRange();
    range.setStart(pre, 0);
    range.setEnd(node, at);
    const before = range.toString();
    return this.text.startsWith(before) ? before.length : undefined;
  }

  private lineAt(target: EventTarget | null): number | undefined {
    const line = target instanceof Element ? target.closest('.line') : null;
    if (!line) return undefined;
    const lines = [...this.codeBox.querySelectorAll('.line')];
    const i = lines.indexOf(line);
    return i >= 0 ? i + 1 : undefined;
  }

  // --- text --------------------------------------------------------------------------------

  getText(): string {
    return this.editor ? this.editor.getValue() : this.text;
  }

  /** Replace the text everywhere (editor or static view); `save` also autosaves it. */
  private setText(text: string, save: boolean): void {
    this.text = text;
    if (this.editor) this.editor.setValue(text);
    else this.renderStatic();
    if (save) this.saveNow();
    this.updateSavedHint();
  }

  /** The static view: the server-highlighted original, or the current text as plain lines. */
  private renderStatic(): void {
    if (this.text === this.manifest) {
      this.codeBox.replaceChildren(this.originalCode);
    } else {
      const lines = this.text.split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      const code = el('code', {}, lines.flatMap((l, i) => [el('span', { class: 'line' }, l), i < lines.length - 1 ? '\n' : null]));
      this.codeBox.replaceChildren(el('pre', { class: 'pg-plain', tabindex: 0 }, code));
    }
    this.markStaticLines();
  }

  private onEdit(text: string): void {
    this.text = text;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), AUTOSAVE_MS);
    this.updateSavedHint();
  }

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const ok = this.store.save(this.id, this.manifest, this.getText());
    if (!ok) this.savedHint.textContent = '无法保存到本机（浏览器禁止了本地存储）';
  }

  /** Flush a pending autosave (page is being hidden). */
  flush(): void {
    if (this.saveTimer !== undefined) this.saveNow();
  }

  private updateSavedHint(): void {
    this.savedHint.textContent = this.getText() === this.manifest ? '' : '修改会自动保存在本机';
  }

  private restoreSaved(): void {
    const saved = this.store.load(this.id, this.manifest);
    const backup = this.store.loadBackup(this.id, this.manifest);
    const actions: NoticeAction[] = [];
    const parts: string[] = [];
    if (saved !== null && saved !== this.manifest) {
      this.setText(saved, false);
      parts.push('已恢复你上次在本机保存的修改。');
      actions.push({ label: '恢复原文', run: () => this.reset() });
    }
    if (backup !== null && backup !== this.getText()) {
      parts.push('你之前保存的另一个版本也还在。');
      actions.push({ label: '恢复你保存的版本', run: () => this.restoreBackup() });
      actions.push({ label: '丢弃该版本', run: () => (this.store.clearBackup(this.id, this.manifest), this.notice(null)) });
    }
    if (saved === null) {
      const stale = this.store.stale(this.id, this.manifest);
      if (stale) {
        parts.push('本例的原始清单已经更新；你对旧版本的修改没有自动载入。');
        actions.push({ label: '载入旧修改', run: () => (this.setText(stale.text, true), this.store.removeKey(stale.key), this.notice('已载入你对旧版本清单的修改。')) });
        actions.push({ label: '删除旧修改', run: () => (this.store.removeKey(stale.key), this.notice(null)) });
      }
    }
    if (parts.length) this.notice(parts.join(''), actions);
  }

  private restoreBackup(): void {
    const backup = this.store.loadBackup(this.id, this.manifest);
    if (backup === null) return;
    this.setText(backup, true);
    this.store.clearBackup(this.id, this.manifest);
    this.notice('已恢复你保存的版本。', [{ label: '恢复原文', run: () => this.reset() }]);
  }

  /**
   * Show text that came from outside (a share link, a YAML block of the notes). The reader's own
   * saved edit is put aside first (never overwritten silently) and offered back.
   */
  loadExternal(text: string, message: string, opts: { save: boolean }): void {
    const saved = this.store.load(this.id, this.manifest);
    const hadEdit = saved !== null && saved !== text && saved !== this.manifest;
    if (hadEdit) this.store.saveBackup(this.id, this.manifest, saved);
    this.setText(text, opts.save);
    if (!opts.save) this.store.clear(this.id, this.manifest);
    const actions: NoticeAction[] = [];
    if (hadEdit) actions.push({ label: '恢复你保存的版本', run: () => this.restoreBackup() });
    if (text !== this.manifest) actions.push({ label: '恢复原文', run: () => this.reset() });
    this.notice(message, actions);
  }

  reset(): void {
    this.setText(this.manifest, false);
    this.store.clear(this.id, this.manifest);
    this.showDiagnostics([]);
    const backup = this.store.loadBackup(this.id, this.manifest);
    this.notice(backup !== null ? '已恢复本例的原始清单。你之前保存的另一个版本仍可恢复。' : null, backup !== null ? [{ label: '恢复你保存的版本', run: () => this.restoreBackup() }] : []);
    this.status('已恢复原始清单。', 'info');
  }

  // --- editor ------------------------------------------------------------------------------

  /**
   * Start editing: an editable textarea at once (the cursor where the reader clicked), which
   * Monaco replaces when it has loaded (text, cursor and scroll carried over).
   */
  async openEditor(line?: number, offset?: number): Promise<EditorHandle | null> {
    if (this.editor) {
      if (line) this.editor.reveal(line, 1);
      else this.editor.focus();
      return this.editor;
    }
    const started = performance.now();
    this.editorBox.hidden = false;
    const opened = openEditor({
      id: this.id,
      container: this.editorBox,
      text: this.text,
      line,
      offset,
      onChange: (t) => this.onEdit(t),
      onRun: () => void this.run(),
    });
    const editor = opened.editor;
    this.editor = editor;
    this.codeBox.hidden = true;
    this.root.dataset.pgEditor = editor.kind === 'textarea' && !prefersPlainEditor() ? 'instant' : editor.kind;
    editor.setDiagnostics(this.diagnostics);
    const edit = this.root.querySelector<HTMLButtonElement>('[data-pg-act="edit"]');
    if (edit) edit.hidden = true;
    editor.focus();
    this.editorLoading = opened.ready.then(({ editor: ready, error }) => {
      this.root.dataset.pgEditor = ready.kind;
      this.root.dataset.pgEditorMs = String(Math.round(performance.now() - started));
      if (error) this.status(`代码编辑器加载失败，可以继续在纯文本框中编辑：${error instanceof Error ? error.message : String(error)}`, 'error');
      return ready;
    });
    return editor;
  }

  // --- run ---------------------------------------------------------------------------------

  private async ensureResults(): Promise<Results | null> {
    if (this.results) return this.results;
    if (!this.resultsLoading) {
      this.resultsLoading = import('./results')
        .then(({ Results }) => {
          this.results = new Results({
            id: this.id,
            root: this.root,
            container: this.resultsBox,
            commands: this.commands,
            getText: () => this.getText(),
            status: (t, k) => this.status(t, k),
            showDiagnostics: (d) => this.showDiagnostics(d),
            onTime: (ms) => (this.timeMs = ms),
          });
          return this.results;
        })
        .catch((e) => {
          this.resultsLoading = null;
          this.status(`无法加载运行结果模块：${e instanceof Error ? e.message : String(e)}`, 'error');
          return null;
        });
    }
    return this.resultsLoading;
  }

  private warmed = false;

  /** Load the results code, start the page's engine worker and simulate the text ahead of Run (once). */
  warmUp(): void {
    if (this.warmed) return;
    this.warmed = true;
    void this.ensureResults().then((r) => {
      if (!r) return;
      void import('./results').then((m) => m.warmEngine());
      r.runAhead(this.getText());
    });
  }

  async run(opts: { atSec?: number } = {}): Promise<void> {
    this.flush();
    const results = await this.ensureResults();
    await results?.run(opts);
  }

  // --- share -------------------------------------------------------------------------------

  async share(): Promise<void> {
    const { encodeShare } = await import('./share-codec');
    const t = this.timeMs !== undefined ? this.timeMs / 1000 : undefined;
    const url = `${location.origin}${location.pathname}#${encodeShare({ id: this.id, text: this.getText(), t })}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    const field = el('input', { type: 'text', class: 'pg-share-url', readonly: true, value: url, 'aria-label': '分享链接' });
    this.notice(copied ? '分享链接已复制到剪贴板（YAML 和所选时间都在链接里，不经过服务器）：' : '请复制下面的分享链接（YAML 和所选时间都在链接里，不经过服务器）：', [], field);
    field.addEventListener('focus', () => field.select());
    if (!copied) field.focus();
  }

  // --- messages ----------------------------------------------------------------------------

  status(text: string, kind: StatusKind = 'info'): void {
    this.statusLine.textContent = text;
    this.statusLine.dataset.kind = kind;
  }

  notice(message: string | null, actions: NoticeAction[] = [], extra?: Node): void {
    if (message === null) {
      this.noticeBox.hidden = true;
      this.noticeBox.replaceChildren();
      return;
    }
    const buttons = actions.map((a) => {
      const b = el('button', { type: 'button', class: 'pg-btn pg-btn-small' }, a.label);
      b.addEventListener('click', () => a.run());
      return b;
    });
    const close = el('button', { type: 'button', class: 'pg-notice-close', 'aria-label': '关闭提示' }, '×');
    close.addEventListener('click', () => this.notice(null));
    this.noticeBox.replaceChildren(el('p', {}, message), ...(extra ? [extra] : []), ...(buttons.length ? [el('div', { class: 'pg-notice-actions' }, buttons)] : []), close);
    this.noticeBox.hidden = false;
  }

  showDiagnostics(diagnostics: Diagnostic[]): void {
    this.diagnostics = diagnostics;
    this.editor?.setDiagnostics(diagnostics);
    this.markStaticLines();
    if (diagnostics.length === 0) {
      this.diagBox.hidden = true;
      this.diagBox.replaceChildren();
      return;
    }
    const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;
    this.diagBox.replaceChildren(
      ...diagnostics.map((d) => {
        const where = d.line !== undefined ? `第 ${d.line} 行${d.column !== undefined ? `第 ${d.column} 列` : ''}` : d.path ?? '';
        const loc =
          d.line !== undefined
            ? el('button', { type: 'button', class: 'pg-diag-loc', 'aria-label': `${SEVERITY[d.severity]}，${where}（跳到此处）` }, where)
            : where
              ? el('span', { class: 'pg-diag-loc' }, where)
              : null;
        loc?.addEventListener('click', () => void this.openEditor().then((ed) => ed?.reveal(d.line!, d.column ?? 1)));
        return el('li', { class: `pg-diag pg-diag-${d.severity}` }, [el('span', { class: 'pg-diag-sev' }, SEVERITY[d.severity]), loc, el('span', { class: 'pg-diag-msg' }, d.message)]);
      }),
    );
    this.diagBox.hidden = false;
  }

  /** Highlight the lines with diagnostics in the static view. */
  private markStaticLines(): void {
    const lines = this.codeBox.querySelectorAll('.line');
    lines.forEach((l) => l.classList.remove('pg-line-error', 'pg-line-warning'));
    for (const d of this.diagnostics) {
      if (d.line === undefined) continue;
      const from = d.line;
      const to = Math.max(from, d.endLine ?? from);
      for (let n = from; n <= to && n <= lines.length; n++) lines[n - 1]?.classList.add(d.severity === 'error' ? 'pg-line-error' : 'pg-line-warning');
    }
  }

  /** Bring this playground into view (share links, OpenInPlayground). */
  reveal(): void {
    // A lab shows one variant at a time: let it bring this one forward first.
    this.root.dispatchEvent(new CustomEvent('pg-reveal', { bubbles: true }));
    this.root.scrollIntoView({ block: 'start', behavior: 'auto' });
    q<HTMLElement>(this.root, '[data-pg-title]').focus({ preventScroll: true });
  }
}

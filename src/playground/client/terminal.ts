/**
 * The terminal: the reader types kubectl and shell commands against the simulated cluster at the
 * chosen virtual time. A prompt like the notes' `[root@k8s-master01 ~]#`, history on up/down,
 * the chapter's suggested commands as chips. Output is text only (textContent).
 */
import { el } from './dom';
import { seconds } from './format';
import { CommandHistory } from './history';

export const PROMPT = '[root@k8s-master01 ~]#';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The prompt after the line (a shell opened by `kubectl exec -ti … -- sh` shows its own, e.g. `/ # `). */
  prompt?: string;
  /** The simulator's note that the terminal stopped waiting and pressed Ctrl-C (not command output). */
  interrupted?: string;
  /** The simulator's notes (e.g. a command this cluster lacks): a hint line apart from the output. */
  notices?: Array<{ message: string }>;
  /** `kubectl edit` opened its editor on this file: the line goes on when the reader saves or quits. */
  editing?: { file: string; buffer: string };
}

/** A `kubectl edit` round: the texts saved so far, and the virtual time the line runs at. */
export interface EditRound {
  edits: string[];
  atMs: number;
}

export interface TerminalOptions {
  idPrefix: string;
  chips: string[];
  /**
   * Runs a line at the current virtual time; resolves with what it printed. With `round`, the
   * line again at the same time with the texts the reader saved in `kubectl edit`'s editor.
   */
  run(line: string, round?: EditRound): Promise<CommandResult & { atMs: number }>;
}

export class Terminal {
  readonly root: HTMLElement;
  private readonly out: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly history = new CommandHistory();
  private readonly promptLabel: HTMLElement;
  /** The prompt shown now: the host's, or the shell of a container the reader is inside. */
  private prompt = PROMPT;
  private busy = false;
  /** `kubectl edit`'s editor while it is open (the terminal waits for it, as kubectl does). */
  private editPanel: HTMLElement | null = null;
  private readonly form: HTMLFormElement;

  constructor(private readonly opts: TerminalOptions) {
    this.out = el('pre', { class: 'pg-term-out', id: `${opts.idPrefix}-term-out` });
    const log = el('div', { class: 'pg-term-log', role: 'log', 'aria-live': 'polite', 'aria-label': '终端输出', tabindex: 0 }, this.out);
    this.input = el('input', {
      type: 'text',
      class: 'pg-term-input',
      id: `${opts.idPrefix}-term-in`,
      'aria-label': '终端命令（回车执行，上下键翻阅历史）',
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      enterkeyhint: 'send',
      placeholder: 'kubectl get pods -o wide',
    });
    this.promptLabel = el('label', { class: 'pg-prompt', for: this.input.id }, PROMPT);
    const form = el('form', { class: 'pg-term-line' }, [this.promptLabel, this.input]);
    this.form = form;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit(this.input.value);
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        this.input.value = this.history.up(this.input.value);
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.input.value = this.history.down(this.input.value);
      } else if (e.ctrlKey && !e.altKey && !e.metaKey && (e.key === 'c' || e.key === 'C') && this.input.selectionStart === this.input.selectionEnd) {
        // Ctrl-C at the prompt: the line is dropped (the tty echoes ^C), a new prompt follows.
        e.preventDefault();
        if (this.busy) return;
        this.out.append(el('span', { class: 'pg-term-cmd' }, `${this.prompt} ${this.input.value}^C\n`));
        this.input.value = '';
        this.scroll();
      } else if (e.ctrlKey && !e.altKey && !e.metaKey && (e.key === 'd' || e.key === 'D') && this.input.value === '' && this.inside) {
        // Ctrl-D on an empty line: end of input for the shell inside the container, as `exit` does.
        e.preventDefault();
        void this.submit('exit');
      }
    });
    const chips = opts.chips.length
      ? el(
          'div',
          { class: 'pg-chips', role: 'group', 'aria-label': '笔记中的命令（点击执行）' },
          opts.chips.map((c) => {
            const b = el('button', { type: 'button', class: 'pg-chip' }, c);
            b.addEventListener('click', () => this.chip(c));
            return b;
          }),
        )
      : null;
    this.root = el('div', { class: 'pg-terminal' }, [
      el('p', { class: 'pg-section-title', id: `${opts.idPrefix}-term-title` }, '终端'),
      chips,
      log,
      form,
    ]);
  }

  /**
   * A suggested command: run it, or when it holds a placeholder such as `<pod ip>`, put it in
   * the input with the placeholder selected for the reader to fill in.
   */
  chip(command: string): void {
    const hole = command.match(/<[^<>]+>/);
    if (!hole || hole.index === undefined) {
      void this.submit(command);
      return;
    }
    this.input.value = command;
    this.input.focus();
    this.input.setSelectionRange(hole.index, hole.index + hole[0].length);
  }

  /** Print a line block (system notes, scenario step output). */
  print(text: string, cls = ''): void {
    if (!text) return;
    const span = el('span', { class: cls || undefined }, text.endsWith('\n') ? text : `${text}\n`);
    this.out.append(span);
    this.scroll();
  }

  /** Echo a command with its prompt and the virtual time it ran at. */
  echo(line: string, atMs?: number, prompt = this.prompt): void {
    const time = atMs === undefined || Number.isNaN(atMs) ? null : el('span', { class: 'pg-term-time' }, `t=${seconds(atMs)}s `);
    this.out.append(el('span', { class: 'pg-term-cmd' }, [time, `${prompt} ${line}\n`]));
    this.scroll();
  }

  /** Whether lines now go to a shell inside a container (after `kubectl exec -ti … -- sh`). */
  get inside(): boolean {
    // the host's prompt names its directory (`[root@k8s-master01 tmp]#` after `cd /tmp`)
    return !/^\[root@k8s-master01 [^\]]+\]#$/.test(this.prompt);
  }

  /** The prompt the next line is typed at (the engine says which after each line). */
  setPrompt(prompt: string): void {
    this.prompt = prompt.trimEnd() || PROMPT;
    this.promptLabel.textContent = this.prompt;
    this.root.dataset.pgInside = this.inside ? 'true' : 'false';
  }

  clear(): void {
    this.out.replaceChildren();
  }

  focus(): void {
    this.input.focus();
  }

  async submit(raw: string): Promise<void> {
    const line = raw.trim();
    if (this.busy) return;
    this.input.value = '';
    this.history.push(line);
    if (!line) return;
    if (line === 'clear' && !this.inside) {
      this.clear();
      return;
    }
    this.busy = true;
    this.input.setAttribute('aria-busy', 'true');
    try {
      const r = await this.opts.run(line);
      this.echo(line, r.atMs);
      this.show(r);
      if (r.editing) {
        this.openEditor(line, { edits: [], atMs: r.atMs }, r.editing, r);
        return;
      }
    } catch (e) {
      this.echo(line);
      this.print(e instanceof Error ? e.message : String(e), 'pg-term-err');
    }
    this.release();
  }

  /** The line is done: the prompt takes input again. */
  private release(): void {
    this.busy = false;
    this.input.removeAttribute('aria-busy');
  }

  /** What a line printed (`shown`: the part an earlier round of the same line already printed). */
  private show(r: CommandResult, shown?: CommandResult): void {
    const rest = (now: string, before = '') => (before && now.startsWith(before) ? now.slice(before.length) : now);
    const out = rest(r.stdout, shown?.stdout);
    const err = rest(r.stderr, shown?.stderr);
    if (out) this.print(out);
    if (err) this.print(err, 'pg-term-err');
    if (r.interrupted) this.print(`提示（模拟器）：${r.interrupted}`, 'pg-term-hint');
    for (const n of r.notices ?? []) this.print(`提示（模拟器）：${n.message}`, 'pg-term-hint');
    if (r.prompt) this.setPrompt(r.prompt);
  }

  /**
   * `kubectl edit` waits for its editor: the file kubectl wrote, in a text area under the output.
   * Saving sends the text back (kubectl goes on: `pod/nginx edited`, or the file reopens with the
   * failures in its header); quitting without saving leaves the file as kubectl wrote it.
   */
  private openEditor(line: string, round: EditRound, editing: { file: string; buffer: string }, shown: CommandResult): void {
    this.editPanel?.remove();
    const area = el('textarea', {
      class: 'pg-edit-text',
      id: `${this.opts.idPrefix}-edit-text`,
      spellcheck: 'false',
      autocapitalize: 'off',
      autocomplete: 'off',
      wrap: 'off',
      rows: 16,
      'aria-label': `kubectl edit 正在编辑的文件 ${editing.file}`,
    });
    area.value = editing.buffer;
    const save = el('button', { type: 'button', class: 'pg-edit-save' }, '保存并退出（:wq）');
    const quit = el('button', { type: 'button', class: 'pg-edit-quit' }, '不保存退出（:q!）');
    const panel = el('div', { class: 'pg-edit', role: 'group', 'aria-label': 'kubectl edit 的编辑器' }, [
      el('p', { class: 'pg-edit-title' }, [el('code', {}, `vi ${editing.file}`), '　kubectl 在等待编辑器退出；Ctrl+S 保存，Esc 不保存退出。']),
      area,
      el('div', { class: 'pg-edit-actions' }, [save, quit]),
    ]);
    this.editPanel = panel;
    this.form.hidden = true;
    this.form.before(panel);
    const finish = async (text: string) => {
      save.disabled = true;
      quit.disabled = true;
      const next: EditRound = { edits: [...round.edits, text], atMs: round.atMs };
      try {
        const r = await this.opts.run(line, next);
        this.show(r, shown);
        if (r.editing) {
          this.openEditor(line, next, r.editing, r);
          return;
        }
      } catch (e) {
        this.print(e instanceof Error ? e.message : String(e), 'pg-term-err');
      }
      panel.remove();
      this.editPanel = null;
      this.form.hidden = false;
      this.release();
      this.input.focus();
    };
    save.addEventListener('click', () => void finish(area.value));
    quit.addEventListener('click', () => void finish(editing.buffer));
    area.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        if (!save.disabled) void finish(area.value);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (!quit.disabled) void finish(editing.buffer);
      }
    });
    area.focus({ preventScroll: true });
    area.setSelectionRange(0, 0);
    area.scrollTop = 0;
    panel.scrollIntoView({ block: 'nearest' });
  }

  private scroll(): void {
    const log = this.out.parentElement;
    if (log) log.scrollTop = log.scrollHeight;
  }
}

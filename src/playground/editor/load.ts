/**
 * Opens an editor the moment the reader asks for one. On touch (coarse pointers) it is a plain
 * textarea, as before. Elsewhere the same textarea appears at once with the static code's font
 * and metrics (the reader can type immediately) while Monaco (YAML with Kubernetes schemas)
 * loads; when Monaco is ready it takes over the text, the cursor or selection, the scroll and
 * the focus, in one task so no keystroke falls between the two. The textarea is in the chapter's
 * first load (about 1 KiB); Monaco never is.
 */
import type { Diagnostic } from '../../../playground-engine/src/types';
import { createTextareaEditor } from './textarea';
import type { EditorHandle, EditorOptions } from './types';

export function prefersPlainEditor(): boolean {
  const q = new URLSearchParams(location.search);
  if (q.has('pg-editor')) return q.get('pg-editor') === 'textarea';
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}

/** Start downloading Monaco (the reader pressed a pointer on the text or on 编辑). */
export function prefetchEditor(): void {
  if (!prefersPlainEditor()) void import('./monaco').catch(() => undefined);
}

/** One editor handle for the playground, whose implementation is swapped underneath it. */
class EditorSlot implements EditorHandle {
  private diagnostics: Diagnostic[] = [];
  constructor(private current: EditorHandle) {}
  get kind() {
    return this.current.kind;
  }
  getValue = () => this.current.getValue();
  setValue = (text: string) => this.current.setValue(text);
  setDiagnostics = (d: Diagnostic[]) => {
    this.diagnostics = d;
    this.current.setDiagnostics(d);
  };
  reveal = (line: number, column: number) => this.current.reveal(line, column);
  focus = () => this.current.focus();
  dispose = () => this.current.dispose();
  swap(next: EditorHandle): void {
    this.current = next;
    next.setDiagnostics(this.diagnostics);
  }
}

export interface OpenedEditor {
  /** Editable now. */
  editor: EditorHandle;
  /** Resolves with the same handle once Monaco has taken over (or with the textarea if Monaco could not load). */
  ready: Promise<{ editor: EditorHandle; error?: unknown }>;
}

export function openEditor(opts: EditorOptions): OpenedEditor {
  if (prefersPlainEditor()) {
    const editor = createTextareaEditor(opts);
    return { editor, ready: Promise.resolve({ editor }) };
  }
  const instant = createTextareaEditor({ ...opts, instant: true });
  const slot = new EditorSlot(instant);
  const ready = import('./monaco')
    .then(async ({ createMonacoEditor }) => {
      await instant.idle?.();
      // From here to the swap there is no await: nothing typed can fall in between.
      const state = instant.state?.();
      const monaco = createMonacoEditor({ ...opts, text: instant.getValue(), line: undefined, offset: undefined, state });
      instant.dispose();
      slot.swap(monaco);
      return { editor: slot as EditorHandle };
    })
    .catch((error: unknown) => ({ editor: slot as EditorHandle, error }));
  return { editor: slot, ready };
}

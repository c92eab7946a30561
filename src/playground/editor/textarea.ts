/**
 * The touch-friendly editor: a plain <textarea> with the same run shortcut; diagnostics are shown
 * in the list under it (and the cursor can be moved to them).
 */
import type { Diagnostic } from '../../../playground-engine/src/types';
import type { EditorHandle, EditorOptions, EditorState } from './types';

/** Offset of a 1-based line/column in a text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(0, column - 1), lineEnd);
}

export function createTextareaEditor(opts: EditorOptions): EditorHandle {
  const area = document.createElement('textarea');
  area.className = opts.instant ? 'pg-textarea pg-instant' : 'pg-textarea';
  area.value = opts.text;
  area.spellcheck = false;
  area.setAttribute('autocapitalize', 'off');
  area.setAttribute('autocomplete', 'off');
  area.setAttribute('autocorrect', 'off');
  area.setAttribute('aria-label', 'YAML 清单编辑器');
  area.wrap = 'off';
  const fit = () => {
    // The instant editor shows every line, as the static code did (no jump on the first click).
    area.rows = Math.min(opts.instant ? 80 : 30, Math.max(6, area.value.split('\n').length + (opts.instant ? 0 : 1)));
  };
  fit();
  area.addEventListener('input', () => {
    fit();
    opts.onChange(area.value);
  });
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      opts.onRun();
    }
  });
  let composing = false;
  let compositionDone: (() => void) | null = null;
  area.addEventListener('compositionstart', () => (composing = true));
  area.addEventListener('compositionend', () => {
    composing = false;
    compositionDone?.();
    compositionDone = null;
  });
  opts.container.replaceChildren(area);
  if (opts.offset !== undefined || opts.line) {
    const at = opts.offset !== undefined ? Math.max(0, Math.min(opts.offset, area.value.length)) : offsetOf(area.value, opts.line!, 1);
    area.setSelectionRange(at, at);
  }
  const lineHeight = () => parseFloat(getComputedStyle(area).lineHeight) || 18;
  return {
    kind: 'textarea',
    getValue: () => area.value,
    setValue(text) {
      area.value = text;
      fit();
    },
    setDiagnostics(diagnostics: Diagnostic[]) {
      if (diagnostics.some((d) => d.severity === 'error')) area.setAttribute('aria-invalid', 'true');
      else area.removeAttribute('aria-invalid');
    },
    reveal(line, column) {
      const at = offsetOf(area.value, line, column);
      area.focus();
      area.setSelectionRange(at, at);
      area.scrollTop = Math.max(0, (line - 3) * lineHeight());
    },
    focus: () => area.focus(),
    dispose: () => area.remove(),
    state(): EditorState {
      const backward = area.selectionDirection === 'backward';
      return {
        anchor: backward ? area.selectionEnd : area.selectionStart,
        active: backward ? area.selectionStart : area.selectionEnd,
        topLine: area.scrollTop / lineHeight(),
        scrollLeft: area.scrollLeft,
        focused: document.activeElement === area,
      };
    },
    idle: () => (composing ? new Promise<void>((resolve) => (compositionDone = resolve)) : Promise.resolve()),
  };
}

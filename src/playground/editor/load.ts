/**
 * Chooses and loads an editor on demand: Monaco (YAML with Kubernetes schemas) for mouse and
 * keyboard, a plain textarea on coarse pointers where Monaco is poor. Neither is in the chapter's
 * first load.
 */
import type { EditorHandle, EditorOptions } from './types';

export function prefersPlainEditor(): boolean {
  const q = new URLSearchParams(location.search);
  if (q.has('pg-editor')) return q.get('pg-editor') === 'textarea';
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}

/** Start downloading the editor's code (the reader pressed a pointer on the text or on 编辑). */
export function prefetchEditor(): void {
  if (prefersPlainEditor()) void import('./textarea').catch(() => undefined);
  else void import('./monaco').catch(() => undefined);
}

export async function loadEditor(opts: EditorOptions): Promise<EditorHandle> {
  if (prefersPlainEditor()) {
    const { createTextareaEditor } = await import('./textarea');
    return createTextareaEditor(opts);
  }
  const { createMonacoEditor } = await import('./monaco');
  return createMonacoEditor(opts);
}

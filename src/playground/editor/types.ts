/** What the playground needs of an editor (Monaco on fine pointers, a textarea on touch). */
import type { Diagnostic } from '../../../playground-engine/src/types';

export interface EditorHandle {
  readonly kind: 'monaco' | 'textarea';
  getValue(): string;
  /** Replace the whole text (keeps undo history where the editor has one). */
  setValue(text: string): void;
  /** Show the engine's diagnostics as markers. */
  setDiagnostics(diagnostics: Diagnostic[]): void;
  /** Put the cursor at a 1-based line/column and show it. */
  reveal(line: number, column: number): void;
  focus(): void;
  dispose(): void;
}

export interface EditorOptions {
  /** Playground id: names the model (`file:///playgrounds/<id>.yaml`). */
  id: string;
  container: HTMLElement;
  text: string;
  /** 1-based line to put the cursor on (where the reader clicked the static text). */
  line?: number;
  onChange(text: string): void;
  onRun(): void;
}

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
  /** Cursor, selection, scroll and focus, to carry over to another editor (the textarea has it). */
  state?(): EditorState;
  /** Resolves when no IME composition is in progress (editors are never swapped mid-composition). */
  idle?(): Promise<void>;
}

/** What carries over when the instant textarea gives way to Monaco. */
export interface EditorState {
  /** Selection as text offsets: where it started and where the cursor is. */
  anchor: number;
  active: number;
  /** First visible line (0-based, may be fractional) and horizontal scroll in px. */
  topLine: number;
  scrollLeft: number;
  /** The textarea had the keyboard focus. */
  focused: boolean;
}

export interface EditorOptions {
  /** Playground id: names the model (`file:///playgrounds/<id>.yaml`). */
  id: string;
  container: HTMLElement;
  text: string;
  /** 1-based line to put the cursor on (where the reader clicked the static text). */
  line?: number;
  /** Text offset to put the cursor at (where the reader clicked), more precise than `line`. */
  offset?: number;
  /** Cursor, selection and scroll carried over from the instant textarea. */
  state?: EditorState;
  /** The textarea stands in until Monaco is ready: looks like the static code, same metrics. */
  instant?: boolean;
  onChange(text: string): void;
  onRun(): void;
}

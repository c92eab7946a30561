/**
 * Monaco, YAML only, with Kubernetes schema support through monaco-yaml (schemas bundled, no
 * network). Loaded on demand when the reader starts editing; never part of a chapter's first load.
 *
 * Imports are the editor entry plus the features the playground uses, not the `monaco-editor`
 * barrel (which pulls every language and a 6.7 MiB TypeScript worker).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/yaml/register';
// Hover: schema descriptions and validation messages (a slimmer registration than features/hover).
import './hover.js';
// F8 / Shift+F8 through the markers (also what the marker hover's "view problem" uses).
import 'monaco-editor/features/gotoError/register';
// The suggest widget (schema completion). Not `features/suggest/register`: that one only
// registers inline completions, which no provider here offers.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/features/toggleTabFocusMode/register';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { Diagnostic } from '../../../playground-engine/src/types';
import YamlWorker from './yaml.worker?worker';
import { editorSchema, SCHEMA_URI } from './schema';
import type { EditorHandle, EditorOptions } from './types';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

// For the benchmark: when this chunk finished evaluating.
performance.mark('pg:monaco-evaluated');

/** Markers owner for the engine's diagnostics (monaco-yaml uses its own). */
const ENGINE_OWNER = 'k8s-sim';

interface LegacyWorkerOptions {
  worker?: Worker | Promise<Worker>;
  label?: string;
  moduleId?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

/**
 * monaco-yaml 5.5.1 (through monaco-worker-manager) calls `createWebWorker({ label, moduleId,
 * createData })`, the pre-0.53 signature; Monaco 0.53+ wants `{ worker }` and otherwise falls back
 * silently (no validation, no hover). This adapts the old call the way Monaco's own internal
 * helper does: get the worker from MonacoEnvironment, then send 'ignore' and the create data.
 */
function createWebWorkerCompat(opts: LegacyWorkerOptions) {
  if (opts.worker) return monaco.editor.createWebWorker(opts as Parameters<typeof monaco.editor.createWebWorker>[0]);
  const worker = Promise.resolve(window.MonacoEnvironment!.getWorker(opts.moduleId ?? 'workerMain.js', opts.label ?? 'monaco-editor-worker')).then((w) => {
    w.postMessage('ignore');
    w.postMessage(opts.createData);
    return w;
  });
  return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
}

let environmentSet = false;
let yamlConfigured = false;

/** Workers and theme, before the first editor is created. */
function setUpOnce(): void {
  if (environmentSet) return;
  environmentSet = true;
  window.MonacoEnvironment = {
    getWorker(_workerId, label) {
      return label === 'yaml' ? new YamlWorker() : new EditorWorker();
    },
  };
  followSiteTheme();
}

/**
 * One monaco-yaml configuration per page (monaco-yaml allows one); all editors share it, one
 * model each. Done after the first editor has painted: it also picks up existing models.
 */
function configureYamlOnce(): void {
  if (yamlConfigured) return;
  yamlConfigured = true;
  const compat = { ...monaco, editor: { ...monaco.editor, createWebWorker: createWebWorkerCompat } };
  configureMonacoYaml(compat as unknown as typeof monaco, {
    enableSchemaRequest: false,
    format: { enable: false },
    hover: true,
    completion: true,
    validate: true,
    isKubernetes: false,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['playgrounds/*.yaml'], schema: editorSchema }],
  });
}

function siteTheme(): 'vs' | 'vs-dark' {
  return document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark';
}

/** Starlight sets data-theme on <html>; the editor follows it live. */
function followSiteTheme(): void {
  monaco.editor.setTheme(siteTheme());
  new MutationObserver(() => monaco.editor.setTheme(siteTheme())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
}

function severity(s: Diagnostic['severity']): monaco.MarkerSeverity {
  return s === 'error' ? monaco.MarkerSeverity.Error : s === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
}

/** Engine diagnostics as Monaco markers (a whole line when no column is known). */
export function toMarkers(model: monaco.editor.ITextModel, diagnostics: Diagnostic[]): monaco.editor.IMarkerData[] {
  const lines = model.getLineCount();
  return diagnostics
    .filter((d) => d.line !== undefined)
    .map((d) => {
      const startLineNumber = Math.min(Math.max(1, d.line!), lines);
      const startColumn = d.column ?? 1;
      const endLineNumber = Math.min(Math.max(startLineNumber, d.endLine ?? startLineNumber), lines);
      const endColumn = d.endColumn ?? model.getLineMaxColumn(endLineNumber);
      return { severity: severity(d.severity), message: d.message, source: d.source, startLineNumber, startColumn, endLineNumber, endColumn: Math.max(endColumn, startColumn + 1) };
    });
}

export function createMonacoEditor(opts: EditorOptions): EditorHandle {
  setUpOnce();
  const uri = monaco.Uri.parse(`file:///playgrounds/${opts.id}.yaml`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(opts.text, 'yaml', uri);
  if (model.getValue() !== opts.text) model.setValue(opts.text);

  const host = document.createElement('div');
  host.className = 'pg-monaco';
  opts.container.replaceChildren(host);
  const maxHeight = () => Math.max(240, Math.round(window.innerHeight * 0.7));
  const editor = monaco.editor.create(host, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    lineHeight: 19,
    tabSize: 2,
    insertSpaces: true,
    renderLineHighlight: 'line',
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 6,
    fixedOverflowWidgets: true,
    ariaLabel: 'YAML 清单编辑器（Ctrl+Enter 运行；Ctrl+M 切换 Tab 键用于移动焦点）',
    scrollbar: { alwaysConsumeMouseWheel: false },
    quickSuggestions: { other: true, comments: false, strings: true },
  });
  const fit = () => {
    host.style.height = `${Math.min(editor.getContentHeight() + 2, maxHeight())}px`;
  };
  fit();
  editor.onDidContentSizeChange(fit);
  editor.onDidChangeModelContent(() => opts.onChange(model.getValue()));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
  requestAnimationFrame(() => setTimeout(configureYamlOnce, 0));
  if (opts.state) {
    // Taking over from the instant textarea: same selection (direction kept), scroll and focus.
    const a = model.getPositionAt(opts.state.anchor);
    const b = model.getPositionAt(opts.state.active);
    editor.setSelection(new monaco.Selection(a.lineNumber, a.column, b.lineNumber, b.column));
    editor.setScrollTop(opts.state.topLine * editor.getOption(monaco.editor.EditorOption.lineHeight));
    editor.setScrollLeft(opts.state.scrollLeft);
    if (opts.state.focused) editor.focus();
  } else if (opts.line) {
    editor.setPosition({ lineNumber: opts.line, column: model.getLineFirstNonWhitespaceColumn(opts.line) || 1 });
    editor.revealLineInCenterIfOutsideViewport(opts.line);
  }
  return {
    kind: 'monaco',
    getValue: () => model.getValue(),
    setValue(text) {
      if (text === model.getValue()) return;
      editor.executeEdits('playground', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    },
    setDiagnostics(diagnostics) {
      monaco.editor.setModelMarkers(model, ENGINE_OWNER, toMarkers(model, diagnostics));
    },
    reveal(line, column) {
      editor.setPosition({ lineNumber: line, column });
      editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
      editor.focus();
    },
    focus: () => editor.focus(),
    dispose() {
      editor.dispose();
      model.dispose();
    },
  };
}

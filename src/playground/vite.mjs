// Vite settings the playground needs: ES-module workers, Monaco's deep-import alias, Monaco's CSS
// moved into the lazily loaded editor chunk, and prettier stubbed out of monaco-yaml's worker.
// Imported by astro.config.mjs as `vite: playgroundVite()`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
// `monaco-editor` resolves (require condition) to <pkg>/min/vs/index.js; the ESM tree is <pkg>/esm/vs/.
const monacoRoot = path.resolve(path.dirname(require.resolve('monaco-editor')), '../..');
const monacoEsm = path.join(monacoRoot, 'esm/vs') + path.sep;
const prettierStub = path.join(here, 'editor/prettier-stub.js');

/**
 * Astro links the CSS of lazily imported modules in every page's head (withastro/astro#9495).
 * Turn each CSS file Monaco imports into a JS module that injects a <style> when it runs, so the
 * CSS travels inside the editor chunk. The virtual id must not end in `.css`.
 */
function monacoCssInJs() {
  const prefix = '\0pg-monaco-css:';
  return {
    name: 'playground:monaco-css-in-js',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('.css')) return null;
      if (!importer.split(path.sep).join('/').includes('/node_modules/monaco-editor/')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved) return null;
      return `${prefix}${resolved.id}.js`;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const file = id.slice(prefix.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `if (typeof document !== 'undefined') {`,
        `  const style = document.createElement('style');`,
        `  style.setAttribute('data-monaco-css', '');`,
        `  style.textContent = css;`,
        `  document.head.appendChild(style);`,
        `}`,
      ].join('\n');
    },
  };
}

/**
 * monaco-yaml's worker imports prettier for formatting, even with `format: false` (about 130 KiB
 * gzip). Formatting is off in the playground, so prettier is replaced by a stub for that importer only.
 */
function stubPrettierInMonacoYaml() {
  return {
    name: 'playground:stub-prettier',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!source.startsWith('prettier/')) return null;
      if (importer && !importer.split(path.sep).join('/').includes('/monaco-yaml/')) return null;
      return prettierStub;
    },
  };
}

/**
 * monaco-yaml's worker runs on Monaco's editor worker (through monaco-worker-manager), and with it
 * come the editor worker's own services: diff computation, link detection, unicode highlighting,
 * colour detection, section headers, in-place replace and the worker's copy of the `monaco` API
 * (about 50 KiB gzip). The yaml worker only serves monaco-yaml (models are synced to it and it
 * answers validation, hover and completion); Monaco asks those other services of its own editor
 * worker, never of a language worker. So in the yaml worker's bundle only, they are stubs.
 * The plugin is created per worker bundle (`worker.plugins` is a factory) and stays inactive in
 * any other worker, Monaco's editor worker included.
 */
const EDITOR_WORKER_STUBS = {
  '../../../base/common/diff/diff.js': 'export function stringDiff() { return []; }',
  '../languages/linkComputer.js': 'export function computeLinks() { return []; }',
  '../languages/supports/inplaceReplaceSupport.js': 'export class BasicInplaceReplace { navigateValueSet() { return null; } }\nBasicInplaceReplace.INSTANCE = new BasicInplaceReplace();',
  './editorBaseApi.js': 'export function createMonacoBaseAPI() { return {}; }',
  './unicodeTextModelHighlighter.js': 'export class UnicodeTextModelHighlighter { static computeUnicodeHighlights() { return { ranges: [], hasMore: false, ambiguousCharacterCount: 0, invisibleCharacterCount: 0, nonBasicAsciiCharacterCount: 0 }; } }',
  '../diff/linesDiffComputers.js': 'const none = { computeDiff() { throw new Error("no diff in the yaml worker"); } };\nexport const linesDiffComputers = { getLegacy: () => none, getDefault: () => none, getAdvancedExternal: () => none, getAdvancedWasm: () => none };',
  '../languages/defaultDocumentColorsComputer.js': 'export function computeDefaultDocumentColors() { return []; }',
  './findSectionHeaders.js': 'export function findSectionHeaders() { return []; }',
};

function slimYamlWorker() {
  const prefix = '\0pg-yaml-worker-stub:';
  let active = false;
  return {
    name: 'playground:slim-yaml-worker',
    enforce: 'pre',
    buildStart(options) {
      const inputs = Array.isArray(options.input) ? options.input : Object.values(options.input ?? {});
      active = inputs.some((i) => String(i).split(path.sep).join('/').endsWith('/editor/yaml.worker.ts'));
    },
    resolveId(source, importer) {
      if (!active || !importer || !importer.split(path.sep).join('/').endsWith('/editor/common/services/editorWebWorker.js')) return null;
      return Object.hasOwn(EDITOR_WORKER_STUBS, source) ? prefix + source : null;
    },
    load(id) {
      return id.startsWith(prefix) ? EDITOR_WORKER_STUBS[id.slice(prefix.length)] : null;
    },
  };
}

export function playgroundVite() {
  return {
    worker: {
      format: 'es',
      // `plugins` below does not apply to worker bundles in a build; the yaml worker needs the stub.
      plugins: () => [stubPrettierInMonacoYaml(), slimYamlWorker()],
    },
    resolve: {
      alias: [
        // monaco-editor >= 0.56 has an exports map ("./*" -> "./esm/vs/*.js"), which breaks the
        // `monaco-editor/esm/vs/...` imports inside monaco-worker-manager (used by monaco-yaml).
        { find: /^monaco-editor\/esm\/vs\//, replacement: monacoEsm },
      ],
    },
    plugins: [monacoCssInJs(), stubPrettierInMonacoYaml()],
    optimizeDeps: {
      // Found late in `astro dev` otherwise ("optimized dependencies changed. reloading").
      include: [
        'yaml',
        'fflate',
        'monaco-yaml',
        'monaco-yaml/yaml.worker.js',
        'monaco-editor/esm/vs/editor/editor.worker.js',
        // The editor's imports (editor/monaco.ts), so the first edit in dev does not reload the page.
        'monaco-editor/editor',
        'monaco-editor/languages/definitions/yaml/register',
        'monaco-editor/editor/contrib/hover/browser/contentHoverController.js',
        'monaco-editor/editor/contrib/hover/browser/markdownHoverParticipant.js',
        'monaco-editor/editor/contrib/hover/browser/markerHoverParticipant.js',
        'monaco-editor/features/gotoError/register',
        'monaco-editor/editor/contrib/suggest/browser/suggestController.js',
        'monaco-editor/features/toggleTabFocusMode/register',
      ],
    },
  };
}

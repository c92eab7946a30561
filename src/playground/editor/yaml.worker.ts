// monaco-yaml's language service worker. An own entry (rather than `monaco-yaml/yaml.worker?worker`)
// so that `astro dev` pre-bundles its CommonJS dependencies.
import 'monaco-yaml/yaml.worker.js';

/**
 * The JSON schema monaco-yaml validates against: the engine's generated schema (draft-07,
 * dispatched on apiVersion + kind, from `playground-engine/src/api/generated/`) when it is
 * present, else a small hand-written one covering the same kinds. Bundled as text and parsed
 * with JSON.parse (cheaper than a large object literal); no network.
 */
import fallbackText from './fallback-schema.json?raw';

export const SCHEMA_URI = 'https://k8s-notes.invalid/schemas/playground.json';

const generated = import.meta.glob<string>('../../../playground-engine/src/api/generated/*schema*.json', { eager: true, query: '?raw', import: 'default' });

function pick(): Record<string, unknown> {
  for (const text of Object.values(generated)) {
    try {
      const s = JSON.parse(text) as Record<string, unknown>;
      if (s && typeof s === 'object' && String(s.$schema ?? '').includes('draft-07')) return s;
    } catch {
      /* not a schema: try the next one */
    }
  }
  return JSON.parse(fallbackText) as Record<string, unknown>;
}

export const editorSchema = pick();

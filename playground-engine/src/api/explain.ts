/**
 * Typed access to the data for `kubectl explain` (`generated/explain.json`): an OpenAPI v3
 * document shaped like the API server's, restricted to the playground's kinds (format in
 * scripts/gen-schemas.ts). kubectl/explain.ts renders it with kubectl's template; a host hands it
 * over through `KubectlHost.explainData()`.
 */
import data from './generated/explain.json';

/** An OpenAPI v3 schema as the Kubernetes API server publishes it (the subset used here). */
export interface OpenApiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  $ref?: string;
  enum?: string[];
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

export interface ExplainDocument {
  openapi: string;
  info: { title: string; version: string };
  components: { schemas: Record<string, OpenApiSchema> };
}

export const explainDocument: ExplainDocument = data as unknown as ExplainDocument;

/** The schema of a kind (`{group: 'apps', version: 'v1', kind: 'Deployment'}`), if the playground has it. */
export function kindSchema(group: string, version: string, kind: string): OpenApiSchema | undefined {
  for (const s of Object.values(explainDocument.components.schemas)) {
    if (s['x-kubernetes-group-version-kind']?.some((g) => g.group === group && g.version === version && g.kind === kind)) return s;
  }
  return undefined;
}

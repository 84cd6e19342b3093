import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../../src/api/openapi.ts';

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type WriteMethod = (typeof WRITE_METHODS)[number];

/** A JSON Schema as the OpenAPI document holds it (only the parts the fuzzer reads). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string | object;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export interface WriteRoute {
  method: WriteMethod;
  /** Fastify's pattern: `/api/v1/products/:id/versions`. */
  pattern: string;
  isApi: boolean;
  /** The JSON body schema the OpenAPI document gives, if any. */
  bodySchema?: JsonSchema;
  mediaTypes: string[];
}

/**
 * Every write route in the app's route table, so a route added tomorrow is covered without
 * editing the fuzz test. Fastify offers the table only as printed text (`printRoutes`), one node
 * per line, indented four characters per level, each node's path continuing its parent's.
 */
export function listWriteRoutes(app: FastifyInstance): WriteRoute[] {
  const line = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/;
  const pathAtDepth: string[] = [];
  const routes: Array<{ method: WriteMethod; pattern: string }> = [];
  for (const text of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = line.exec(text);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const pattern = (pathAtDepth[depth - 1] ?? '') + match[2]!;
    pathAtDepth[depth] = pattern;
    pathAtDepth.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ')) {
      if ((WRITE_METHODS as readonly string[]).includes(method)) routes.push({ method: method as WriteMethod, pattern });
    }
  }
  const documented = documentedApiWrites();
  return routes.map(({ method, pattern }) => ({ method, pattern, isApi: pattern.startsWith('/api/'), mediaTypes: [], ...documented.get(`${method} ${pattern}`) }));
}

/** The OpenAPI document's write operations, keyed `METHOD /fastify/:pattern`. */
export function documentedApiWrites(): Map<string, { bodySchema?: JsonSchema; mediaTypes: string[] }> {
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
  const operations = new Map<string, { bodySchema?: JsonSchema; mediaTypes: string[] }>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!operation) continue;
      const content = operation.requestBody?.content ?? {};
      const bodySchema = content['application/json']?.schema;
      operations.set(`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`, { ...(bodySchema ? { bodySchema } : {}), mediaTypes: Object.keys(content) });
    }
  }
  return operations;
}

/** The `:name` parameters of a route pattern, in order. */
export function paramNames(pattern: string): string[] {
  return [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

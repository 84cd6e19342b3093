import { z } from 'zod';

/**
 * The pieces every part of the OpenAPI document is built from, so that each response, parameter
 * and problem is described the same way wherever it appears.
 */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of what a zod schema produces (responses) or accepts (request bodies). */
export const output = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
export const input = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (description: string, schema: JsonSchema) => ({ description, content: { 'application/json': { schema } } });
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
export const body = (schema: JsonSchema) => ({ required: true, content: { 'application/json': { schema } } });
/** An object holding one array of a component: `{ [key]: [Item] }`. */
export const list = (key: string, item: string) => ({ type: 'object', properties: { [key]: { type: 'array', items: ref(item) } } });

export const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
export const uuidPathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });

/** Query parameters of an operation, from the same zod object that validates them. */
export function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const described = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: described.required?.includes(name) ?? false,
    description: property.description,
    schema: { ...property, description: undefined },
  }));
}

export const csrfHeader = (required = true) => ({
  name: 'x-csrf-token',
  in: 'header',
  required,
  description: 'The csrfToken returned when the session started. Required on unsafe methods whenever a session cookie is sent.',
  schema: { type: 'string' },
});

/** Operations that need a signed-in session; the API test skips calling these anonymously. */
export const signedIn = { security: [{ sessionCookie: [] }] };
export const common = { '400': problem('Invalid request'), '401': problem('Not signed in') };
/** Unknown and invisible resources get the same answer, so ids cannot be probed. */
export const hidden = problem('Not found, or not visible to you (the two are not told apart)');

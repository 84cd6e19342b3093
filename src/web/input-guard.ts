import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { findUnacceptableInput } from './input-scan.ts';
import type { InputLocation, InputProblem } from './input-scan.ts';

/**
 * Input every route can trust before its own validation runs, checked once for the whole hub:
 *
 * - JSON bodies are parsed here, so syntax errors, empty bodies and forbidden property names
 *   (`__proto__`, `constructor.prototype`) each get an accurate message;
 * - text bodies (`text/plain`) are no longer accepted: no route reads them, and a JSON body sent
 *   as text/plain answers 415 saying what to send instead;
 * - text PostgreSQL cannot store (the NUL character) or that is not Unicode at all (a lone UTF-16
 *   surrogate) is refused with a 400 naming the field, wherever it arrives: body, form, query
 *   string or address. Without this, each such value reaches the database and fails there as a 500.
 */
async function inputGuard(app: FastifyInstance): Promise<void> {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // A preHandler, not preValidation: multipart fields (parsed in a preValidation hook registered
  // later) must be in request.body before they are checked.
  app.addHook('preHandler', async (request) => {
    const problems = scanRequest(request);
    if (problems.length > 0) throw new AppError('invalid', summarise(problems), problems.map(({ field, message }) => ({ field, message })));
  });
}

export const registerInputGuard = fp(inputGuard, { name: 'hub-input-guard' });

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new AppError('invalid', 'The request body is empty. Send a JSON value, or leave out the content-type header when there is nothing to send.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid', `The request body is not valid JSON: ${(error as SyntaxError).message}`);
  }
}

function scanRequest(request: FastifyRequest): InputProblem[] {
  const sources: Array<[InputLocation, unknown]> = [
    ['address', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  const problems = sources.flatMap(([location, value]) => findUnacceptableInput(value, location));
  if (isMultipart(request) && hasUnnamedPart(request.body)) {
    problems.push({ kind: 'unnamed-part', field: '(unnamed part)', message: 'Every part of a multipart form needs a name: content-disposition: form-data; name="…".' });
  }
  return problems;
}

function summarise(problems: readonly InputProblem[]): string {
  const forbidden = problems.find((p) => p.kind === 'forbidden-name');
  if (forbidden) return `The ${forbidden.location === 'body' ? 'request body' : 'request'} contains a forbidden property name: ${forbidden.name}. Remove it and try again.`;
  if (problems.some((p) => p.kind === 'unnamed-part')) return 'The multipart form has a part with no name.';
  if (problems.some((p) => p.kind === 'too-deep')) return 'The request body is nested too deeply.';
  return 'Some of the values in the request contain characters the hub cannot store.';
}

function isMultipart(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
}

/** @fastify/multipart files a part without a name under the key "undefined"; no hub form has such a field. */
function hasUnnamedPart(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.hasOwn(body, 'undefined');
}

/** What to send instead of an unsupported body, for the error handler's 415. */
export function unsupportedMediaTypeMessage(url: string): string {
  return url.startsWith('/api/')
    ? 'This content type is not supported. Send the request body as JSON with content-type: application/json (evidence files as multipart/form-data).'
    : 'This content type is not supported. Send the form as application/x-www-form-urlencoded or multipart/form-data.';
}

// Errors thrown from inside the multipart parser (busboy) carry neither a code nor a status: a
// missing or unusable boundary, or a body that ends early. They are the sender's fault, so 400.
const MULTIPART_PARSER_SOURCE = /[\\/]@fastify[\\/]busboy[\\/]/;
// @fastify/multipart answers these with 406, which is about the Accept header; the sender's body is at fault.
const MULTIPART_BAD_REQUEST_CODES = new Set(['FST_INVALID_MULTIPART_CONTENT_TYPE', 'FST_INVALID_JSON_FIELD_ERROR']);

/** Whether an error means the multipart body itself was malformed (so the answer is 400, not 500). */
export function isMalformedMultipart(error: Error & { code?: string }, request: FastifyRequest): boolean {
  if (!isMultipart(request)) return false;
  if (error.code !== undefined && MULTIPART_BAD_REQUEST_CODES.has(error.code)) return true;
  const thrownAt = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  return thrownAt !== undefined && MULTIPART_PARSER_SOURCE.test(thrownAt);
}

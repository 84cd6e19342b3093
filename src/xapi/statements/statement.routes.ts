import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { XapiStatementRow } from '../../db/xapi-statement.repository.ts';
import type { LrsClient } from '../../services/xapi/lrs-key.service.ts';
import { lrsClientOf } from '../xapi.plugin.ts';
import type { XapiDeps } from '../xapi.plugin.ts';
import { XapiError } from '../xapi-errors.ts';
import { writeMultipart } from './multipart.ts';
import { readStatementBody } from './statement-body.ts';
import { acceptedLanguages, canonicalFormat, idsFormat } from './statement-format.ts';
import { moreToken, parseStatementQuery } from './statement-query.ts';
import type { SingleStatementQuery, StatementFormat, StatementListQuery } from './statement-query.ts';
import { asArray, indexStatement, isObject } from './statement-terms.ts';
import type { Json } from './statement-terms.ts';

// A literal, not XAPI_PREFIX: this module is imported while xapi.plugin.ts is still loading.
const STATEMENTS_PATH = '/xapi/statements';
type Service = XapiDeps['services']['xapiStatements'];

/** The Statement Resource (9274.1.1 §4.1.6.1): PUT, POST, GET and (by Fastify) HEAD at /xapi/statements. */
export function registerStatementRoutes(xapi: FastifyInstance, deps: XapiDeps): void {
  const service = deps.services.xapiStatements;
  // Every answer of the resource, errors included, says how current it is (XAPI-00153): writes are synchronous, so now.
  xapi.addHook('onSend', async (request, reply, payload) => {
    if (request.url.split('?')[0] === STATEMENTS_PATH) reply.header('x-experience-api-consistent-through', new Date().toISOString());
    return payload;
  });

  xapi.put('/statements', async (request, reply) => {
    const client = lrsClientOf(request);
    const query = isObject(request.query) ? request.query : {};
    const extra = Object.keys(query).find((name) => name !== 'statementId');
    if (extra) throw new XapiError(400, `PUT /statements takes only the statementId parameter, not ${extra}.`);
    if (typeof query.statementId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(query.statementId)) throw new XapiError(400, 'PUT /statements needs the statementId parameter, a UUID.');
    const body = readStatementBody(request);
    if (!isObject(body.json)) throw new XapiError(400, 'PUT /statements takes one statement, a JSON object.');
    await service.storeStatements(client, [body.json], body.parts, query.statementId);
    return reply.status(204).send();
  });

  xapi.post('/statements', async (request, reply) => {
    const client = lrsClientOf(request);
    const names = Object.keys(isObject(request.query) ? request.query : {});
    if (names.length) throw new XapiError(400, `POST /statements takes no parameters (xAPI 2.0 has no alternate request syntax): ${names.join(', ')}.`);
    const body = readStatementBody(request);
    const statements = Array.isArray(body.json) ? body.json : [body.json];
    const ids = await service.storeStatements(client, statements, body.parts);
    return reply.status(200).type('application/json; charset=utf-8').send(ids);
  });

  xapi.get('/statements', async (request, reply) => {
    const client = lrsClientOf(request);
    const query = parseStatementQuery(request.query);
    const answer = query.kind === 'single' ? await singleAnswer(service, client, query) : await listAnswer(service, client, query);
    const shaped = await shape(service, client, request, answer.statements, query.format);
    const json = query.kind === 'single' ? shaped[0] : { statements: shaped, more: answer.more };
    if (answer.lastStored) reply.header('last-modified', answer.lastStored.toUTCString());
    if (!query.attachments) return reply.type('application/json; charset=utf-8').send(json);
    return sendWithAttachments(service, client, reply, json, answer.statements);
  });
}

interface Answer {
  statements: Json[];
  more: string;
  lastStored?: Date;
}

async function singleAnswer(service: Service, client: LrsClient, query: SingleStatementQuery): Promise<Answer> {
  const row: XapiStatementRow | undefined = await service.getStatement(client, query.id, query.voided);
  if (!row) throw new XapiError(404, query.voided ? 'There is no voided statement with that id.' : 'There is no statement with that id (or it has been voided).');
  return { statements: [row.statement as Json], more: '', lastStored: row.stored };
}

async function listAnswer(service: Service, client: LrsClient, query: StatementListQuery): Promise<Answer> {
  const bound = query.page?.bound ?? (await service.newestSeq(client));
  const rows = await service.queryStatements(client, query.filter, { bound, cursor: query.page?.cursor, limit: query.limit });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const more = rows.length > query.limit && last ? `${STATEMENTS_PATH}?more=${moreToken(query.params, bound, last.seq)}` : '';
  const lastStored = page.reduce<Date | undefined>((newest, row) => (!newest || row.stored > newest ? row.stored : newest), undefined);
  return { statements: page.map((row) => row.statement as Json), more, lastStored };
}

async function shape(service: Service, client: LrsClient, request: FastifyRequest, statements: Json[], format: StatementFormat): Promise<Json[]> {
  if (format === 'ids') return statements.map(idsFormat);
  if (format === 'exact') return statements;
  const activityIds = [...new Set(statements.flatMap((s) => indexStatement(s).terms.filter((t) => t.kind === 'activity').map((t) => t.value)))];
  const definitions = await service.definitions(client, activityIds);
  const languages = acceptedLanguages(request.headers['accept-language']);
  return statements.map((statement) => canonicalFormat(statement, definitions, languages));
}

/** attachments=true: multipart/mixed, the JSON first, then each attachment the statements carry (9274.1.1 §4.1.3). */
async function sendWithAttachments(service: Service, client: LrsClient, reply: FastifyReply, json: unknown, statements: Json[]) {
  const sha2s = [...new Set(statements.flatMap((s) => asArray(s.attachments)).flatMap((a) => (isObject(a) && typeof a.sha2 === 'string' ? [a.sha2.toLowerCase()] : [])))];
  const attachments = await service.attachments(client, sha2s);
  const { contentType, body } = writeMultipart([
    { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(json)) },
    ...attachments.map((a) => ({ headers: { 'Content-Type': a.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': a.sha2 }, body: a.content })),
  ]);
  return reply.type(contentType).send(body);
}

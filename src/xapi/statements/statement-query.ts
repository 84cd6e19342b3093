import type { StatementFilter } from '../../db/xapi-statement.repository.ts';
import { XapiError } from '../xapi-errors.ts';
import { ifiOf, isObject } from './statement-terms.ts';

export type StatementFormat = 'ids' | 'exact' | 'canonical';

export interface SingleStatementQuery {
  kind: 'single';
  id: string;
  voided: boolean;
  format: StatementFormat;
  attachments: boolean;
}

export interface StatementListQuery {
  kind: 'list';
  filter: StatementFilter;
  limit: number;
  format: StatementFormat;
  attachments: boolean;
  /** The parameters as sent, for the `more` link. */
  params: Record<string, string>;
  /** Set when following a `more` link. */
  page?: { bound: number; cursor: number };
}

/** The most statements one answer holds; `limit=0` means this many. */
export const MAX_STATEMENTS_PER_PAGE = 200;

const PARAMETERS = new Set(['statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending']);
const SINGLE_EXTRAS = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const bad = (message: string) => new XapiError(400, message);

function strings(query: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(isObject(query) ? query : {})) {
    if (typeof value !== 'string') throw bad(`Send the ${name} parameter once.`);
    params[name] = value;
  }
  return params;
}

function boolean(params: Record<string, string>, name: string): boolean {
  const value = params[name];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw bad(`The ${name} parameter must be true or false.`);
}

function format(params: Record<string, string>): StatementFormat {
  const value = params.format ?? 'exact';
  if (value === 'ids' || value === 'exact' || value === 'canonical') return value;
  throw bad('The format parameter must be ids, exact or canonical.');
}

function uuid(value: string, name: string): string {
  if (!UUID.test(value)) throw bad(`The ${name} parameter must be a UUID.`);
  return value.toLowerCase();
}

function iri(value: string, name: string): string {
  if (!IRI.test(value)) throw bad(`The ${name} parameter must be an IRI.`);
  return value;
}

function time(value: string, name: string): Date {
  const parsed = new Date(value);
  if (!TIMESTAMP.test(value) || Number.isNaN(parsed.getTime())) throw bad(`The ${name} parameter must be an ISO 8601 timestamp with a time zone.`);
  return parsed;
}

function agentIfi(value: string): string {
  let agent: unknown;
  try {
    agent = JSON.parse(value);
  } catch {
    throw bad('The agent parameter must be an Agent or identified Group as JSON.');
  }
  const ifi = ifiOf(agent);
  if (!ifi) throw bad('The agent parameter must name an Agent or Group by one identifier (mbox, mbox_sha1sum, openid or account).');
  return ifi;
}

function filterOf(params: Record<string, string>): StatementFilter {
  const filter: StatementFilter = { relatedAgents: boolean(params, 'related_agents'), relatedActivities: boolean(params, 'related_activities'), ascending: boolean(params, 'ascending') };
  if (params.agent !== undefined) filter.agentIfi = agentIfi(params.agent);
  if (params.verb !== undefined) filter.verbId = iri(params.verb, 'verb');
  if (params.activity !== undefined) filter.activityId = iri(params.activity, 'activity');
  if (params.registration !== undefined) filter.registration = uuid(params.registration, 'registration');
  if (params.since !== undefined) filter.since = time(params.since, 'since');
  if (params.until !== undefined) filter.until = time(params.until, 'until');
  return filter;
}

function limitOf(params: Record<string, string>): number {
  if (params.limit === undefined) return MAX_STATEMENTS_PER_PAGE;
  if (!/^\d+$/.test(params.limit)) throw bad('The limit parameter must be a whole number.');
  const limit = Number(params.limit);
  return limit === 0 || limit > MAX_STATEMENTS_PER_PAGE ? MAX_STATEMENTS_PER_PAGE : limit;
}

/** The GET /xapi/statements parameters (9274.1.1 §4.1.6.1), refusing unknown, repeated or ill-formed ones. */
export function parseStatementQuery(query: unknown): SingleStatementQuery | StatementListQuery {
  const params = strings(query);
  if (params.more !== undefined) return followMore(params);
  for (const name of Object.keys(params)) if (!PARAMETERS.has(name)) throw bad(`The statements resource has no parameter ${name}.`);
  const attachments = boolean(params, 'attachments');
  const single = params.statementId ?? params.voidedStatementId;
  if (single !== undefined) {
    if (params.statementId !== undefined && params.voidedStatementId !== undefined) throw bad('Send statementId or voidedStatementId, not both.');
    const extra = Object.keys(params).find((name) => !SINGLE_EXTRAS.has(name));
    if (extra) throw bad(`The ${extra} parameter cannot be sent with statementId or voidedStatementId.`);
    return { kind: 'single', id: uuid(single, params.statementId !== undefined ? 'statementId' : 'voidedStatementId'), voided: params.statementId === undefined, format: format(params), attachments };
  }
  return { kind: 'list', filter: filterOf(params), limit: limitOf(params), format: format(params), attachments, params };
}

/** The `more` link's token: the original parameters and where the next page starts. Opaque to clients. */
export function moreToken(params: Record<string, string>, bound: number, cursor: number): string {
  return Buffer.from(JSON.stringify({ p: params, b: bound, c: cursor })).toString('base64url');
}

function followMore(params: Record<string, string>): StatementListQuery {
  if (Object.keys(params).length !== 1) throw bad('Follow a more link as it is, without other parameters.');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(params.more ?? '', 'base64url').toString('utf8'));
  } catch {
    throw bad('The more parameter is not one this learning record store gave.');
  }
  if (!isObject(decoded) || !isObject(decoded.p) || typeof decoded.b !== 'number' || typeof decoded.c !== 'number' || 'more' in decoded.p) throw bad('The more parameter is not one this learning record store gave.');
  const query = parseStatementQuery(decoded.p);
  if (query.kind !== 'list') throw bad('The more parameter is not one this learning record store gave.');
  return { ...query, page: { bound: decoded.b, cursor: decoded.c } };
}

import type { XapiDocumentKind } from '../../db/tables/xapi-documents.ts';
import { isIri, parseAgentParameter } from '../agent-ifi.ts';

/**
 * The query parameters of the three document resources (9274.1.1 §4.1.6.2, .5, .6), checked to the
 * letter: a missing or malformed one, one the resource does not take (in any letter case), one sent
 * twice, or `since` beside a document id is a 400 with a message saying which (§4.1.5, §4.1.6).
 */

export type DocumentMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** Where documents live: all of one kind for an activity and/or agent (and a state's registration). */
export interface DocumentScope {
  kind: XapiDocumentKind;
  activityId: string;
  agentIfi: string;
  /** A state's registration; undefined in a state list or delete-all means every registration. */
  registration: string | undefined;
}

export interface DocumentRequest {
  scope: DocumentScope;
  /** The stateId or profileId; undefined asks for the list of ids (GET) or every state (DELETE). */
  documentId: string | undefined;
  since: Date | undefined;
}

export type ParamsParse = { ok: true; request: DocumentRequest } | { ok: false; problem: string };

interface ResourceShape {
  kind: XapiDocumentKind;
  idName: 'stateId' | 'profileId';
  activity: boolean;
  agent: boolean;
  registration: boolean;
}

export const STATE_RESOURCE: ResourceShape = { kind: 'state', idName: 'stateId', activity: true, agent: true, registration: true };
export const ACTIVITY_PROFILE_RESOURCE: ResourceShape = { kind: 'activity_profile', idName: 'profileId', activity: true, agent: false, registration: false };
export const AGENT_PROFILE_RESOURCE: ResourceShape = { kind: 'agent_profile', idName: 'profileId', activity: false, agent: true, registration: false };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 combined date and time with a zone (9274.1.1 §4.2.7 timestamps).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

export function parseDocumentParams(shape: ResourceShape, method: DocumentMethod, query: Record<string, unknown>): ParamsParse {
  const allowed = allowedNames(shape, method);
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) return fail(`The ${name} parameter is not one this resource takes for ${method}; it takes ${allowed.join(', ')}.`);
    if (typeof value !== 'string') return fail(`The ${name} parameter was sent more than once.`);
  }
  const values = query as Record<string, string | undefined>;
  const documentId = values[shape.idName];
  const idOptional = method === 'GET' || (method === 'DELETE' && shape.kind === 'state');
  if (documentId === undefined && !idOptional) return fail(`The ${shape.idName} parameter is required.`);
  if (documentId === '') return fail(`The ${shape.idName} parameter must not be empty.`);
  if (documentId !== undefined && values.since !== undefined) return fail(`Send either ${shape.idName} (one document) or since (a list of ids), not both.`);
  const scope = parseScope(shape, values);
  if ('problem' in scope) return fail(scope.problem);
  const since = values.since === undefined ? undefined : parseTimestamp(values.since);
  if (since === null) return fail(`The since parameter must be an ISO 8601 timestamp with a time zone, such as 2026-12-05T09:30:00Z; it was "${values.since}".`);
  return { ok: true, request: { scope, documentId, since } };
}

function allowedNames(shape: ResourceShape, method: DocumentMethod): string[] {
  const names = [shape.activity && 'activityId', shape.agent && 'agent', shape.registration && 'registration', shape.idName];
  if (method === 'GET') names.push('since');
  return names.filter((name): name is string => typeof name === 'string');
}

function parseScope(shape: ResourceShape, values: Record<string, string | undefined>): DocumentScope | { problem: string } {
  let activityId = '';
  let agentIfi = '';
  if (shape.activity) {
    if (values.activityId === undefined) return { problem: 'The activityId parameter is required.' };
    if (!isIri(values.activityId)) return { problem: `The activityId parameter must be an IRI with a scheme, such as https://example.com/course/1; it was "${values.activityId}".` };
    activityId = values.activityId;
  }
  if (shape.agent) {
    if (values.agent === undefined) return { problem: 'The agent parameter is required: an Agent object in JSON.' };
    const agent = parseAgentParameter(values.agent);
    if (!agent.ok) return { problem: agent.problem };
    agentIfi = agent.ifi;
  }
  const registration = values.registration;
  if (registration !== undefined && !UUID.test(registration)) return { problem: `The registration parameter must be a UUID; it was "${registration}".` };
  return { kind: shape.kind, activityId, agentIfi, registration: registration?.toLowerCase() };
}

/** A timestamp parameter as a Date, or null when it is not one. */
export function parseTimestamp(text: string): Date | null {
  if (!TIMESTAMP.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

const fail = (problem: string): ParamsParse => ({ ok: false, problem });

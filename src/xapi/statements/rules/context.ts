import { checkActivity } from './activities.ts';
import { checkActor, checkAgent, checkGroup } from './actors.ts';
import { isLanguageTag, isUuid } from './formats.ts';
import {
  type JsonObject, arrayAt, checkExtensions, has, iriAt, isJsonObject, objectWith, optional, refuse,
  requireProperty, stringAt,
} from './rule-kit.ts';

const CONTEXT_PROPERTIES = [
  'registration', 'instructor', 'team', 'contextActivities', 'contextAgents', 'contextGroups',
  'revision', 'platform', 'language', 'statement', 'extensions',
];

export function uuidAt(value: unknown, path: string): string {
  const text = stringAt(value, path);
  if (!isUuid(text)) refuse(path, `must be a UUID in its standard form (8-4-4-4-12 hex digits), not "${text}"`);
  return text;
}

/** A Statement Reference: objectType "StatementRef" and a UUID id. */
export function checkStatementRef(value: unknown, path: string): void {
  const ref = objectWith(value, path, ['objectType', 'id']);
  if (ref.objectType !== 'StatementRef') refuse(`${path}.objectType`, `must be "StatementRef", not ${JSON.stringify(ref.objectType)}`);
  uuidAt(requireProperty(ref, 'id', path), `${path}.id`);
}

/** A context (9274 §4.2.2.5). `objectIsActivity` decides whether revision and platform may be used. */
export function checkContext(value: unknown, path: string, objectIsActivity: boolean): void {
  const context = objectWith(value, path, CONTEXT_PROPERTIES);
  optional(context, 'registration', path, uuidAt);
  optional(context, 'instructor', path, checkActor);
  optional(context, 'team', path, checkGroup);
  optional(context, 'contextActivities', path, checkContextActivities);
  optional(context, 'contextAgents', path, checkContextAgents);
  optional(context, 'contextGroups', path, checkContextGroups);
  for (const key of ['revision', 'platform']) {
    if (!has(context, key)) continue;
    stringAt(context[key], `${path}.${key}`);
    if (!objectIsActivity) refuse(`${path}.${key}`, 'is only allowed when the object is an Activity');
  }
  optional(context, 'language', path, (language, at) => {
    const tag = stringAt(language, at);
    if (!isLanguageTag(tag)) refuse(at, `must be an RFC 5646 language tag such as "en-GB", not "${tag}"`);
  });
  optional(context, 'statement', path, checkStatementRef);
  optional(context, 'extensions', path, checkExtensions);
}

/** contextActivities: keys parent, grouping, category, other; each a single Activity or an array of them. */
function checkContextActivities(value: unknown, path: string): void {
  const activities = objectWith(value, path, ['parent', 'grouping', 'category', 'other']);
  for (const [key, entry] of Object.entries(activities)) {
    if (Array.isArray(entry)) entry.forEach((activity, index) => checkActivity(activity, `${path}.${key}[${index}]`));
    else checkActivity(entry, `${path}.${key}`);
  }
}

/** Relevant types: when present, one or more IRIs. */
function checkRelevantTypes(holder: JsonObject, path: string): void {
  optional(holder, 'relevantTypes', path, (types, at) => {
    const list = arrayAt(types, at);
    if (list.length === 0) refuse(at, 'must hold at least one IRI when it is present');
    list.forEach((type, index) => iriAt(type, `${at}[${index}]`));
  });
}

/** contextAgents (xAPI 2.0): an array of { objectType: "contextAgent", agent: Agent, relevantTypes?: IRI[] }. */
function checkContextAgents(value: unknown, path: string): void {
  arrayAt(value, path).forEach((item, index) => {
    const at = `${path}[${index}]`;
    const entry = objectWith(item, at, ['objectType', 'agent', 'relevantTypes']);
    if (entry.objectType !== 'contextAgent') refuse(`${at}.objectType`, `must be "contextAgent", not ${JSON.stringify(entry.objectType)}`);
    const agent = requireProperty(entry, 'agent', at);
    if (isJsonObject(agent) && agent.objectType === 'Group') refuse(`${at}.agent`, 'must be an Agent; put Groups in contextGroups');
    checkAgent(agent, `${at}.agent`);
    checkRelevantTypes(entry, at);
  });
}

/** contextGroups (xAPI 2.0): an array of { objectType: "contextGroup", group: Group, relevantTypes?: IRI[] }. */
function checkContextGroups(value: unknown, path: string): void {
  arrayAt(value, path).forEach((item, index) => {
    const at = `${path}[${index}]`;
    const entry = objectWith(item, at, ['objectType', 'group', 'relevantTypes']);
    if (entry.objectType !== 'contextGroup') refuse(`${at}.objectType`, `must be "contextGroup", not ${JSON.stringify(entry.objectType)}`);
    checkGroup(requireProperty(entry, 'group', at), `${at}.group`);
    checkRelevantTypes(entry, at);
  });
}

import { checkActivity } from './rules/activities.ts';
import { checkActor, checkAgent, checkAuthority, checkGroup } from './rules/actors.ts';
import { checkAttachments } from './rules/attachments.ts';
import { checkContext, checkStatementRef, uuidAt } from './rules/context.ts';
import { isStatementVersion, isTimestamp } from './rules/formats.ts';
import { checkResult } from './rules/result.ts';
import {
  type JsonObject, checkLanguageMap, has, iriAt, isJsonObject, objectWith, optional, refuse, requireProperty, stringAt,
} from './rules/rule-kit.ts';

const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
const STATEMENT_PROPERTIES = [
  'id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments',
];
// A SubStatement has no id, stored, version or authority (9274 §4.2.2.3, Object As Sub-Statement table).
const SUBSTATEMENT_PROPERTIES = ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];

/**
 * Throws XapiError(400, message naming the path and the rule) if the statement breaks any xAPI 2.0 rule
 * (IEEE 9274.1.1 §4.2, and xAPI 1.0.3 where 2.0 does not conflict); returns nothing.
 * It checks one statement as a client sent it, before the LRS fills id, stored, authority, timestamp and version.
 * `path` names the statement in messages; for a batch pass e.g. `statements[3]`.
 */
export function checkStatement(statement: unknown, path = 'statement'): void {
  const body = objectWith(statement, path, STATEMENT_PROPERTIES);
  optional(body, 'id', path, uuidAt);
  checkCore(body, path, false);
  optional(body, 'stored', path, timestampAt);
  optional(body, 'authority', path, checkAuthority);
  optional(body, 'version', path, (value, at) => {
    const version = stringAt(value, at);
    if (!isStatementVersion(version)) refuse(at, `must be an xAPI version such as "2.0.0", not "${version}"`);
  });
}

/** What a statement and a SubStatement share: actor, verb, object, result, context, timestamp, attachments. */
function checkCore(body: JsonObject, path: string, inSubStatement: boolean): void {
  checkActor(requireProperty(body, 'actor', path), `${path}.actor`);
  checkVerb(requireProperty(body, 'verb', path), `${path}.verb`);
  const object = requireProperty(body, 'object', path);
  checkObject(object, `${path}.object`, inSubStatement);
  if (verbIdOf(body) === VOIDED_VERB && (object as JsonObject).objectType !== 'StatementRef') {
    refuse(`${path}.object`, 'must be a StatementRef naming the statement to void, because the verb is "voided"');
  }
  optional(body, 'result', path, checkResult);
  optional(body, 'context', path, (context, at) => checkContext(context, at, isActivityObject(object)));
  optional(body, 'timestamp', path, timestampAt);
  optional(body, 'attachments', path, checkAttachments);
}

const verbIdOf = (body: JsonObject): unknown => (body.verb as JsonObject).id;
const isActivityObject = (object: unknown): boolean =>
  isJsonObject(object) && (!has(object, 'objectType') || object.objectType === 'Activity');

function checkVerb(value: unknown, path: string): void {
  const verb = objectWith(value, path, ['id', 'display']);
  iriAt(requireProperty(verb, 'id', path), `${path}.id`);
  optional(verb, 'display', path, checkLanguageMap);
}

/** The object: an Activity (objectType absent or "Activity"), Agent, Group, StatementRef or SubStatement. */
function checkObject(value: unknown, path: string, inSubStatement: boolean): void {
  const objectType = isJsonObject(value) ? value.objectType : undefined;
  switch (objectType) {
    case undefined:
      if (looksLikeActor(value)) {
        refuse(path, 'must say objectType "Agent" or "Group" when it is an Agent or Group; without objectType it is read as an Activity');
      }
      checkActivity(value, path);
      return;
    case 'Activity':
      checkActivity(value, path);
      return;
    case 'Agent':
      checkAgent(value, path);
      return;
    case 'Group':
      checkGroup(value, path);
      return;
    case 'StatementRef':
      checkStatementRef(value, path);
      return;
    case 'SubStatement':
      if (inSubStatement) refuse(path, 'is a SubStatement inside a SubStatement, which xAPI does not allow');
      checkSubStatement(value, path);
      return;
    default:
      refuse(`${path}.objectType`, `must be one of Activity, Agent, Group, StatementRef, SubStatement, not ${JSON.stringify(objectType)}`);
  }
}

const looksLikeActor = (value: unknown): boolean =>
  isJsonObject(value) && ['mbox', 'mbox_sha1sum', 'openid', 'account', 'member'].some((key) => has(value, key));

function checkSubStatement(value: unknown, path: string): void {
  if (isJsonObject(value)) {
    for (const key of ['id', 'stored', 'version', 'authority']) {
      if (has(value, key)) refuse(`${path}.${key}`, 'is not allowed in a SubStatement (only the outer statement has it)');
    }
  }
  checkCore(objectWith(value, path, SUBSTATEMENT_PROPERTIES), path, true);
}

function timestampAt(value: unknown, path: string): void {
  const timestamp = stringAt(value, path);
  if (!isTimestamp(timestamp)) {
    refuse(path, `must be an ISO 8601 date and time such as "2026-12-05T17:00:00.000Z" (an offset of -00:00 is not allowed), not "${timestamp}"`);
  }
}

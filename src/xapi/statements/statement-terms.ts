/** What the store indexes about a statement (pure): the columns and term rows the GET filters match. */
import { ifiKey } from '../agent-ifi.ts';
import type { XapiAgent } from '../agent-ifi.ts';

export type Json = Record<string, unknown>;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/**
 * One string per Inverse Functional Identifier, so equal agents index equally: the same key the
 * document resources use (agent-ifi.ts), so statements and documents about one person line up.
 */
export function ifiOf(agent: unknown): string | null {
  if (!isObject(agent)) return null;
  const { mbox, mbox_sha1sum: sha1sum, openid, account } = agent;
  const ifi: XapiAgent = {};
  if (typeof mbox === 'string') ifi.mbox = mbox;
  else if (typeof sha1sum === 'string') ifi.mbox_sha1sum = sha1sum;
  else if (typeof openid === 'string') ifi.openid = openid;
  else if (isObject(account) && typeof account.homePage === 'string' && typeof account.name === 'string') ifi.account = { homePage: account.homePage, name: account.name };
  else return null;
  return ifiKey(ifi);
}

export interface Term {
  kind: 'agent' | 'activity';
  value: string;
  narrow: boolean;
}

export interface StatementIndex {
  verbId: string;
  actorIfi: string | null;
  objectActivityId: string | null;
  objectStatementRef: string | null;
  registration: string | null;
  voiding: boolean;
  terms: Term[];
}

const isActivity = (object: Json) => object.objectType === undefined || object.objectType === 'Activity';
const isAgentLike = (object: Json) => object.objectType === 'Agent' || object.objectType === 'Group';

/** The agent and its group's members: a group's member is as much the actor as the group. */
function agentTerms(agent: unknown, narrow: boolean): Term[] {
  if (!isObject(agent)) return [];
  const own = ifiOf(agent);
  const terms: Term[] = own ? [{ kind: 'agent', value: own, narrow }] : [];
  for (const member of asArray(agent.member)) {
    const ifi = ifiOf(member);
    if (ifi) terms.push({ kind: 'agent', value: ifi, narrow });
  }
  return terms;
}

function contextTerms(context: unknown): Term[] {
  if (!isObject(context)) return [];
  const terms = [...agentTerms(context.instructor, false), ...agentTerms(context.team, false)];
  for (const entry of asArray(context.contextAgents)) if (isObject(entry)) terms.push(...agentTerms(entry.agent, false));
  for (const entry of asArray(context.contextGroups)) if (isObject(entry)) terms.push(...agentTerms(entry.group, false));
  const activities = context.contextActivities;
  if (isObject(activities)) {
    for (const kind of ['parent', 'grouping', 'category', 'other']) {
      for (const activity of asArray(activities[kind])) if (isObject(activity) && typeof activity.id === 'string') terms.push({ kind: 'activity', value: activity.id, narrow: false });
    }
  }
  return terms;
}

/** Terms of a statement or SubStatement; a SubStatement's own terms are never narrow. */
function statementTerms(statement: Json, narrow: boolean): Term[] {
  const terms = [...agentTerms(statement.actor, narrow), ...contextTerms(statement.context)];
  const object = statement.object;
  if (isObject(object)) {
    if (isActivity(object) && typeof object.id === 'string') terms.push({ kind: 'activity', value: object.id, narrow });
    else if (isAgentLike(object)) terms.push(...agentTerms(object, narrow));
    else if (object.objectType === 'SubStatement') terms.push(...statementTerms(object, false));
  }
  return terms;
}

function unique(terms: Term[]): Term[] {
  const seen = new Map<string, Term>();
  for (const term of terms) seen.set(`${term.kind} ${term.narrow} ${term.value}`, term);
  return [...seen.values()];
}

/** The indexed view of a (normalised) statement. */
export function indexStatement(statement: Json): StatementIndex {
  const object = isObject(statement.object) ? statement.object : {};
  const verbId = isObject(statement.verb) && typeof statement.verb.id === 'string' ? statement.verb.id : '';
  const context = isObject(statement.context) ? statement.context : {};
  const terms = [...statementTerms(statement, true), ...agentTerms(statement.authority, false)];
  return {
    verbId,
    actorIfi: ifiOf(statement.actor),
    objectActivityId: isActivity(object) && typeof object.id === 'string' ? object.id : null,
    objectStatementRef: object.objectType === 'StatementRef' && typeof object.id === 'string' ? object.id : null,
    registration: typeof context.registration === 'string' ? context.registration : null,
    voiding: verbId === VOIDED_VERB,
    terms: unique(terms),
  };
}

/** Every activity with a definition the statement carries (object, context activities, SubStatement's). */
export function activityDefinitionsOf(statement: Json): Array<{ id: string; definition: Json }> {
  const found: Array<{ id: string; definition: Json }> = [];
  const visit = (activity: unknown) => {
    if (isObject(activity) && typeof activity.id === 'string' && isObject(activity.definition) && isActivity(activity)) found.push({ id: activity.id, definition: activity.definition });
  };
  const visitStatement = (s: Json) => {
    visit(s.object);
    const activities = isObject(s.context) ? s.context.contextActivities : undefined;
    if (isObject(activities)) for (const kind of ['parent', 'grouping', 'category', 'other']) asArray(activities[kind]).forEach(visit);
    if (isObject(s.object) && s.object.objectType === 'SubStatement') visitStatement(s.object);
  };
  visitStatement(statement);
  return found;
}

/** contextActivities values are always arrays when stored and returned (9274.1.1 §4.2.4.2). */
export function withArrayContextActivities(statement: Json): Json {
  const result: Json = { ...statement };
  if (isObject(result.context) && isObject(result.context.contextActivities)) {
    const activities: Json = {};
    for (const [kind, value] of Object.entries(result.context.contextActivities)) activities[kind] = asArray(value);
    result.context = { ...result.context, contextActivities: activities };
  }
  if (isObject(result.object) && result.object.objectType === 'SubStatement') result.object = withArrayContextActivities(result.object);
  return result;
}

export { isObject, asArray };

/** What the store indexes about a statement (pure): the columns and term rows the GET filters match. */

export type Json = Record<string, unknown>;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** One string per Inverse Functional Identifier, so equal agents index equally (mbox_sha1sum is hex, any case). */
export function ifiOf(agent: unknown): string | null {
  if (!isObject(agent)) return null;
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account;
  if (isObject(account) && typeof account.homePage === 'string' && typeof account.name === 'string') return `account:${account.homePage}|${account.name}`;
  return null;
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

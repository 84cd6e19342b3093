/**
 * Sample xAPI 2.0 statements, as a client would send them (no stored/authority filled in by the LRS).
 * Every entry of `validStatementFixtures` passes checkStatement; the statement resource's tests can post them.
 * Build variants with `statementWith(base, (s) => { ... })`, which works on a deep copy.
 */

import { checkStatement } from '../../src/xapi/statements/statement-rules.ts';
import { XapiError } from '../../src/xapi/xapi-errors.ts';

export type StatementJson = Record<string, unknown>;

export const ACTIVITY_ID = 'http://www.example.com/meetings/occurances/34534';
export const VERB_ATTENDED = { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-GB': 'attended', 'en-US': 'attended' } };
export const VERB_VOIDED = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } };
export const AGENT_MBOX = { objectType: 'Agent', name: 'xAPI mbox', mbox: 'mailto:xapi@adlnet.gov' };
export const AGENT_SHA1 = { objectType: 'Agent', mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' };
export const AGENT_OPENID = { objectType: 'Agent', openid: 'http://openid.example.org/12345' };
export const AGENT_ACCOUNT = { objectType: 'Agent', account: { homePage: 'http://www.example.com', name: 'xAPI account name' } };
export const ANONYMOUS_GROUP = { objectType: 'Group', name: 'Study group', member: [AGENT_MBOX, AGENT_ACCOUNT] };
export const IDENTIFIED_GROUP = { objectType: 'Group', name: 'Team A', mbox: 'mailto:team-a@example.com', member: [AGENT_OPENID] };
export const STATEMENT_REF = { objectType: 'StatementRef', id: '8f87ccde-bb56-4c2e-ab83-44982ef22df0' };
export const ATTACHMENT = {
  usageType: 'http://example.com/attachment-usage/test',
  display: { 'en-US': 'A test attachment' },
  description: { 'en-US': 'A test attachment (description)' },
  contentType: 'text/plain; charset=ascii',
  length: 27,
  sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
  fileUrl: 'http://over.there.com/file.txt',
};

const minimal: StatementJson = { actor: AGENT_MBOX, verb: VERB_ATTENDED, object: { id: ACTIVITY_ID } };

/** An interaction activity of the given type, with the component lists that type supports. */
function interaction(interactionType: string, extra: StatementJson): StatementJson {
  const definition = { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType, ...extra };
  return { ...minimal, object: { objectType: 'Activity', id: `${ACTIVITY_ID}/${interactionType}`, definition } };
}
const components = (...ids: string[]) => ids.map((id) => ({ id, description: { 'en-US': `Item ${id}` } }));

export const validStatementFixtures = {
  minimal,
  withEverything: {
    id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
    actor: AGENT_MBOX,
    verb: VERB_ATTENDED,
    object: {
      objectType: 'Activity',
      id: ACTIVITY_ID,
      definition: {
        name: { 'en-GB': 'example meeting', 'zh-Hant': '會議' },
        description: { 'sr-Latn-RS': 'primer' },
        type: 'http://adlnet.gov/expapi/activities/meeting',
        moreInfo: 'http://virtualmeeting.example.com/345256',
        extensions: { 'http://example.com/profiles/meetings/activitydefinitionextensions/room': { name: 'Kilby' } },
      },
    },
    result: {
      score: { scaled: 0.95, raw: 95, min: 0, max: 100 },
      success: true,
      completion: true,
      response: 'We agreed on some example actions.',
      duration: 'PT1H0M0.1S',
      extensions: { 'http://example.com/profiles/meetings/resultextensions/minuteslocation': null },
    },
    context: {
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      instructor: AGENT_ACCOUNT,
      team: ANONYMOUS_GROUP,
      contextActivities: {
        parent: { id: 'http://www.example.com/meetings/series/267' },
        grouping: [{ objectType: 'Activity', id: 'http://www.example.com/meetings/series' }],
        category: [{ id: 'http://www.example.com/meetings/categories/teammeeting', definition: { type: 'http://example.com/expapi/activities/meetingcategory' } }],
        other: [],
      },
      contextAgents: [{ objectType: 'contextAgent', agent: AGENT_OPENID, relevantTypes: ['https://example.com/types/coach'] }],
      contextGroups: [{ objectType: 'contextGroup', group: IDENTIFIED_GROUP, relevantTypes: ['https://example.com/types/team'] }],
      revision: 'rev_10_3_2',
      platform: 'Example virtual meeting software',
      language: 'tlh',
      statement: { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' },
      extensions: { 'http://example.com/profiles/meetings/contextextensions/airspeed': '600mph' },
    },
    timestamp: '2013-05-18T05:32:34.804+00:00',
    attachments: [ATTACHMENT],
    version: '2.0.0',
  },
  groupActor: { ...minimal, actor: ANONYMOUS_GROUP },
  identifiedGroupWithoutMembers: { ...minimal, actor: { objectType: 'Group', account: AGENT_ACCOUNT.account } },
  agentObject: { ...minimal, object: AGENT_SHA1 },
  groupObject: { ...minimal, object: IDENTIFIED_GROUP },
  statementRefObject: { ...minimal, object: STATEMENT_REF },
  subStatement: {
    ...minimal,
    object: {
      objectType: 'SubStatement',
      actor: AGENT_OPENID,
      verb: { id: 'http://example.com/verbs/will-attend', display: { 'en-US': 'will attend' } },
      object: { id: ACTIVITY_ID, definition: { name: { 'en-US': 'meeting' } } },
      result: { success: true },
      context: { platform: 'Example', contextAgents: [{ objectType: 'contextAgent', agent: AGENT_MBOX }] },
      timestamp: '2026-12-05T17:00:00Z',
    },
  },
  voiding: { actor: AGENT_MBOX, verb: VERB_VOIDED, object: STATEMENT_REF },
  oauthAuthority: { ...minimal, authority: { objectType: 'Group', member: [AGENT_ACCOUNT, AGENT_MBOX] } },
  agentAuthority: { ...minimal, authority: AGENT_ACCOUNT, stored: '2026-12-05T17:00:00.123Z' },
  trueFalse: interaction('true-false', { correctResponsesPattern: ['true'] }),
  choice: interaction('choice', { correctResponsesPattern: ['golf[,]tetris'], choices: components('golf', 'tetris', 'chess') }),
  fillIn: interaction('fill-in', { correctResponsesPattern: ['{case_matters=false}Bob\'s your uncle'] }),
  longFillIn: interaction('long-fill-in', { correctResponsesPattern: ['{lang=en}To be or not to be'] }),
  matching: interaction('matching', {
    correctResponsesPattern: ['ben[.]3[,]chris[.]2'], source: components('ben', 'chris'), target: components('1', '2', '3'),
  }),
  performance: interaction('performance', { correctResponsesPattern: ['pong[.]1:[,]dg[.]:10'], steps: components('pong', 'dg') }),
  sequencing: interaction('sequencing', { correctResponsesPattern: ['tim[,]mike'], choices: components('tim', 'mike') }),
  likert: interaction('likert', { correctResponsesPattern: ['likert_3'], scale: components('likert_0', 'likert_3') }),
  numeric: interaction('numeric', { correctResponsesPattern: ['4[:]'] }),
  other: interaction('other', { correctResponsesPattern: ['(35.937432,-86.868896)'] }),
} satisfies Record<string, StatementJson>;

export type StatementChange = (statement: StatementJson) => void;

/** A deep copy of `base` changed by `change` (which may mutate it freely). */
export function statementWith(base: StatementJson, change: StatementChange): StatementJson {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

/** checkStatement's refusal message, or undefined when it accepts; anything but a 400 XapiError is rethrown. */
export function refusalOf(statement: unknown): string | undefined {
  try {
    checkStatement(statement);
    return undefined;
  } catch (error) {
    if (error instanceof XapiError && error.statusCode === 400) return error.message;
    throw error;
  }
}

import { describe, expect, it } from 'vitest';
import {
  AGENT_ACCOUNT, AGENT_MBOX, ATTACHMENT, IDENTIFIED_GROUP, type StatementChange, type StatementJson,
  refusalOf, statementWith, validStatementFixtures as valid,
} from '../../../test/support/xapi-statements.ts';
import { XapiError } from '../xapi-errors.ts';
import { checkStatement } from './statement-rules.ts';

type Change = StatementChange;
type Row = [requirement: string, rule: string, base: StatementJson, change: Change, message: RegExp];
const obj = (s: StatementJson, key: string) => s[key] as StatementJson;

describe('checkStatement accepts valid statements', () => {
  it.each(Object.entries(valid))('XAPI-00002: the %s fixture is accepted', (_name, statement) => {
    expect(refusalOf(statement)).toBeUndefined();
  });

  const accepted: [string, string, StatementJson, Change][] = [
    ['XAPI-00034', 'an actor without objectType is an Agent', valid.minimal, (s) => { s.actor = { mbox: 'mailto:a@b.example' }; }],
    ['XAPI-00046', 'an object without objectType is an Activity', valid.minimal, (s) => { s.object = { id: 'urn:x:1' }; }],
    ['XAPI-00093', 'contextActivities values may be single Activities', valid.minimal, (s) => {
      s.context = { contextActivities: { parent: { id: 'urn:p' }, other: { id: 'urn:o' } } };
    }],
    ['XAPI-00119', 'extension values may be null, "" or {}', valid.minimal, (s) => {
      s.result = { extensions: { 'urn:a': null, 'urn:b': '', 'urn:c': {} } };
    }],
    ['XAPI-00123', 'a timestamp with a positive offset', valid.minimal, (s) => { s.timestamp = '2026-12-05T18:00:00+01:00'; }],
    ['XAPI-00123', 'a timestamp in the future', valid.minimal, (s) => { s.timestamp = '2099-01-01T00:00:00Z'; }],
    ['XAPI-00123', 'a timestamp without a time zone (xAPI: SHOULD include one; read as UTC)', valid.minimal, (s) => { s.timestamp = '2008-09-15T15:53:00'; }],
    ['XAPI-00123', 'a timestamp on a leap day', valid.minimal, (s) => { s.timestamp = '2024-02-29T12:00:00.123456Z'; }],
    ['XAPI-00124', 'a duration in weeks', valid.minimal, (s) => { s.result = { duration: 'P4W' }; }],
    ['XAPI-00124', 'a duration with every part and a fraction', valid.minimal, (s) => { s.result = { duration: 'P3Y1M29DT4H35M59.14S' }; }],
    ['XAPI-00083', 'scaled at the bounds', valid.minimal, (s) => { s.result = { score: { scaled: -1 } }; }],
    ['XAPI-00082', 'raw equal to min and max bounds', valid.minimal, (s) => { s.result = { score: { raw: 0, min: 0, max: 1 } }; }],
    ['XAPI-00101', 'version 1.0.3 as kept by an older LRS', valid.minimal, (s) => { s.version = '1.0.3'; }],
    ['XAPI-00101', 'version 2.0', valid.minimal, (s) => { s.version = '2.0'; }],
    ['XAPI-00121', 'language tags with script, region and private use', valid.minimal, (s) => {
      s.verb = { id: 'urn:v', display: { 'zh-Hant-TW': 'a', 'es-419': 'b', 'x-klingon': 'c', 'i-klingon': 'd', 'en-US-x-twain': 'e' } };
    }],
    ['XAPI-00036', 'a group member without objectType', valid.minimal, (s) => { s.actor = { objectType: 'Group', member: [{ mbox: 'mailto:m@x.example' }] }; }],
    ['XAPI-00035', 'an anonymous group with an empty member list', valid.minimal, (s) => { s.actor = { objectType: 'Group', member: [] }; }],
    ['CTS 4.2.2.5', 'contextAgents without relevantTypes', valid.minimal, (s) => {
      s.context = { contextAgents: [{ objectType: 'contextAgent', agent: AGENT_MBOX }] };
    }],
    ['CTS 4.2.2.6', 'an attachment without fileUrl (its bytes come in a multipart part)', valid.minimal, (s) => {
      s.attachments = [{ ...ATTACHMENT, fileUrl: undefined }];
    }],
  ];
  it.each(accepted)('%s: %s', (_id, _rule, base, change) => {
    expect(refusalOf(statementWith(base, change))).toBeUndefined();
  });
});

const statementRows: Row[] = [
  ['XAPI-00001', 'null at the top level', valid.minimal, (s) => { s.result = null; }, /^statement\.result must be an object, not null/],
  ['XAPI-00001', 'null in a language map', valid.minimal, (s) => { s.verb = { id: 'urn:v', display: { en: null } }; }, /display\["en"\] must be a string, not null/],
  ['XAPI-00002', 'a statement that is not an object', [] as unknown as StatementJson, () => undefined, /^statement must be an object, not an array/],
  ['XAPI-00003', 'no actor', valid.minimal, (s) => { delete s.actor; }, /^statement must have the property "actor"/],
  ['XAPI-00004', 'no verb', valid.minimal, (s) => { delete s.verb; }, /must have the property "verb"/],
  ['XAPI-00005', 'no object', valid.minimal, (s) => { delete s.object; }, /must have the property "object"/],
  ['XAPI-00008', 'a key in the wrong case', valid.minimal, (s) => { s.Actor = s.actor; }, /has a property "Actor" that xAPI does not allow/],
  ['XAPI-00008', 'an unknown top-level property', valid.minimal, (s) => { s.extensions = {}; }, /^statement has a property "extensions"/],
  ['XAPI-00029', 'an id that is not a UUID', valid.minimal, (s) => { s.id = 'AA97B177-9383-4934-8543-0F91A7A028368'; }, /^statement\.id must be a UUID/],
  ['XAPI-00029', 'an id that is a number', valid.minimal, (s) => { s.id = 12345; }, /^statement\.id must be a string/],
  ['XAPI-00022', 'a timestamp that is not ISO 8601', valid.minimal, (s) => { s.timestamp = '01/011/2015'; }, /^statement\.timestamp must be an ISO 8601 date and time/],
  ['XAPI-00022', 'a timestamp with the -00:00 "unknown offset"', valid.minimal, (s) => { s.timestamp = '2008-09-15T15:53:00.601-00:00'; }, /timestamp must be/],
  ['XAPI-00022', 'a timestamp with the -0000 offset', valid.minimal, (s) => { s.timestamp = '2008-09-15T15:53:00.601-0000'; }, /timestamp must be/],
  ['XAPI-00022', 'a timestamp with the -00 offset', valid.minimal, (s) => { s.timestamp = '2008-09-15T15:53:00.601-00'; }, /timestamp must be/],
  ['XAPI-00022', 'a timestamp on 30 February', valid.minimal, (s) => { s.timestamp = '2024-02-30T12:00:00Z'; }, /timestamp must be/],
  ['XAPI-00023', 'a stored that is not a timestamp', valid.minimal, (s) => { s.stored = 'yesterday'; }, /^statement\.stored must be an ISO 8601 date and time/],
  ['XAPI-00101', 'version 1.1.0', valid.minimal, (s) => { s.version = '1.1.0'; }, /^statement\.version must be an xAPI version/],
  ['XAPI-00101', 'version 0.9.9', valid.minimal, (s) => { s.version = '0.9.9'; }, /version must be/],
  ['XAPI-00101', 'version 2.1.0', valid.minimal, (s) => { s.version = '2.1.0'; }, /version must be/],
  ['XAPI-00101', 'version as a number', valid.minimal, (s) => { s.version = 2; }, /version must be a string/],
];

const actorRows: Row[] = [
  ['XAPI-00031', 'actor objectType "agent"', valid.minimal, (s) => { obj(s, 'actor').objectType = 'agent'; }, /^statement\.actor\.objectType must be "Agent" or "Group", not "agent"/],
  ['XAPI-00032', 'actor objectType a number', valid.minimal, (s) => { obj(s, 'actor').objectType = 123; }, /actor\.objectType must be "Agent" or "Group", not 123/],
  ['XAPI-00033', 'agent name a number', valid.minimal, (s) => { obj(s, 'actor').name = 1; }, /actor\.name must be a string/],
  ['XAPI-00034', 'an agent without an identifier', valid.minimal, (s) => { s.actor = { objectType: 'Agent', name: 'x' }; }, /actor must have one identifier/],
  ['XAPI-00034', 'an agent with mbox and openid', valid.minimal, (s) => { obj(s, 'actor').openid = 'http://o.example/1'; }, /more than one identifier \(mbox, openid\)/],
  ['XAPI-00034', 'an agent with mbox_sha1sum and account', valid.minimal, (s) => { s.actor = { mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975', account: AGENT_ACCOUNT.account }; }, /more than one identifier/],
  ['XAPI-00034', 'an agent with a member list', valid.minimal, (s) => { obj(s, 'actor').member = []; }, /actor has a property "member"/],
  ['XAPI-00035', 'an anonymous group without members', valid.minimal, (s) => { s.actor = { objectType: 'Group', name: 'g' }; }, /anonymous Group .* must list its "member" Agents/],
  ['XAPI-00036', 'a group member that is a Group', valid.minimal, (s) => { s.actor = { objectType: 'Group', member: [IDENTIFIED_GROUP] }; }, /actor\.member\[0\] is a Group, but a Group's members must be Agents/],
  ['XAPI-00036', 'a group member without an identifier', valid.minimal, (s) => { s.actor = { objectType: 'Group', member: [{ name: 'x' }] }; }, /member\[0\] must have one identifier/],
  ['XAPI-00036', 'group members not in an array', valid.minimal, (s) => { s.actor = { objectType: 'Group', member: AGENT_MBOX }; }, /actor\.member must be an array/],
  ['XAPI-00037', 'an identified group with two identifiers', valid.minimal, (s) => { s.actor = { ...IDENTIFIED_GROUP, openid: 'http://o.example/g' }; }, /more than one identifier \(mbox, openid\)/],
  ['XAPI-00038', 'an mbox without mailto:', valid.minimal, (s) => { obj(s, 'actor').mbox = 'xapi@adlnet.gov'; }, /actor\.mbox must be "mailto:" followed by an email address/],
  ['XAPI-00038', 'an mbox without an address', valid.minimal, (s) => { obj(s, 'actor').mbox = 'mailto:should.fail.com'; }, /actor\.mbox must be "mailto:"/],
  ['XAPI-00039', 'an mbox_sha1sum that is not 40 hex digits', valid.minimal, (s) => { s.actor = { mbox_sha1sum: 'abc' }; }, /mbox_sha1sum must be the 40-character hex SHA-1/],
  ['XAPI-00039', 'an mbox_sha1sum that is an object', valid.minimal, (s) => { s.actor = { mbox_sha1sum: {} }; }, /mbox_sha1sum must be a string/],
  ['XAPI-00040', 'an openid without a valid scheme', valid.minimal, (s) => { s.actor = { openid: 'ab=c://should.fail.com' }; }, /actor\.openid must be an IRI with a scheme/],
  ['XAPI-00041', 'an account that is a string', valid.minimal, (s) => { s.actor = { account: 'x' }; }, /actor\.account must be an object/],
  ['XAPI-00041', 'an account with an unknown property', valid.minimal, (s) => { s.actor = { account: { ...AGENT_ACCOUNT.account, id: 1 } }; }, /account has a property "id"/],
  ['XAPI-00042', 'an account without homePage', valid.minimal, (s) => { s.actor = { account: { name: 'n' } }; }, /account must have the property "homePage"/],
  ['XAPI-00042', 'an account homePage that is not an IRL', valid.minimal, (s) => { s.actor = { account: { name: 'n', homePage: 'example.com' } }; }, /account\.homePage must be an IRL/],
  ['XAPI-00043', 'an account without name', valid.minimal, (s) => { s.actor = { account: { homePage: 'http://e.example' } }; }, /account must have the property "name"/],
  ['XAPI-00043', 'an account name that is an object', valid.minimal, (s) => { s.actor = { account: { homePage: 'http://e.example', name: {} } }; }, /account\.name must be a string/],
  ['XAPI-00024', 'an authority that is an Activity', valid.minimal, (s) => { s.authority = { objectType: 'Activity', id: 'urn:a' }; }, /authority\.objectType must be "Agent" or "Group"/],
  ['XAPI-00098', 'an authority group of one agent', valid.minimal, (s) => { s.authority = { objectType: 'Group', member: [AGENT_MBOX] }; }, /authority\.member must hold exactly two Agents/],
  ['XAPI-00098', 'an authority group of three agents', valid.minimal, (s) => { s.authority = { objectType: 'Group', member: [AGENT_MBOX, AGENT_ACCOUNT, AGENT_MBOX] }; }, /exactly two Agents/],
  ['XAPI-00098', 'an identified authority group', valid.minimal, (s) => { s.authority = { ...IDENTIFIED_GROUP, member: [AGENT_MBOX, AGENT_ACCOUNT] }; }, /authority is an identified Group/],
];

describe.each([
  ['the statement', statementRows],
  ['actors, groups and authority', actorRows],
])('checkStatement refuses, in %s,', (_area, rows) => {
  it.each(rows)('%s: %s', (_id, _rule, base, change, message) => {
    expect(refusalOf(statementWith(base, change))).toMatch(message);
  });
});


describe('checkStatement in a batch', () => {
  it('XAPI-00142: names the statement by its place in the batch when given a path', () => {
    const statement = statementWith(valid.minimal, (s) => { s.actor = { objectType: 'Agent' }; });
    expect(() => checkStatement(statement, 'statements[2]')).toThrow(
      new XapiError(400, 'statements[2].actor must have one identifier: mbox, mbox_sha1sum, openid or account'),
    );
  });
});

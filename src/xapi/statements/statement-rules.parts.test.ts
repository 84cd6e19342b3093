import { describe, expect, it } from 'vitest';
import {
  AGENT_MBOX, ANONYMOUS_GROUP, ATTACHMENT, IDENTIFIED_GROUP, STATEMENT_REF, type StatementChange, type StatementJson,
  refusalOf, statementWith, validStatementFixtures as valid,
} from '../../../test/support/xapi-statements.ts';

/** Table tests for the statement's parts, named by the xAPI conformance requirement each rule comes from. */
type Row = [requirement: string, rule: string, base: StatementJson, change: StatementChange, message: RegExp];
const obj = (s: StatementJson, key: string) => s[key] as StatementJson;
const def = (s: StatementJson) => obj(obj(s, 'object'), 'definition');
const sub = (s: StatementJson) => obj(s, 'object');

const verbAndObjectRows: Row[] = [
  ['XAPI-00044', 'a verb without id', valid.minimal, (s) => { s.verb = { display: { en: 'x' } }; }, /^statement\.verb must have the property "id"/],
  ['XAPI-00044', 'a verb id without a scheme', valid.minimal, (s) => { s.verb = { id: 'attended' }; }, /verb\.id must be an IRI/],
  ['XAPI-00044', 'a verb id with whitespace', valid.minimal, (s) => { s.verb = { id: 'http://a.example/has space' }; }, /verb\.id must be an IRI/],
  ['XAPI-00044', 'an empty verb id', valid.minimal, (s) => { s.verb = { id: '' }; }, /verb\.id must be an IRI/],
  ['XAPI-00045', 'a verb display that is a string', valid.minimal, (s) => { s.verb = { id: 'urn:v', display: 'attended' }; }, /verb\.display must be a language map/],
  ['XAPI-00045', 'a verb display with an invalid tag', valid.minimal, (s) => { s.verb = { id: 'urn:v', display: { a12345678: 'x' } }; }, /has the key "a12345678", which is not an RFC 5646 language tag/],
  ['XAPI-00013', 'a language tag with an underscore', valid.minimal, (s) => { s.verb = { id: 'urn:v', display: { en_US: 'x' } }; }, /"en_US", which is not an RFC 5646/],
  ['XAPI-00008', 'a verb with an unknown property', valid.minimal, (s) => { obj(s, 'verb').name = 'x'; }, /verb has a property "name"/],
  ['XAPI-00017', 'a voiding statement whose object is an Activity', valid.voiding, (s) => { s.object = { id: 'urn:a' }; }, /object must be a StatementRef naming the statement to void/],
  ['XAPI-00017', 'a voiding StatementRef without id', valid.voiding, (s) => { s.object = { objectType: 'StatementRef' }; }, /object must have the property "id"/],
  ['XAPI-00046', 'an object objectType in the wrong case', valid.minimal, (s) => { obj(s, 'object').objectType = 'activity'; }, /object\.objectType must be one of Activity, Agent, Group, StatementRef, SubStatement/],
  ['XAPI-00047', 'an Activity without id', valid.minimal, (s) => { s.object = { objectType: 'Activity' }; }, /^statement\.object must have the property "id"/],
  ['XAPI-00047', 'an Activity id without a scheme', valid.minimal, (s) => { s.object = { id: 'ab=c://should.fail.com' }; }, /object\.id must be an IRI/],
  ['XAPI-00065', 'an Agent object without objectType', valid.minimal, (s) => { s.object = { mbox: 'mailto:a@b.example' }; }, /^statement\.object must say objectType "Agent" or "Group"/],
  ['XAPI-00034', 'an Agent object with an unknown property', valid.agentObject, (s) => { obj(s, 'object').id = 'urn:x'; }, /object has a property "id"/],
  ['XAPI-00037', 'a Group object without members or identifier', valid.groupObject, (s) => { s.object = { objectType: 'Group' }; }, /anonymous Group/],
  ['XAPI-00072', 'a StatementRef with a non-UUID id', valid.statementRefObject, (s) => { obj(s, 'object').id = 'should fail'; }, /object\.id must be a UUID/],
  ['XAPI-00010', 'a StatementRef with a definition', valid.statementRefObject, (s) => { obj(s, 'object').definition = {}; }, /object has a property "definition"/],
];

const activityRows: Row[] = [
  ['XAPI-00048', 'a definition that is a string', valid.minimal, (s) => { obj(s, 'object').definition = 'x'; }, /object\.definition must be an object/],
  ['XAPI-00056', 'a definition name that is a string', valid.withEverything, (s) => { def(s).name = 'meeting'; }, /definition\.name must be a language map/],
  ['XAPI-00059', 'a definition description that is a number', valid.withEverything, (s) => { def(s).description = 1; }, /definition\.description must be a language map/],
  ['XAPI-00060', 'a definition type that is not an IRI', valid.withEverything, (s) => { def(s).type = 'should error'; }, /definition\.type must be an IRI/],
  ['XAPI-00061', 'a moreInfo that is not an IRL', valid.withEverything, (s) => { def(s).moreInfo = 'urn:not-a-locator'; }, /definition\.moreInfo must be an IRL/],
  ['XAPI-00057', 'definition extensions that are a string', valid.withEverything, (s) => { def(s).extensions = 'x'; }, /definition\.extensions must be an object/],
  ['XAPI-00118', 'a definition extension key that is not an IRI', valid.withEverything, (s) => { def(s).extensions = { room: 1 }; }, /has the key "room", but extension keys must be IRIs/],
  ['XAPI-00008', 'a definition with an unknown property', valid.withEverything, (s) => { def(s).title = {}; }, /definition has a property "title"/],
  ['XAPI-00049', 'an interactionType outside the vocabulary', valid.choice, (s) => { def(s).interactionType = 'multiple-choice'; }, /interactionType must be one of true-false, choice/],
  ['XAPI-00009', 'an interactionType in the wrong case', valid.trueFalse, (s) => { def(s).interactionType = 'true-faLse'; }, /interactionType must be one of/],
  ['XAPI-00049', 'an interactionType that is a number', valid.trueFalse, (s) => { def(s).interactionType = 7; }, /interactionType must be one of/],
  ['XAPI-00064', 'interaction properties without interactionType', valid.choice, (s) => { delete def(s).interactionType; }, /must have an "interactionType"/],
  ['XAPI-00055', 'choices on a true-false interaction', valid.trueFalse, (s) => { def(s).choices = [{ id: 'a' }]; }, /definition\.choices is not allowed for a "true-false" interaction, which supports no component lists/],
  ['XAPI-00054', 'scale on a choice interaction', valid.choice, (s) => { def(s).scale = [{ id: 'a' }]; }, /definition\.scale is not allowed for a "choice" interaction, which supports only choices/],
  ['XAPI-00051', 'steps on a matching interaction', valid.matching, (s) => { def(s).steps = [{ id: 'a' }]; }, /supports only source and target/],
  ['XAPI-00050', 'a correctResponsesPattern that is a string', valid.choice, (s) => { def(s).correctResponsesPattern = 'golf'; }, /correctResponsesPattern must be an array/],
  ['XAPI-00050', 'a correctResponsesPattern with a number', valid.numeric, (s) => { def(s).correctResponsesPattern = [4]; }, /correctResponsesPattern\[0\] must be a string/],
  ['XAPI-00058', 'a component without id', valid.likert, (s) => { def(s).scale = [{ description: { en: 'x' } }]; }, /scale\[0\] must have the property "id"/],
  ['XAPI-00063', 'a component with an unknown property', valid.sequencing, (s) => { def(s).choices = [{ id: 'a', name: 'x' }]; }, /choices\[0\] has a property "name"/],
  ['XAPI-00058', 'repeated component ids', valid.performance, (s) => { def(s).steps = [{ id: 'a' }, { id: 'a' }]; }, /steps\[1\]\.id repeats the id "a"/],
  ['XAPI-00062', 'a component description with an invalid tag', valid.matching, (s) => { def(s).source = [{ id: 'a', description: { '1-x': 'x' } }]; }, /source\[0\]\.description has the key "1-x"/],
];

const subStatementRows: Row[] = [
  ['XAPI-00073', 'a SubStatement without objectType (read as an Activity)', valid.subStatement, (s) => { delete sub(s).objectType; }, /^statement\.object has a property "actor" that xAPI does not allow here/],
  ['XAPI-00053', 'source that is not an array', valid.matching, (s) => { def(s).source = { id: 'a' }; }, /definition\.source must be an array/],
  ['XAPI-00052', 'target components that are strings', valid.matching, (s) => { def(s).target = ['a']; }, /definition\.target\[0\] must be an object/],
  ['XAPI-00066', 'a SubStatement without actor', valid.subStatement, (s) => { delete sub(s).actor; }, /^statement\.object must have the property "actor"/],
  ['XAPI-00066', 'a SubStatement with an invalid verb', valid.subStatement, (s) => { sub(s).verb = { id: 'x' }; }, /object\.verb\.id must be an IRI/],
  ['XAPI-00066', 'a SubStatement with an invalid timestamp', valid.subStatement, (s) => { sub(s).timestamp = '2008-09-15T15:53:00.601-00:00'; }, /object\.timestamp must be an ISO 8601 date and time/],
  ['XAPI-00066', "a SubStatement's activity name with an invalid tag", valid.subStatement, (s) => { obj(sub(s), 'object').definition = { name: { 'a-b-c-d-e-f-g-h': 'x' } }; }, /not an RFC 5646/],
  ['XAPI-00067', 'a SubStatement with authority', valid.subStatement, (s) => { sub(s).authority = AGENT_MBOX; }, /object\.authority is not allowed in a SubStatement/],
  ['XAPI-00068', 'a SubStatement with version', valid.subStatement, (s) => { sub(s).version = '2.0.0'; }, /object\.version is not allowed in a SubStatement/],
  ['XAPI-00069', 'a SubStatement with stored', valid.subStatement, (s) => { sub(s).stored = '2026-12-05T17:00:00Z'; }, /object\.stored is not allowed in a SubStatement/],
  ['XAPI-00070', 'a SubStatement with id', valid.subStatement, (s) => { sub(s).id = 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0'; }, /object\.id is not allowed in a SubStatement/],
  ['XAPI-00071', 'a SubStatement inside a SubStatement', valid.subStatement, (s) => { sub(s).object = structuredClone(valid.subStatement.object); }, /object\.object is a SubStatement inside a SubStatement/],
  ['XAPI-00084', 'context.revision in a SubStatement about an Agent', valid.subStatement, (s) => { sub(s).object = AGENT_MBOX; sub(s).context = { revision: 'r' }; }, /object\.context\.revision is only allowed when the object is an Activity/],
  ['XAPI-00017', 'a voiding SubStatement whose object is an Activity', valid.subStatement, (s) => { sub(s).verb = { id: 'http://adlnet.gov/expapi/verbs/voided' }; }, /object\.object must be a StatementRef/],
];

const ctx = (s: StatementJson) => obj(s, 'context');
const resultRows: Row[] = [
  ['XAPI-00074', 'success as the string "true"', valid.withEverything, (s) => { obj(s, 'result').success = 'true'; }, /result\.success must be true or false/],
  ['XAPI-00075', 'completion as the string "false"', valid.withEverything, (s) => { obj(s, 'result').completion = 'false'; }, /result\.completion must be true or false/],
  ['XAPI-00076', 'response as a number', valid.withEverything, (s) => { obj(s, 'result').response = 12; }, /result\.response must be a string/],
  ['XAPI-00077', 'duration in the alternative (time point) format', valid.withEverything, (s) => { obj(s, 'result').duration = 'P0003-01-29T04:35:59'; }, /result\.duration must be an ISO 8601 duration/],
  ['XAPI-00124', 'duration mixing weeks and days', valid.withEverything, (s) => { obj(s, 'result').duration = 'P4W1D'; }, /duration must be an ISO 8601 duration/],
  ['XAPI-00124', 'duration "PT" with nothing after it', valid.withEverything, (s) => { obj(s, 'result').duration = 'PT'; }, /duration must be/],
  ['XAPI-00124', 'duration "P"', valid.withEverything, (s) => { obj(s, 'result').duration = 'P'; }, /duration must be/],
  ['XAPI-00124', 'duration with an unknown designator', valid.withEverything, (s) => { obj(s, 'result').duration = 'PA1H0M0S'; }, /duration must be/],
  ['XAPI-00078', 'result extensions as a string', valid.withEverything, (s) => { obj(s, 'result').extensions = 'x'; }, /result\.extensions must be an object/],
  ['XAPI-00118', 'a result extension key that is not an IRI', valid.withEverything, (s) => { obj(s, 'result').extensions = { 'should fail': true }; }, /result\.extensions has the key "should fail"/],
  ['XAPI-00079', 'score as a number', valid.withEverything, (s) => { obj(s, 'result').score = 95; }, /result\.score must be an object/],
  ['XAPI-00006', 'score max as a numeric string', valid.withEverything, (s) => { obj(obj(s, 'result'), 'score').max = '100'; }, /score\.max must be a number, not a string/],
  ['XAPI-00081', 'min greater than max', valid.minimal, (s) => { s.result = { score: { min: 5, max: 1 } }; }, /score\.min must be less than max \(1\), not 5/],
  ['XAPI-00081', 'min equal to max', valid.minimal, (s) => { s.result = { score: { min: 5, max: 5 } }; }, /score\.min must be less than max/],
  ['XAPI-00082', 'raw above max', valid.minimal, (s) => { s.result = { score: { raw: 101, max: 100 } }; }, /score\.raw must not be more than max \(100\)/],
  ['XAPI-00082', 'raw below min', valid.minimal, (s) => { s.result = { score: { raw: -1, min: 0 } }; }, /score\.raw must not be less than min \(0\)/],
  ['XAPI-00083', 'scaled above 1', valid.minimal, (s) => { s.result = { score: { scaled: 1.01 } }; }, /score\.scaled must be between -1 and 1/],
  ['XAPI-00083', 'scaled below -1', valid.minimal, (s) => { s.result = { score: { scaled: -1.5 } }; }, /score\.scaled must be between -1 and 1/],
  ['XAPI-00008', 'score with an unknown property', valid.minimal, (s) => { s.result = { score: { percent: 1 } }; }, /score has a property "percent"/],
];

const contextRows: Row[] = [
  ['XAPI-00087', 'registration that is not a UUID', valid.withEverything, (s) => { ctx(s).registration = 'should fail'; }, /context\.registration must be a UUID/],
  ['XAPI-00087', 'instructor that is a string', valid.withEverything, (s) => { ctx(s).instructor = 'x'; }, /context\.instructor must be an object/],
  ['XAPI-00088', 'team that is an Agent', valid.withEverything, (s) => { ctx(s).team = AGENT_MBOX; }, /context\.team\.objectType must be "Group"/],
  ['XAPI-00086', 'contextActivities as a string', valid.withEverything, (s) => { ctx(s).contextActivities = 'x'; }, /context\.contextActivities must be an object/],
  ['XAPI-00093', 'a contextActivities key outside the four', valid.withEverything, (s) => { ctx(s).contextActivities = { consequences: [] }; }, /contextActivities has a property "consequences"/],
  ['XAPI-00094', 'a contextActivities value that is not an Activity', valid.withEverything, (s) => { ctx(s).contextActivities = { other: [{ id: 'urn:a' }, { key: 'x' }] }; }, /contextActivities\.other\[1\] has a property "key"/],
  ['XAPI-00094', 'a contextActivities Activity that is an Agent', valid.withEverything, (s) => { ctx(s).contextActivities = { parent: AGENT_MBOX }; }, /contextActivities\.parent has a property "name"/],
  ['XAPI-00089', 'revision as a number', valid.withEverything, (s) => { ctx(s).revision = 1; }, /context\.revision must be a string/],
  ['XAPI-00090', 'platform as an object', valid.withEverything, (s) => { ctx(s).platform = {}; }, /context\.platform must be a string/],
  ['XAPI-00084', 'revision when the object is an Agent', valid.agentObject, (s) => { s.context = { revision: 'r' }; }, /^statement\.context\.revision is only allowed when the object is an Activity$/],
  ['XAPI-00084', 'revision when the object is a StatementRef', valid.statementRefObject, (s) => { s.context = { revision: 'r' }; }, /context\.revision is only allowed when the object is an Activity/],
  ['XAPI-00085', 'platform when the object is a Group', valid.groupObject, (s) => { s.context = { platform: 'p' }; }, /context\.platform is only allowed when the object is an Activity/],
  ['XAPI-00085', 'platform when the object is a SubStatement', valid.subStatement, (s) => { s.context = { platform: 'p' }; }, /context\.platform is only allowed/],
  ['XAPI-00091', 'language as an object', valid.withEverything, (s) => { ctx(s).language = { en: 'x' }; }, /context\.language must be a string/],
  ['XAPI-00121', 'language that is not a tag', valid.withEverything, (s) => { ctx(s).language = 'something'; }, /context\.language must be an RFC 5646 language tag/],
  ['XAPI-00092', 'statement with objectType in the wrong case', valid.withEverything, (s) => { ctx(s).statement = { ...STATEMENT_REF, objectType: 'statementref' }; }, /context\.statement\.objectType must be "StatementRef"/],
  ['XAPI-00092', 'statement without objectType', valid.withEverything, (s) => { ctx(s).statement = { id: STATEMENT_REF.id }; }, /context\.statement\.objectType must be "StatementRef"/],
  ['XAPI-00092', 'statement whose id is not a UUID', valid.withEverything, (s) => { ctx(s).statement = { ...STATEMENT_REF, id: '12345' }; }, /context\.statement\.id must be a UUID/],
  ['XAPI-00118', 'a context extension key that is not an IRI', valid.withEverything, (s) => { ctx(s).extensions = { airspeed: 1 }; }, /context\.extensions has the key "airspeed"/],
  ['XAPI-00008', 'context with an unknown property', valid.withEverything, (s) => { ctx(s).agents = []; }, /context has a property "agents"/],
  ['CTS 4.2.2.5', 'contextAgents that is an object', valid.withEverything, (s) => { ctx(s).contextAgents = {}; }, /context\.contextAgents must be an array/],
  ['CTS 4.2.2.5', 'a contextAgent with the wrong objectType', valid.withEverything, (s) => { ctx(s).contextAgents = [{ objectType: 'Agent', agent: AGENT_MBOX }]; }, /contextAgents\[0\]\.objectType must be "contextAgent"/],
  ['CTS 4.2.2.5', 'a contextAgent without agent', valid.withEverything, (s) => { ctx(s).contextAgents = [{ objectType: 'contextAgent' }]; }, /contextAgents\[0\] must have the property "agent"/],
  ['CTS 4.2.2.5', 'a contextAgent whose agent is a Group', valid.withEverything, (s) => { ctx(s).contextAgents = [{ objectType: 'contextAgent', agent: ANONYMOUS_GROUP }]; }, /contextAgents\[0\]\.agent must be an Agent; put Groups in contextGroups/],
  ['CTS 4.2.2.5', 'a contextAgent with empty relevantTypes', valid.withEverything, (s) => { ctx(s).contextAgents = [{ objectType: 'contextAgent', agent: AGENT_MBOX, relevantTypes: [] }]; }, /relevantTypes must hold at least one IRI/],
  ['CTS 4.2.2.5', 'a contextAgent relevantType that is not an IRI', valid.withEverything, (s) => { ctx(s).contextAgents = [{ objectType: 'contextAgent', agent: AGENT_MBOX, relevantTypes: ['abc'] }]; }, /relevantTypes\[0\] must be an IRI/],
  ['CTS 4.2.2.5', 'a contextGroup whose group is an Agent', valid.withEverything, (s) => { ctx(s).contextGroups = [{ objectType: 'contextGroup', group: AGENT_MBOX }]; }, /contextGroups\[0\]\.group\.objectType must be "Group"/],
  ['CTS 4.2.2.5', 'a contextGroup with a stray member list', valid.withEverything, (s) => { ctx(s).contextGroups = [{ objectType: 'contextGroup', group: IDENTIFIED_GROUP, member: [] }]; }, /contextGroups\[0\] has a property "member"/],
  ['CTS 4.2.2.5', 'a contextGroup with the wrong objectType', valid.withEverything, (s) => { ctx(s).contextGroups = [{ objectType: 'Group', group: IDENTIFIED_GROUP }]; }, /contextGroups\[0\]\.objectType must be "contextGroup"/],
];

const attachment = (s: StatementJson) => (s.attachments as [StatementJson])[0];
const attachmentRows: Row[] = [
  ['XAPI-00025', 'attachments as a single object', valid.withEverything, (s) => { s.attachments = ATTACHMENT; }, /^statement\.attachments must be an array/],
  ['XAPI-00025', 'an attachment that is a string', valid.withEverything, (s) => { s.attachments = ['x']; }, /attachments\[0\] must be an object/],
  ['XAPI-00107', 'an attachment without usageType', valid.withEverything, (s) => { delete attachment(s).usageType; }, /attachments\[0\] must have the property "usageType"/],
  ['XAPI-00107', 'a usageType that is not an IRI', valid.withEverything, (s) => { attachment(s).usageType = 'should fail'; }, /usageType must be an IRI/],
  ['XAPI-00106', 'an attachment without display', valid.withEverything, (s) => { delete attachment(s).display; }, /must have the property "display"/],
  ['XAPI-00106', 'a display that is a string', valid.withEverything, (s) => { attachment(s).display = 'x'; }, /attachments\[0\]\.display must be a language map/],
  ['XAPI-00121', 'a description with an invalid tag', valid.withEverything, (s) => { attachment(s).description = { something: 'x' }; }, /attachments\[0\]\.description has the key "something"/],
  ['XAPI-00105', 'a contentType that is a number', valid.withEverything, (s) => { attachment(s).contentType = 12345; }, /contentType must be a string/],
  ['XAPI-00105', 'a contentType that is not a media type', valid.withEverything, (s) => { attachment(s).contentType = 'text'; }, /contentType must be an Internet media type/],
  ['XAPI-00102', 'a length that is a string', valid.withEverything, (s) => { attachment(s).length = '27'; }, /length must be a number/],
  ['XAPI-00102', 'a length with a fraction', valid.withEverything, (s) => { attachment(s).length = 2.5; }, /length must be a whole number of octets/],
  ['XAPI-00102', 'an attachment without length', valid.withEverything, (s) => { delete attachment(s).length; }, /must have the property "length"/],
  ['XAPI-00103', 'a sha2 that is a number', valid.withEverything, (s) => { attachment(s).sha2 = 12345; }, /sha2 must be a string/],
  ['XAPI-00103', 'an attachment without sha2 (even with a fileUrl)', valid.withEverything, (s) => { delete attachment(s).sha2; }, /must have the property "sha2"/],
  ['XAPI-00103', 'a sha2 that is not a SHA-2 in hex', valid.withEverything, (s) => { attachment(s).sha2 = 'abc'; }, /sha2 must be the hex SHA-2/],
  ['XAPI-00104', 'a fileUrl that is not an IRL', valid.withEverything, (s) => { attachment(s).fileUrl = 'should fail'; }, /fileUrl must be an IRL/],
  ['XAPI-00008', 'an attachment with an unknown property', valid.withEverything, (s) => { attachment(s).data = 'x'; }, /attachments\[0\] has a property "data"/],
];

describe.each([
  ['the verb and object', verbAndObjectRows],
  ['activity definitions and interactions', activityRows],
  ['SubStatements', subStatementRows],
  ['the result and score', resultRows],
  ['the context', contextRows],
  ['attachments', attachmentRows],
])('checkStatement refuses, in %s,', (_area, rows) => {
  it.each(rows)('%s: %s', (_id, _rule, base, change, message) => {
    expect(refusalOf(statementWith(base, change))).toMatch(message);
  });
});


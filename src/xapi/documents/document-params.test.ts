import { describe, expect, it } from 'vitest';
import { ACTIVITY_PROFILE_RESOURCE, AGENT_PROFILE_RESOURCE, parseDocumentParams, parseTimestamp, STATE_RESOURCE } from './document-params.ts';

const agent = '{"mbox":"mailto:ada@example.com"}';
const activityId = 'https://learning.example/course';

describe('parseDocumentParams', () => {
  it('reads a state address, lower-casing the registration', () => {
    const parsed = parseDocumentParams(STATE_RESOURCE, 'PUT', { activityId, agent, stateId: 's1', registration: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' });
    expect(parsed).toEqual({
      ok: true,
      request: { scope: { kind: 'state', activityId, agentIfi: 'mbox:mailto:ada@example.com', registration: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }, documentId: 's1', since: undefined },
    });
  });

  it('lets GET and a state DELETE leave out the id, but not PUT, POST or a profile DELETE', () => {
    expect(parseDocumentParams(STATE_RESOURCE, 'GET', { activityId, agent }).ok).toBe(true);
    expect(parseDocumentParams(STATE_RESOURCE, 'DELETE', { activityId, agent }).ok).toBe(true);
    expect(parseDocumentParams(STATE_RESOURCE, 'POST', { activityId, agent }).ok).toBe(false);
    expect(parseDocumentParams(ACTIVITY_PROFILE_RESOURCE, 'DELETE', { activityId }).ok).toBe(false);
    expect(parseDocumentParams(AGENT_PROFILE_RESOURCE, 'GET', { agent }).ok).toBe(true);
  });

  it.each([
    ['since on PUT', STATE_RESOURCE, 'PUT', { activityId, agent, stateId: 's', since: '2026-01-01T00:00:00Z' }],
    ['since with an id', AGENT_PROFILE_RESOURCE, 'GET', { agent, profileId: 'p', since: '2026-01-01T00:00:00Z' }],
    ['an agent on the activity profile', ACTIVITY_PROFILE_RESOURCE, 'GET', { activityId, agent }],
    ['a registration on a profile', ACTIVITY_PROFILE_RESOURCE, 'PUT', { activityId, profileId: 'p', registration: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }],
    ['an empty id', AGENT_PROFILE_RESOURCE, 'PUT', { agent, profileId: '' }],
    ['a repeated parameter', AGENT_PROFILE_RESOURCE, 'PUT', { agent, profileId: ['a', 'b'] }],
    ['a lower-case stateid', STATE_RESOURCE, 'GET', { activityId, agent, stateid: 's' }],
  ] as const)('refuses %s', (_name, shape, method, query) => {
    expect(parseDocumentParams(shape, method, query).ok).toBe(false);
  });

  it.each([
    ['2026-12-05T09:30:00Z', true],
    ['2026-12-05T09:30:00.123+01:00', true],
    ['2026-12-05T09:30Z', true],
    ['2026-12-05', false],
    ['2026-12-05T09:30:00', false],
    ['true', false],
    ['2026-13-45T09:30:00Z', false],
  ])('since %s is a timestamp: %s', (text, ok) => expect(parseTimestamp(text) !== null).toBe(ok));
});

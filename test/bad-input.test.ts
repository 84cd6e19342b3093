import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRowWriteLog } from './support/row-write-log.ts';
import type { RowWriteLog } from './support/row-write-log.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createVerificationCast, knowledgeTopics, multipartBody } from './support/verification-fixtures.ts';
import type { VerificationCast } from './support/verification-fixtures.ts';

const PROBLEM = 'application/problem+json';

describe.each(databaseTargets())('bad input answered with a 4xx on $name', (target) => {
  let hub: TestHub;
  let cast: VerificationCast;
  let topicId: string;
  let writes: RowWriteLog;

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createVerificationCast(hub);
    topicId = knowledgeTopics(hub, 1)[0]!;
    writes = await startRowWriteLog(hub.database.db);
  });
  afterAll(() => hub.close());
  // Each test sees only its own writes.
  beforeEach(async () => {
    await writes.writesSinceLastCheck();
  });

  /** Sends raw bytes as the learner, with the session's CSRF token in the header. */
  const sendAsLearner = (method: 'POST' | 'PUT', url: string, contentType: string | undefined, payload: string | Buffer) =>
    hub.app.inject({ method, url, headers: { cookie: cast.sessions.learner.cookie, 'x-csrf-token': cast.sessions.learner.csrfToken, ...(contentType ? { 'content-type': contentType } : {}) }, payload });

  /** The writes made since the last check, leaving out the session touches any request may make. */
  const rowsWritten = async () => (await writes.writesSinceLastCheck()).filter((w) => w.table !== 'sessions');

  describe('a NUL character, wherever it arrives', () => {
    it('in the query string of an anonymous API call', async () => {
      const response = await hub.app.inject({ method: 'GET', url: '/api/v1/resources?q=%00' });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.json().errors).toEqual([{ field: 'q', message: expect.stringContaining('null character (U+0000)') }]);
    });

    it('in a JSON body, naming the field', async () => {
      const response = await cast.sessions.learner.api('POST', '/api/v1/evidence', { topicId, kind: 'note', note: 'before\u0000after' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'note', message: expect.stringContaining('null character') }]);
      expect(await rowsWritten()).toEqual([]);
    });

    it('in a JSON property name, naming it with the character escaped', async () => {
      const response = await cast.sessions.learner.api('PUT', '/api/v1/me/ratings', { ratings: { 'topic\u0000': 'awareness' } });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('ratings.topic\\u0000');
    });

    it('in a form field, as the NHS error page naming the field', async () => {
      const response = await cast.sessions.learner.post(`/evidence/topics/${encodeURIComponent(topicId)}`, { kind: 'note', note: 'a\u0000b' });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('note: This field contains a null character (U+0000)');
      expect(await rowsWritten()).toEqual([]);
    });

    it('in a multipart field and in an uploaded file name', async () => {
      for (const parts of [[{ name: 'kind', value: 'note' }, { name: 'note', value: 'a\u0000b' }], [{ name: 'kind', value: 'file' }, { name: 'file', file: { fileName: 'a\u0000.png', contentType: 'image/png', content: Buffer.from('x') } }]]) {
        const { body, contentType } = multipartBody([{ name: '_csrf', value: cast.sessions.learner.csrfToken }, ...parts]);
        const response = await sendAsLearner('POST', `/evidence/topics/${encodeURIComponent(topicId)}`, contentType, body);
        expect(response.statusCode).toBe(400);
      }
      expect(await rowsWritten()).toEqual([]);
    });

    it('in an address parameter', async () => {
      const response = await cast.sessions.learner.api('GET', '/api/v1/people/%00');
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'id', message: expect.stringContaining('This part of the address') }]);
    });
  });

  describe('a lone UTF-16 surrogate in JSON', () => {
    it.each([
      ['a verification decision', () => `/api/v1/verification-requests/${randomUUID()}/decision`, '{"outcome":"adjusted","level":"awareness","reason":"\\ud800"}', 'reason'],
      ['a supervisor’s focus', () => `/api/v1/people/${cast.people.learner.id}/focus`, '{"archetype":"user","factors":null,"reason":"why \\udc00"}', 'reason'],
      ['a journey template', () => '/api/v1/journey-templates', '{"title":"\\ud83d","description":"x","resourceIds":[]}', 'title'],
    ])('in %s', async (_, url, body, field) => {
      const response = await hub.app.inject({
        method: 'POST',
        url: url(),
        headers: { cookie: cast.sessions.supervisor.cookie, 'x-csrf-token': cast.sessions.supervisor.csrfToken, 'content-type': 'application/json' },
        payload: body,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ field, message: expect.stringContaining('unpaired UTF-16 surrogate') }]);
      expect(await rowsWritten()).toEqual([]);
    });

    it('but a proper surrogate pair (an emoji) is welcome', async () => {
      const response = await cast.sessions.learner.api('POST', '/api/v1/evidence', { topicId, kind: 'note', note: 'Done 👍' });
      expect(response.statusCode).toBe(201);
    });
  });

  describe('JSON bodies', () => {
    it.each([
      ['__proto__', '{"topicId":"t","kind":"note","__proto__":{"isAdmin":true}}'],
      ['constructor.prototype', '{"topicId":"t","kind":"note","nested":{"constructor":{"prototype":{"isAdmin":true}}}}'],
    ])('refuse the forbidden property name %s, saying so', async (name, payload) => {
      const response = await sendAsLearner('POST', '/api/v1/evidence', 'application/json', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toBe(`The request body contains a forbidden property name: ${name}. Remove it and try again.`);
    });

    it.each([
      ['invalid syntax', '{"topicId":', /^The request body is not valid JSON: /],
      ['an empty body', '', /^The request body is empty/],
      ['nesting far deeper than any request needs', '['.repeat(5000) + ']'.repeat(5000), /nested too deeply/],
    ])('answer %s with 400', async (_, payload, detail) => {
      const response = await sendAsLearner('POST', '/api/v1/evidence', 'application/json', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toMatch(detail);
    });

    it.each(['text/plain', 'application/xml', 'application/x-json-ish'])('sent as %s get 415, saying to send application/json', async (contentType) => {
      const response = await sendAsLearner('POST', '/api/v1/evidence', contentType, JSON.stringify({ topicId, kind: 'note', note: 'x' }));
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.json().detail).toContain('content-type: application/json');
      expect(await rowsWritten()).toEqual([]);
    });
  });

  describe('a malformed multipart body', () => {
    const boundary = 'fuzzboundary';
    const wellFormed = `--${boundary}\r\ncontent-disposition: form-data; name="kind"\r\n\r\nnote\r\n--${boundary}--\r\n`;
    const cases: Array<[string, string, string]> = [
      ['no boundary', 'multipart/form-data', wellFormed],
      ['the wrong boundary', 'multipart/form-data; boundary=another', wellFormed],
      ['a truncated body', `multipart/form-data; boundary=${boundary}`, wellFormed.slice(0, 40)],
      ['a part with no name', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\ncontent-disposition: form-data\r\n\r\nx\r\n${wellFormed}`],
    ];

    it.each(cases)('with %s answers 400 from the API', async (_, contentType, payload) => {
      const response = await sendAsLearner('POST', '/api/v1/evidence', contentType, payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain(PROBLEM);
    });

    it.each(cases)('with %s answers 400 from a page, as the NHS error page', async (_, contentType, payload) => {
      const response = await sendAsLearner('POST', '/sign-out', contentType, payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('Bad request');
      expect(await rowsWritten()).toEqual([]);
    });
  });
});

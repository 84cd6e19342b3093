import { createHash, createPrivateKey } from 'node:crypto';
import { CompactSign, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from '../src/xapi/statements/multipart.ts';
import { createTestOrganisations } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { issueTestLrsKey, xapiClient } from './support/xapi-client.ts';
import { TEST_SIGNING_CERT_X5C, TEST_SIGNING_KEY_PEM } from './support/xapi-signing-fixture.ts';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

interface Part {
  content: Buffer | string;
  contentType?: string;
  hash?: string | null;
  encoding?: string | null;
}

/** A multipart/mixed body as a learning platform sends it: the statements first, then each attachment. */
function multipart(statements: unknown, parts: Part[], boundary = 'b-314159') {
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statements)}\r\n`)];
  for (const part of parts) {
    const hash = part.hash === undefined ? sha256(part.content) : part.hash;
    const encoding = part.encoding === undefined ? 'binary' : part.encoding;
    const headers = [`Content-Type: ${part.contentType ?? 'text/plain'}`, hash === null ? '' : `X-Experience-API-Hash: ${hash}`, encoding === null ? '' : `Content-Transfer-Encoding:${encoding}`].filter(Boolean);
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } };
}

function statement(attachments: unknown[]) {
  return {
    id: crypto.randomUUID(),
    actor: { mbox: 'mailto:ada@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-GB': 'completed' } },
    object: { id: `http://hub.test/activities/${crypto.randomUUID()}` },
    attachments,
  };
}

const attachmentOf = (content: Buffer | string, extra: Record<string, unknown> = {}) => ({
  usageType: 'http://id.tincanapi.com/attachment/certificate',
  display: { 'en-GB': 'Certificate' },
  contentType: 'text/plain',
  length: Buffer.byteLength(content),
  sha2: sha256(content),
  ...extra,
});

/** Attachments (9274.1.1 §4.1.3, Data 2.4.11) and signed statements (Data 2.6). */
describe.each(databaseTargets())('xAPI statement attachments on $name', (target) => {
  let hub: TestHub;
  let client: ReturnType<typeof xapiClient>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    client = xapiClient(hub.app, await issueTestLrsKey(hub, orgs.trust.id));
  });
  afterAll(() => hub.close());

  it('XAPI-00127..00135: stores multipart attachments by hash and answers them with attachments=true', async () => {
    const binary = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45]);
    const first = statement([attachmentOf(binary, { contentType: 'application/octet-stream' })]);
    const body = multipart(first, [{ content: binary, contentType: 'application/octet-stream' }]);
    const posted = await client.post('/statements', body.payload, { headers: body.headers });
    expect(posted.statusCode).toBe(200);
    const got = await client.get(`/statements?statementId=${first.id}&attachments=true`);
    expect(got.statusCode).toBe(200);
    const parts = parseMultipart(got.rawPayload, boundaryOf(got.headers['content-type'] as string) ?? '');
    expect(JSON.parse(parts[0]?.body.toString() ?? '{}').id).toBe(first.id);
    expect(parts[1]?.headers['x-experience-api-hash']).toBe(sha256(binary));
    expect(parts[1]?.headers['content-transfer-encoding']).toBe('binary');
    expect(parts[1]?.body.equals(binary)).toBe(true);
    // Without attachments=true the answer is plain JSON (XAPI-00161).
    expect((await client.get(`/statements?statementId=${first.id}`)).headers['content-type']).toMatch(/^application\/json/);
    const list = await client.get('/statements?attachments=true&limit=1');
    expect(list.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
  });

  it('XAPI-00127..00135: refuses missing parts, stray parts, wrong hashes, missing headers and a missing boundary', async () => {
    const content = 'certificate of completion';
    const one = () => statement([attachmentOf(content)]);
    const refusals = [
      { ...multipart(one(), []), why: 'no part for an attachment without fileUrl' },
      { ...multipart(one(), [{ content }, { content: 'extra' }]), why: 'a part no attachment names' },
      { ...multipart(one(), [{ content, hash: sha256('other') }]), why: 'hash does not match' },
      { ...multipart(one(), [{ content, hash: null }]), why: 'no hash header' },
      { ...multipart(one(), [{ content, encoding: null }]), why: 'no Content-Transfer-Encoding' },
      { payload: multipart(one(), [{ content }]).payload, headers: { 'content-type': 'multipart/mixed' }, why: 'no boundary' },
      { payload: multipart(one(), [{ content }]).payload, headers: { 'content-type': 'multipart/form-data; boundary=b-314159' }, why: 'form-data' },
    ];
    for (const refusal of refusals) {
      const answer = await client.post('/statements', refusal.payload, { headers: refusal.headers });
      expect(answer.statusCode, refusal.why).toBe(400);
    }
    expect((await client.post('/statements', one())).statusCode).toBe(400);
    expect((await client.post('/statements', statement([attachmentOf(content, { fileUrl: 'https://files.example.org/c.txt' })]))).statusCode).toBe(200);
  });

  async function signed(sign: (payload: Uint8Array) => Promise<string>, tamper?: (s: Record<string, unknown>) => void) {
    const base = statement([]);
    const unsigned = { ...base, attachments: undefined };
    const jws = await sign(Buffer.from(JSON.stringify(unsigned)));
    const sent: Record<string, unknown> = { ...base, attachments: [attachmentOf(jws, { usageType: SIGNATURE, contentType: 'application/octet-stream' })] };
    tamper?.(sent);
    const body = multipart(sent, [{ content: jws, contentType: 'application/octet-stream' }]);
    return client.post('/statements', body.payload, { headers: body.headers });
  }

  it('XAPI-00115..00117: accepts an RS256 statement signature, verified against its x5c certificate', async () => {
    const key = createPrivateKey(TEST_SIGNING_KEY_PEM);
    const withCertificate = (payload: Uint8Array) => new CompactSign(payload).setProtectedHeader({ alg: 'RS256', x5c: [TEST_SIGNING_CERT_X5C] }).sign(key);
    expect((await signed(withCertificate)).statusCode).toBe(200);
    const { privateKey } = await generateKeyPair('RS384');
    expect((await signed((payload) => new CompactSign(payload).setProtectedHeader({ alg: 'RS384' }).sign(privateKey))).statusCode).toBe(200);
  });

  it('XAPI-00115..00117: refuses a signature by another key, with HS256, over another statement, or not a JWS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const wrongKey = (payload: Uint8Array) => new CompactSign(payload).setProtectedHeader({ alg: 'RS256', x5c: [TEST_SIGNING_CERT_X5C] }).sign(privateKey);
    expect((await signed(wrongKey)).statusCode).toBe(400);
    const hmac = (payload: Uint8Array) => new CompactSign(payload).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(7));
    expect((await signed(hmac)).statusCode).toBe(400);
    const good = (payload: Uint8Array) => new CompactSign(payload).setProtectedHeader({ alg: 'RS256' }).sign(createPrivateKey(TEST_SIGNING_KEY_PEM));
    expect((await signed(good, (s) => (s.verb = { id: 'http://adlnet.gov/expapi/verbs/passed' }))).statusCode).toBe(400);
    expect((await signed(async () => 'not.a-jws')).statusCode).toBe(400);
  });
});

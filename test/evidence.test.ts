import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence } from '../src/db/schema.ts';
import { createTestHub, databaseTargets, storedContent } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createVerificationCast, FRAMEWORK_ID, postMultipart, SAMPLE_FILES, topicOf } from './support/verification-fixtures.ts';
import type { VerificationCast } from './support/verification-fixtures.ts';

describe.each(databaseTargets())('evidence on $name', (target) => {
  let hub: TestHub;
  let cast: VerificationCast;
  let topicId: string;
  let page: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createVerificationCast(hub);
    topicId = topicOf(hub, 't1-02');
    page = `/evidence/topics/${topicId}`;
  });
  afterAll(() => hub.close());

  /** Evidence rows, stored file contents, and staged uploads left behind (always none). */
  const counts = async () => {
    const [rows] = await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(evidence);
    const files = (await storedContent(hub.fileStore)).length;
    const leftStaged = await hub.fileStore.removeAbandonedStaging(new Date(Date.now() + 60_000));
    return { evidence: rows?.n ?? 0, files, leftStaged };
  };
  const listed = (personId = cast.people.learner.id) =>
    cast.repositories.evidence.listEvidenceForTopic({ personId, frameworkId: FRAMEWORK_ID, topicId }, { includeWithdrawn: true });
  const uploadFile = (fileName: string, contentType: string, content: Buffer, extra: Array<{ name: string; value: string }> = []) =>
    postMultipart(hub, cast.sessions.learner, page, [{ name: 'kind', value: 'file' }, ...extra, { name: 'file', file: { fileName, contentType, content } }]);

  it('shows the page for a topic with the add-evidence form as a multipart form', async () => {
    const response = await cast.sessions.learner.get(page);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('enctype="multipart/form-data"');
    expect(response.body).toContain('Not rated yet');
    expect((await cast.sessions.learner.get('/evidence/topics/no-such-topic')).statusCode).toBe(404);
  });

  it('adds a note, a link and a file, each shown on the page', async () => {
    const note = await postMultipart(hub, cast.sessions.learner, page, [{ name: 'kind', value: 'note' }, { name: 'note', value: 'Ran the AI literacy session for my ward.\nTwice.' }, { name: 'title', value: 'Teaching' }]);
    expect(note.statusCode).toBe(303);
    const link = await cast.sessions.learner.post(page, { kind: 'link', url: 'https://learning.example.nhs.uk/certificates/123' });
    expect(link.statusCode).toBe(303);
    const file = await uploadFile('C:\\fakepath\\My certificate.png', 'image/png', SAMPLE_FILES.png);
    expect(file.statusCode).toBe(303);
    expect(file.headers.location).toBe(`${page}?done=added#evidence`);
    const body = (await cast.sessions.learner.get(file.headers.location as string)).body;
    expect(body).toContain('Your evidence has been added.');
    expect(body).toContain('Ran the AI literacy session for my ward.<br />');
    expect(body).toContain('href="https://learning.example.nhs.uk/certificates/123" rel="noopener noreferrer nofollow"');
    expect(body).toContain('Download My certificate.png');
    const rows = await listed();
    expect(rows.map((r) => r.kind).sort()).toEqual(['file', 'link', 'note']);
    expect(rows.find((r) => r.kind === 'file')).toMatchObject({ fileName: 'My certificate.png', mediaType: 'image/png', sizeBytes: SAMPLE_FILES.png.length });
  });

  it('accepts PDF and JPEG by their content, whatever they are called', async () => {
    expect((await uploadFile('scan', 'application/octet-stream', SAMPLE_FILES.pdf)).statusCode).toBe(303);
    expect((await uploadFile('photo.jpeg', 'image/jpeg', SAMPLE_FILES.jpeg)).statusCode).toBe(303);
    const files = (await listed()).filter((r) => r.kind === 'file');
    expect(files.map((f) => [f.fileName, f.mediaType])).toEqual(expect.arrayContaining([['scan.pdf', 'application/pdf'], ['photo.jpeg', 'image/jpeg']]));
  });

  it('refuses a web page named x.pdf, and stores nothing', async () => {
    const before = await counts();
    const response = await uploadFile('x.pdf', 'application/pdf', SAMPLE_FILES.html, [{ name: 'title', value: 'Kept title' }]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('The selected file must be a PDF, PNG or JPEG');
    expect(response.body).toContain('href="#file"');
    expect(response.body).toContain('value="Kept title"');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over 10 MB with an error summary, and stores nothing', async () => {
    const before = await counts();
    const big = Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(10 * 1024 * 1024)]);
    const response = await uploadFile('big.pdf', 'application/pdf', big);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The selected file must be smaller than 10MB');
    expect(await counts()).toEqual(before);
  });

  it('refuses links that are not http or https and notes that are too long, keeping what was typed', async () => {
    const before = await counts();
    const script = await cast.sessions.learner.post(page, { kind: 'link', url: 'javascript:alert(1)' });
    expect(script.statusCode).toBe(400);
    expect(script.body).toContain('Enter a web address starting with https:// or http://');
    expect(script.body).toContain('value="javascript:alert(1)"');
    const long = await cast.sessions.learner.post(page, { kind: 'note', note: 'x'.repeat(5001) });
    expect(long.body).toContain('Note must be 5,000 characters or fewer');
    const none = await cast.sessions.learner.post(page, {});
    expect(none.body).toContain('Select whether you are adding a note, a link or a file');
    const noFile = await postMultipart(hub, cast.sessions.learner, page, [{ name: 'kind', value: 'file' }, { name: 'file', file: { fileName: '', contentType: 'application/octet-stream', content: Buffer.alloc(0) } }]);
    expect(noFile.body).toContain('Select a file');
    expect(await counts()).toEqual(before);
  });

  it('refuses a multipart form without its CSRF token', async () => {
    const before = await counts();
    const response = await postMultipart(hub, cast.sessions.learner, page, [{ name: 'kind', value: 'note' }, { name: 'note', value: 'forged' }], { withCsrf: false });
    expect(response.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  describe('downloads', () => {
    let href: string;
    beforeAll(async () => {
      const file = (await listed()).find((r) => r.kind === 'file' && r.mediaType === 'image/png');
      href = `/evidence/${file!.id}/download`;
    });

    it('serves the learner and their supervisor an attachment of the detected type that is never sniffed', async () => {
      for (const session of [cast.sessions.learner, cast.sessions.supervisor]) {
        const response = await session.get(href);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('image/png');
        expect(response.headers['content-disposition']).toBe(`attachment; filename="My certificate.png"; filename*=UTF-8''My%20certificate.png`);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.rawPayload.equals(SAMPLE_FILES.png)).toBe(true);
      }
    });

    it('answers 404 to another learner, an admin of a sibling organisation and a guessed id', async () => {
      expect((await cast.sessions.otherLearner.get(href)).statusCode).toBe(404);
      expect((await cast.sessions.siblingAdmin.get(href)).statusCode).toBe(404);
      expect((await cast.sessions.otherSupervisor.get(href)).statusCode).toBe(404);
      expect((await cast.sessions.learner.get('/evidence/00000000-0000-4000-8000-000000000000/download')).statusCode).toBe(404);
      expect((await cast.sessions.learner.get('/evidence/not-an-id/download')).statusCode).toBe(404);
      expect((await cast.sessions.otherLearner.api('GET', href.replace('/evidence/', '/api/v1/evidence/').replace('/download', '/file'))).statusCode).toBe(404);
    });

    it('asks a signed-out visitor to sign in', async () => {
      const response = await hub.app.inject({ method: 'GET', url: href });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toContain('/sign-in');
    });
  });

  it('lets only the learner withdraw, keeps the item as history, and stops others downloading it', async () => {
    const file = (await listed()).find((r) => r.kind === 'file' && r.mediaType === 'application/pdf');
    expect((await cast.sessions.otherLearner.post(`/evidence/${file!.id}/withdraw`)).statusCode).toBe(404);
    expect((await cast.sessions.supervisor.post(`/evidence/${file!.id}/withdraw`)).statusCode).toBe(404);
    const response = await cast.sessions.learner.post(`/evidence/${file!.id}/withdraw`);
    expect(response.statusCode).toBe(303);
    const row = (await listed()).find((r) => r.id === file!.id);
    expect(row?.withdrawnAt).toBeInstanceOf(Date);
    expect((await cast.sessions.learner.get(page)).body).toContain('Withdrawn');
    expect((await cast.sessions.supervisor.get(`/evidence/${file!.id}/download`)).statusCode).toBe(404);
    expect((await cast.sessions.learner.get(`/evidence/${file!.id}/download`)).statusCode).toBe(200);
    expect((await cast.sessions.learner.post(`/evidence/${file!.id}/withdraw`)).statusCode).toBe(409);
    const audit = await cast.repositories.audit.listAuditEventsAbout(file!.id);
    expect(audit.map((e) => e.action).sort()).toEqual(['evidence.added', 'evidence.withdrawn']);
  });

  describe('API', () => {
    it('adds a note as JSON and a file as multipart, and lists them', async () => {
      const note = await cast.sessions.learner.api('POST', '/api/v1/evidence', { topicId, kind: 'note', note: 'From the API' });
      expect(note.statusCode).toBe(201);
      expect(note.json()).toMatchObject({ kind: 'note', title: 'From the API', note: 'From the API', file: null });
      const upload = await postMultipart(hub, cast.sessions.learner, '/api/v1/evidence', [{ name: 'topicId', value: topicId }, { name: 'kind', value: 'file' }, { name: 'file', file: { fileName: 'api.png', contentType: 'image/png', content: SAMPLE_FILES.png } }], {
        withCsrf: false,
        headers: { 'x-csrf-token': cast.sessions.learner.csrfToken },
      });
      expect(upload.statusCode).toBe(201);
      expect(upload.json().file).toMatchObject({ name: 'api.png', mediaType: 'image/png' });
      const list = await cast.sessions.learner.api('GET', `/api/v1/evidence?topicId=${topicId}`);
      expect(list.json().evidence.map((e: { title: string }) => e.title)).toEqual(expect.arrayContaining(['From the API', 'api.png']));
    });

    it('answers problems as JSON: 400 for bad input, 401 signed out, 404 for people and items the caller may not see', async () => {
      const bad = await cast.sessions.learner.api('POST', '/api/v1/evidence', { topicId, kind: 'link', url: 'ftp://example.org/x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json().errors).toEqual([{ field: 'url', message: 'Enter a web address starting with https:// or http://' }]);
      expect((await hub.app.inject({ method: 'GET', url: `/api/v1/evidence?topicId=${topicId}` })).statusCode).toBe(401);
      expect((await cast.sessions.otherLearner.api('GET', `/api/v1/evidence?topicId=${topicId}&personId=${cast.people.learner.id}`)).statusCode).toBe(404);
      expect((await cast.sessions.supervisor.api('GET', `/api/v1/evidence?topicId=${topicId}&personId=${cast.people.learner.id}`)).statusCode).toBe(200);
      expect((await cast.sessions.otherLearner.api('POST', '/api/v1/evidence/not-an-id/withdraw')).statusCode).toBe(404);
    });
  });
});

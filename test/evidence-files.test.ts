import { eq } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { evidence, evidenceFiles } from '../src/db/schema.ts';
import { digestOf } from '../src/files/file-store.ts';
import { openHub } from '../src/hub.ts';
import { createTestHub, databaseTargets, storedContent } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createVerificationCast, FRAMEWORK_ID, multipartBody, postMultipart, SAMPLE_FILES, topicOf } from './support/verification-fixtures.ts';
import type { VerificationCast } from './support/verification-fixtures.ts';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A PDF of some size whose bytes differ from every other call's. */
const pdfOf = (size: number) => Buffer.concat([SAMPLE_FILES.pdf, randomBytes(size)]);

describe.each(databaseTargets())('evidence file content on $name', (target) => {
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

  const upload = (content: Buffer, fileName = 'evidence.pdf') =>
    postMultipart(hub, cast.sessions.learner, page, [{ name: 'kind', value: 'file' }, { name: 'file', file: { fileName, contentType: 'application/pdf', content } }]);
  const rowWith = async (sha256: string) => (await hub.database.db.select().from(evidence).where(eq(evidence.sha256, sha256)))[0];
  const leftStaged = () => hub.fileStore.removeAbandonedStaging(new Date(Date.now() + 60_000));

  it('stores a file once under its SHA-256 (the store is chosen by the database), the row pointing at it', async () => {
    expect(hub.fileStore.kind).toBe(target.name === 'postgres' ? 'database' : 'directory');
    const content = pdfOf(600_000);
    expect((await upload(content, 'first.pdf')).statusCode).toBe(303);
    expect((await upload(content, 'again.pdf')).statusCode).toBe(303);
    const sha256 = sha256Of(content);
    expect((await storedContent(hub.fileStore)).filter((s) => s === sha256)).toHaveLength(1);
    const rows = await hub.database.db.select().from(evidence).where(eq(evidence.sha256, sha256));
    expect(rows.map((r) => [r.fileName, r.sizeBytes]).sort()).toEqual([['again.pdf', content.length], ['first.pdf', content.length]]);
    expect(await leftStaged()).toBe(0);
  });

  it('never stores a file sent by someone not signed in', async () => {
    const before = await storedContent(hub.fileStore);
    const { body, contentType } = multipartBody([{ name: 'kind', value: 'file' }, { name: 'file', file: { fileName: 'x.pdf', contentType: 'application/pdf', content: pdfOf(50_000) } }]);
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/evidence', headers: { 'content-type': contentType }, payload: body });
    expect(response.statusCode).toBe(401);
    expect(await storedContent(hub.fileStore)).toEqual(before);
    expect(await leftStaged()).toBe(0);
  });

  it('answers 404, not 500, when a file’s content is missing from the store', async () => {
    const content = pdfOf(1000);
    await upload(content);
    const row = await rowWith(sha256Of(content));
    expect(await hub.fileStore.removeIfStoredBefore(sha256Of(content), new Date(Date.now() + 60_000))).toBe(true);
    expect((await cast.sessions.learner.get(`/evidence/${row!.id}/download`)).statusCode).toBe(404);
    expect((await cast.sessions.learner.api('GET', `/api/v1/evidence/${row!.id}/file`)).statusCode).toBe(404);
  });

  it('puts each file’s bytes in the person’s data export', async () => {
    const content = pdfOf(300_000);
    await upload(content, 'exported.pdf');
    const exported = (await cast.sessions.learner.api('GET', '/api/v1/me/export')).json<{ evidence: Array<{ fileName: string | null; contentBase64: string | null }> }>();
    const item = exported.evidence.find((e) => e.fileName === 'exported.pdf');
    expect(Buffer.from(item?.contentBase64 ?? '', 'base64').equals(content)).toBe(true);
  });

  describe('bytes stored before the file store (evidence_files)', () => {
    /** An evidence row and its bytes as the hub wrote them before the store, digest as recorded then. */
    async function seedOldStyle(content: Buffer, recordedSha256 = sha256Of(content)) {
      const [row] = await hub.database.db
        .insert(evidence)
        .values({ organisationId: cast.trust.id, personId: cast.people.learner.id, frameworkId: FRAMEWORK_ID, topicId, kind: 'file', title: 'Old', fileName: 'old.pdf', mediaType: 'application/pdf', sizeBytes: content.length, sha256: recordedSha256 })
        .returning();
      await hub.database.db.insert(evidenceFiles).values({ evidenceId: row!.id, content });
      return row!;
    }
    const legacyRows = () => hub.database.db.select().from(evidenceFiles);

    it('moves into the store with checksums verified, keeps bytes that do not match, and is idempotent', async () => {
      const contents = [pdfOf(700_000), pdfOf(10), pdfOf(300_000)];
      const moved = await Promise.all(contents.map((c) => seedOldStyle(c)));
      const tampered = pdfOf(2000);
      const refused = await seedOldStyle(tampered, sha256Of(pdfOf(2000)));
      // A run that died after storing one file but before deleting its bytes: the next run finishes it.
      await (await hub.fileStore.stage([contents[0]!])).commit();

      const report = await hub.services.evidenceContent.migrateLegacyEvidenceContent();
      expect(report).toEqual({ moved: 3, refused: [refused.id] });
      const left = await legacyRows();
      expect(left.map((r) => r.evidenceId)).toEqual([refused.id]);
      expect(left[0]!.content.equals(tampered)).toBe(true);
      for (const [i, row] of moved.entries()) {
        const stream = await hub.fileStore.open(row.sha256!);
        expect(await digestOf(stream!)).toEqual({ sha256: sha256Of(contents[i]!), sizeBytes: contents[i]!.length });
        const download = await cast.sessions.learner.get(`/evidence/${row.id}/download`);
        expect(download.rawPayload.equals(contents[i]!)).toBe(true);
      }
      expect((await storedContent(hub.fileStore)).filter((s) => s === sha256Of(contents[0]!))).toHaveLength(1);

      expect(await hub.services.evidenceContent.migrateLegacyEvidenceContent()).toEqual({ moved: 0, refused: [refused.id] });
      const exported = (await cast.sessions.learner.api('GET', '/api/v1/me/export')).json<{ evidence: Array<{ id: string; contentBase64: string | null }> }>();
      expect(Buffer.from(exported.evidence.find((e) => e.id === refused.id)?.contentBase64 ?? '', 'base64').equals(tampered)).toBe(true);
      await hub.database.db.delete(evidenceFiles).where(eq(evidenceFiles.evidenceId, refused.id));
    });
  });

  describe('the sweep', () => {
    it('removes content no evidence points at once past the grace period, and uploads that never finished', async () => {
      const orphan = await hub.fileStore.stage([pdfOf(100)]);
      await orphan.commit();
      await hub.fileStore.stage([pdfOf(100)]);
      const kept = pdfOf(100);
      await upload(kept);
      const withdrawn = pdfOf(100);
      await upload(withdrawn);
      expect((await cast.sessions.learner.post(`/evidence/${(await rowWith(sha256Of(withdrawn)))!.id}/withdraw`)).statusCode).toBe(303);

      expect(await hub.services.evidenceContent.sweepUnreferencedContent({ graceMs: 60_000 })).toEqual({ removedContent: 0, removedStaging: 0 });
      const report = await hub.services.evidenceContent.sweepUnreferencedContent({ graceMs: -60_000 });
      expect(report).toEqual({ removedContent: 1, removedStaging: 1 });
      const stored = await storedContent(hub.fileStore);
      expect(stored).not.toContain(orphan.sha256);
      expect(stored).toEqual(expect.arrayContaining([sha256Of(kept), sha256Of(withdrawn)]));
      const referenced = new Set((await hub.database.db.select({ sha256: evidence.sha256 }).from(evidence)).map((r) => r.sha256));
      expect(stored.filter((s) => !referenced.has(s))).toEqual([]);
    });
  });
});

describe('an embedded hub', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hub-evidence-files-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const open = () => openHub({ database: { kind: 'embedded', dataDir }, publicUrl: undefined, host: '127.0.0.1', port: 0 });

  it('moves old bytes into <data folder>/files when it starts, and refuses to serve a stored file that was altered', async () => {
    const content = pdfOf(400_000);
    const sha256 = sha256Of(content);
    let evidenceId: string;
    {
      const hub = await open();
      const cast = await createVerificationCast({ ...hub, app: await buildApp({ services: hub.services }), databaseConfig: { kind: 'embedded', dataDir } });
      const [row] = await hub.database.db
        .insert(evidence)
        .values({ organisationId: cast.trust.id, personId: cast.people.learner.id, frameworkId: FRAMEWORK_ID, topicId: 'any', kind: 'file', title: 'Old', fileName: 'old.pdf', mediaType: 'application/pdf', sizeBytes: content.length, sha256 })
        .returning();
      await hub.database.db.insert(evidenceFiles).values({ evidenceId: row!.id, content });
      evidenceId = row!.id;
      await hub.close();
    }
    const hub = await open();
    const app = await buildApp({ services: hub.services });
    try {
      expect(await hub.database.db.select().from(evidenceFiles)).toEqual([]);
      const file = path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
      expect((await readFile(file)).equals(content)).toBe(true);

      const [owner] = await hub.database.db.select({ personId: evidence.personId }).from(evidence).where(eq(evidence.id, evidenceId));
      const viewer = { personId: owner!.personId, organisationId: '', displayName: '', email: '', roles: ['learner'] as const };
      const altered = Buffer.concat([content.subarray(0, -1), Buffer.from([content.at(-1)! ^ 1])]);
      await writeFile(file, altered);
      const download = await hub.services.evidence.getEvidenceFile({ viewer, evidenceId });
      await expect(digestOf(download.content)).rejects.toThrow(`stored content ${sha256} hashes to`);
    } finally {
      await app.close();
      await hub.close();
    }
  });
});

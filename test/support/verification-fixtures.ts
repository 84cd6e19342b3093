import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { createRepositories } from '../../src/db/index.ts';
import { topicInfoLookup } from '../../src/services/assessment/topic-info.ts';
import { createTestOrganisations, createTestPerson, signIn } from './people-fixtures.ts';
import type { TestSession } from './people-fixtures.ts';
import type { TestHub } from './test-hub.ts';

export const FRAMEWORK_ID = 'dart-ed-2022';

/** The topic a requirement is rated under, whatever the framework's topics turn out to be. */
export function topicOf(hub: TestHub, requirementId: string): string {
  return topicInfoLookup(hub.services.assessmentFramework().index)(requirementId).id;
}

/** `count` different knowledge topics, so tests do not depend on how statements are grouped. */
export function knowledgeTopics(hub: TestHub, count: number): string[] {
  const { index } = hub.services.assessmentFramework();
  const topicInfo = topicInfoLookup(index);
  const ids = [...new Set(index.doc.requirements.map((r) => topicInfo(r.id)).filter((t) => t.kind === 'knowledge').map((t) => t.id))];
  return ids.slice(0, count);
}

export interface UploadPart {
  name: string;
  value?: string;
  file?: { fileName: string; contentType: string; content: Buffer };
}

/** A multipart/form-data body as a browser sends it. */
export function multipartBody(parts: UploadPart[]): { body: Buffer; contentType: string } {
  const boundary = `----hubtest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.file) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.file.fileName}"\r\nContent-Type: ${part.file.contentType}\r\n\r\n`));
      chunks.push(part.file.content, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form with the session cookie; `_csrf` is added unless `withCsrf` is false. */
export function postMultipart(hub: TestHub, session: TestSession, url: string, parts: UploadPart[], options: { withCsrf?: boolean; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  const all = options.withCsrf === false ? parts : [{ name: '_csrf', value: session.csrfToken }, ...parts];
  const { body, contentType } = multipartBody(all);
  return hub.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'content-type': contentType, ...options.headers }, payload: body });
}

/** Small but real files: file-type recognises each from its first bytes. */
export const SAMPLE_FILES = {
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64)]),
  html: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
};

/**
 * A trust with a learner, their supervisor, a second supervisor who does not supervise them,
 * another learner, and an admin of a sibling trust; each signed in.
 */
export async function createVerificationCast(hub: TestHub) {
  const { trust, otherTrust } = await createTestOrganisations(hub);
  const repositories = createRepositories(hub.database.db);
  const learner = await createTestPerson(hub, { organisationId: trust.id, name: 'Lee Learner' });
  const supervisor = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Sue Supervisor' });
  const otherSupervisor = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Stan Stranger' });
  const otherLearner = await createTestPerson(hub, { organisationId: trust.id, name: 'Olu Other' });
  const siblingAdmin = await createTestPerson(hub, { organisationId: otherTrust.id, roles: ['organisation-admin'], name: 'Ada Sibling' });
  await repositories.supervisions.insertSupervision({ organisationId: trust.id, supervisorId: supervisor.id, learnerId: learner.id, assignedBy: supervisor.id });
  await repositories.supervisions.insertSupervision({ organisationId: trust.id, supervisorId: otherSupervisor.id, learnerId: otherLearner.id, assignedBy: otherSupervisor.id });
  const [learnerSession, supervisorSession, otherSupervisorSession, otherLearnerSession, siblingAdminSession] = await Promise.all(
    [learner, supervisor, otherSupervisor, otherLearner, siblingAdmin].map((p) => signIn(hub.app, p.email)),
  );
  return {
    trust,
    repositories,
    people: { learner, supervisor, otherSupervisor, otherLearner, siblingAdmin },
    sessions: { learner: learnerSession!, supervisor: supervisorSession!, otherSupervisor: otherSupervisorSession!, otherLearner: otherLearnerSession!, siblingAdmin: siblingAdminSession! },
    /** Records a self-rating straight through the repository, as the self-assessment would. */
    async rate(personId: string, topicId: string, level: string) {
      const [row] = await repositories.assessments.insertRatings([{ organisationId: trust.id, personId, frameworkId: FRAMEWORK_ID, frameworkVersion: hub.services.assessmentFramework().version, topicId, level }]);
      return row!;
    },
  };
}

export type VerificationCast = Awaited<ReturnType<typeof createVerificationCast>>;

import type { NewResource, ResourceRecord, RevisionRecord } from '../../db/catalogue.repository.ts';
import type { learningResourceRevisions } from '../../db/schema.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { LearningResource, ResourceInput, ResourceRevision, ResourceRevisionWithSnapshot, ResourceSnapshot } from './catalogue.types.ts';

/** The columns a ResourceInput sets (its outcomes and prerequisites live in their own tables). */
export function columnsOf(input: ResourceInput): Omit<NewResource, 'organisationId' | 'frameworkId' | 'createdBy'> {
  const { title, provider, url, description, format, durationMinutes, costPence, cpdAccredited, cpdDetail, activityId, vendorNeutral, audienceArchetypes, audienceNote, reviewDate } = input;
  return { title, provider, url, description, format, durationMinutes, costPence, cpdAccredited, cpdDetail, activityId, vendorNeutral, audienceArchetypes, audienceNote, reviewDate };
}

/** A stored resource as services, pages and the API see it. */
export function toLearningResource(record: ResourceRecord): LearningResource {
  return {
    id: record.id,
    organisationId: record.organisationId,
    organisationName: record.organisationName,
    frameworkId: record.frameworkId,
    status: record.status,
    sample: record.sample,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    publishedAt: record.publishedAt,
    retiredAt: record.retiredAt,
    ...inputOf(record),
  };
}

/** What an educator wrote, out of a stored resource (for editing, export and re-checking). */
export function inputOf(record: ResourceRecord | LearningResource): ResourceInput {
  return {
    title: record.title,
    provider: record.provider,
    url: record.url,
    description: record.description,
    format: record.format,
    durationMinutes: record.durationMinutes,
    costPence: record.costPence,
    cpdAccredited: record.cpdAccredited,
    cpdDetail: record.cpdDetail,
    // Snapshots kept before activity ids existed have none.
    activityId: record.activityId ?? null,
    vendorNeutral: record.vendorNeutral,
    audienceArchetypes: [...record.audienceArchetypes],
    audienceNote: record.audienceNote,
    reviewDate: record.reviewDate,
    outcomes: record.outcomes.map(({ topicId, level }) => ({ topicId, level })),
    prerequisiteIds: [...record.prerequisiteIds],
  };
}

/** The whole resource after a change, as its revision keeps it. */
export function snapshotOf(record: ResourceRecord): ResourceSnapshot {
  return {
    id: record.id,
    organisationId: record.organisationId,
    frameworkId: record.frameworkId,
    status: record.status,
    sample: record.sample,
    version: record.version,
    publishedAt: record.publishedAt?.toISOString() ?? null,
    retiredAt: record.retiredAt?.toISOString() ?? null,
    ...inputOf(record),
  };
}

/** The revision that keeps a resource as it is after a change. */
export function revisionRow(record: ResourceRecord, viewer: Pick<Viewer, 'personId'>, action: ResourceRevision['action'], at: Date): typeof learningResourceRevisions.$inferInsert {
  return { organisationId: record.organisationId, resourceId: record.id, version: record.version, action, changedBy: viewer.personId, changedAt: at, snapshot: snapshotOf(record) };
}

export function toRevision(row: RevisionRecord): ResourceRevisionWithSnapshot {
  return {
    version: row.version,
    action: row.action,
    changedBy: { id: row.changedBy, displayName: row.changedByName },
    changedAt: row.changedAt,
    reason: row.reason,
    snapshot: row.snapshot as ResourceSnapshot,
  };
}

/** Whether two inputs say the same thing (outcomes and prerequisites in any order). */
export function isSameInput(a: ResourceInput, b: ResourceInput): boolean {
  const canonical = (i: ResourceInput) =>
    JSON.stringify([
      i.title, i.provider, i.url, i.description, i.format, i.durationMinutes, i.costPence, i.cpdAccredited, i.cpdDetail, i.activityId, i.vendorNeutral,
      i.audienceArchetypes, i.audienceNote, i.reviewDate,
      i.outcomes.map((o) => `${o.topicId}:${o.level}`).sort(),
      [...i.prerequisiteIds].sort(),
    ]);
  return canonical(a) === canonical(b);
}

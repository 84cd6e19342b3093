import { ratingScale } from '../../src/domain/assessment/requirement-status.ts';
import { topicIdOf } from '../../src/domain/framework/topics.ts';
import { aiMdtMembers, aiMdts, topicRatings, verificationDecisions, verificationRequests } from '../../src/db/schema.ts';
import { FRAMEWORK_ID } from './verification-fixtures.ts';
import type { TestHub } from './test-hub.ts';

/**
 * AI MDT rows written straight to the database: the team pages that create them are built on
 * another branch (issue 13), and coverage only reads them.
 */
export async function insertTeam(hub: TestHub, options: { organisationId: string; createdBy: string; name?: string; k?: number; coveredArchetypes?: string[] }) {
  const [team] = await hub.database.db
    .insert(aiMdts)
    .values({
      organisationId: options.organisationId,
      name: options.name ?? 'tri-X AI MDT',
      purpose: 'Evaluate, deploy and monitor AI for chest X-rays',
      createdBy: options.createdBy,
      resilienceK: options.k ?? 1,
      coveredArchetypes: options.coveredArchetypes ?? null,
    })
    .returning();
  if (!team) throw new Error('no team inserted');
  return team;
}

export async function addMember(
  hub: TestHub,
  options: { team: { id: string; organisationId: string }; personId: string; archetypes: string[]; teamRole?: string; isLead?: boolean; joinedAt?: Date; leftAt?: Date },
) {
  await hub.database.db.insert(aiMdtMembers).values({
    organisationId: options.team.organisationId,
    teamId: options.team.id,
    personId: options.personId,
    teamRole: options.teamRole ?? 'Member',
    archetypes: options.archetypes,
    isLead: options.isLead ?? false,
    joinedAt: options.joinedAt ?? new Date('2020-01-01T00:00:00Z'),
    leftAt: options.leftAt ?? null,
    addedBy: options.personId,
  });
}

/** Advanced requirements of an archetype grouped by the topic they are rated under (clinical layer included). */
export function advancedTopicsOf(hub: TestHub, archetype: string): Map<string, string[]> {
  const { index } = hub.services.assessmentFramework();
  const topics = new Map<string, string[]>();
  for (const r of index.doc.requirements.filter((x) => x.tier === 'advanced' && x.archetype === archetype)) {
    const topicId = topicIdOf(index, r.id) ?? r.id;
    topics.set(topicId, [...(topics.get(topicId) ?? []), r.id]);
  }
  return topics;
}

/** The top of a topic's scale, which meets every requirement rated under it. */
export function topLevelOf(hub: TestHub, topicId: string): string {
  const { index } = hub.services.assessmentFramework();
  const requirement = index.doc.requirements.find((r) => (topicIdOf(index, r.id) ?? r.id) === topicId);
  if (!requirement) throw new Error(`no requirement under ${topicId}`);
  const scale = ratingScale(index, requirement.kind);
  return scale[scale.length - 1]?.value ?? '';
}

/** A self-rating as it stood at `ratedAt` (history needs ratings in past months). */
export async function rateAt(hub: TestHub, person: { id: string; organisationId: string }, topicId: string, level: string, ratedAt = new Date()) {
  const { version } = hub.services.assessmentFramework();
  const [row] = await hub.database.db
    .insert(topicRatings)
    .values({ organisationId: person.organisationId, personId: person.id, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId, level, ratedAt })
    .returning();
  if (!row) throw new Error('no rating inserted');
  return row;
}

/** A supervisor's confirmation of a rating, decided at `decidedAt`. */
export async function verifyAt(hub: TestHub, rating: { id: string; organisationId: string; personId: string; topicId: string; level: string; ratedAt: Date }, supervisorId: string, decidedAt: Date) {
  const [request] = await hub.database.db
    .insert(verificationRequests)
    .values({ organisationId: rating.organisationId, learnerId: rating.personId, supervisorId, frameworkId: FRAMEWORK_ID, topicId: rating.topicId, ratingId: rating.id, ratingRatedAt: rating.ratedAt, initiatedBy: 'supervisor', requestedAt: decidedAt })
    .returning();
  if (!request) throw new Error('no request inserted');
  await hub.database.db.insert(verificationDecisions).values({ organisationId: rating.organisationId, requestId: request.id, decidedBy: supervisorId, outcome: 'confirmed', level: rating.level, decidedAt });
}

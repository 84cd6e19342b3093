import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiDeployments, aiDeploymentUsers, auditEvents, journeyItems, journeys, learningResources } from './schema.ts';

/**
 * The dated facts the training and journey trends are replayed from (docs/scale.md §2.7): every
 * deployment link a person ever had (ended ones too) with what is dated about its deployment, and
 * every journey and item with its timestamps. One query per kind for a slice of people.
 */

export interface DeploymentLinkFact {
  personId: string;
  deploymentId: string;
  productId: string;
  linkedAt: Date;
  unlinkedAt: Date | null;
  /** Only the latest due date is kept: a refresher going live overwrites the first. */
  dueBy: Date | null;
  /** The deployment as it is now, with the dates its changes left behind. */
  status: (typeof aiDeployments.$inferSelect)['status'];
  liveVersionId: string | null;
  startedOn: string;
  liveSince: string | null;
  withdrawnAt: Date | null;
}

type DeploymentStatus = (typeof aiDeployments.$inferSelect)['status'];

/** A change of a deployment's status or live version, as its audit event recorded it. */
export interface DeploymentChangeFact {
  deploymentId: string;
  at: Date;
  from: { status: DeploymentStatus; liveVersionId: string | null };
  to: { status: DeploymentStatus; liveVersionId: string | null };
}

const STATUSES: readonly string[] = ['evaluating', 'piloting', 'live', 'withdrawn'];
const isStatus = (v: unknown): v is DeploymentStatus => typeof v === 'string' && STATUSES.includes(v);
const versionOf = (v: unknown): string | null | undefined => (typeof v === 'string' ? v : v === null ? null : undefined);

/** The 'deployment.changed' detail (services/products/deployment-change.ts) as a change, or null when it is not one. */
function changeOf(at: Date, detail: unknown): DeploymentChangeFact | null {
  if (typeof detail !== 'object' || detail === null) return null;
  const { deploymentId, from, to } = detail as { deploymentId?: unknown; from?: { status?: unknown; liveVersionId?: unknown }; to?: { status?: unknown; liveVersionId?: unknown } };
  if (typeof deploymentId !== 'string' || !isStatus(from?.status) || !isStatus(to?.status)) return null;
  const before = versionOf(from.liveVersionId) ?? null;
  // `to` holds only what changed: a status change alone keeps the version.
  return { deploymentId, at, from: { status: from.status, liveVersionId: before }, to: { status: to.status, liveVersionId: versionOf(to.liveVersionId) ?? before } };
}

export interface JourneyFact {
  id: string;
  personId: string;
  frameworkId: string;
  status: 'active' | 'archived';
  createdAt: Date;
  archivedAt: Date | null;
}

export interface JourneyItemHistoryFact {
  journeyId: string;
  status: (typeof journeyItems.$inferSelect)['status'];
  durationMinutes: number;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  removedAt: Date | null;
}

export function createHistoryFactReads(db: Database) {
  return {
    async listDeploymentLinksOf(personIds: readonly string[], tx: Database = db): Promise<DeploymentLinkFact[]> {
      if (personIds.length === 0) return [];
      return tx
        .select({
          personId: aiDeploymentUsers.personId,
          deploymentId: aiDeploymentUsers.deploymentId,
          productId: aiDeployments.productId,
          linkedAt: aiDeploymentUsers.linkedAt,
          unlinkedAt: aiDeploymentUsers.unlinkedAt,
          dueBy: aiDeploymentUsers.dueBy,
          status: aiDeployments.status,
          liveVersionId: aiDeployments.liveVersionId,
          startedOn: aiDeployments.startedOn,
          liveSince: aiDeployments.liveSince,
          withdrawnAt: aiDeployments.withdrawnAt,
        })
        .from(aiDeploymentUsers)
        .innerJoin(aiDeployments, eq(aiDeployments.id, aiDeploymentUsers.deploymentId))
        .where(inArray(aiDeploymentUsers.personId, [...personIds]))
        .orderBy(asc(aiDeploymentUsers.personId), asc(aiDeploymentUsers.linkedAt));
    },

    /** Every recorded change of these deployments' status or live version (audit events are kept by product), oldest first. */
    async listDeploymentChangesOf(productIds: readonly string[], deploymentIds: readonly string[], tx: Database = db): Promise<DeploymentChangeFact[]> {
      if (productIds.length === 0 || deploymentIds.length === 0) return [];
      const rows = await tx
        .select({ at: auditEvents.at, detail: auditEvents.detail })
        .from(auditEvents)
        .where(and(inArray(auditEvents.subjectId, [...productIds]), eq(auditEvents.action, 'deployment.changed'), inArray(sql<string>`${auditEvents.detail}->>'deploymentId'`, [...deploymentIds])))
        .orderBy(asc(auditEvents.at));
      return rows.flatMap((r) => changeOf(r.at, r.detail) ?? []);
    },

    async listJourneysOf(personIds: readonly string[], tx: Database = db): Promise<JourneyFact[]> {
      if (personIds.length === 0) return [];
      return tx
        .select({ id: journeys.id, personId: journeys.personId, frameworkId: journeys.frameworkId, status: journeys.status, createdAt: journeys.createdAt, archivedAt: journeys.archivedAt })
        .from(journeys)
        .where(inArray(journeys.personId, [...personIds]))
        .orderBy(asc(journeys.personId), asc(journeys.createdAt));
    },

    async listJourneyItemHistoryOf(personIds: readonly string[], tx: Database = db): Promise<JourneyItemHistoryFact[]> {
      if (personIds.length === 0) return [];
      const rows = await tx
        .select({
          journeyId: journeyItems.journeyId,
          status: journeyItems.status,
          durationMinutes: learningResources.durationMinutes,
          createdAt: journeyItems.createdAt,
          startedAt: journeyItems.startedAt,
          completedAt: journeyItems.completedAt,
          removedAt: journeyItems.removedAt,
        })
        .from(journeyItems)
        .innerJoin(journeys, and(eq(journeys.id, journeyItems.journeyId), eq(journeys.organisationId, journeyItems.organisationId)))
        .leftJoin(learningResources, eq(learningResources.id, journeyItems.resourceId))
        .where(inArray(journeys.personId, [...personIds]));
      return rows.map((r) => ({ ...r, durationMinutes: r.durationMinutes ?? 0 }));
    },
  };
}

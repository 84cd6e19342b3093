import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { currentTopicLevels, peopleKey } from './current-levels.ts';
import {
  advancedFocus,
  aiDeployments,
  aiDeploymentUsers,
  aiProducts,
  aiProductVersions,
  journeyItems,
  journeys,
  learningResources,
  moduleAttempts,
  people,
  profiles,
} from './schema.ts';

/**
 * What the insight contribution writers read about a set of people (docs/scale.md §2.4): one
 * query per kind of fact however many people, so a bulk refresh of a trust costs the same number of
 * round trips as one person's write. Every read takes the caller's transaction: on the embedded
 * database a read outside an open transaction would wait for it to end.
 */

export interface PersonFacts {
  personId: string;
  organisationId: string;
  /** Null when the person has no profile yet: nothing applies to them. */
  profile: { archetypes: string[]; clinicalDecisionMaking: boolean } | null;
}

export interface DeploymentUse {
  personId: string;
  deploymentId: string;
  dueBy: Date | null;
  status: (typeof aiDeployments.$inferSelect)['status'];
  liveVersionId: string | null;
  productId: string;
  productName: string;
  clinicalDecisionMaking: boolean;
}

export interface JourneyItemFact {
  personId: string;
  frameworkId: string;
  /** Whether the item belongs to the person's active journey (else an archived one). */
  active: boolean;
  status: (typeof journeyItems.$inferSelect)['status'];
  durationMinutes: number;
}

export function createInsightInputsRepository(db: Database) {
  return {
    async listPeopleFacts(personIds: readonly string[], tx: Database = db): Promise<PersonFacts[]> {
      if (personIds.length === 0) return [];
      const rows = await tx
        .select({ personId: people.id, organisationId: people.organisationId, archetypes: profiles.archetypes, clinical: profiles.clinicalDecisionMaking })
        .from(people)
        .leftJoin(profiles, eq(profiles.personId, people.id))
        .where(inArray(people.id, [...personIds]));
      return rows.map((r) => ({
        personId: r.personId,
        organisationId: r.organisationId,
        profile: r.archetypes === null ? null : { archetypes: r.archetypes, clinicalDecisionMaking: r.clinical ?? false },
      }));
    },

    /** The ids of everyone in these organisations (not beneath them), in a fixed order. */
    async listPersonIdsIn(organisationIds: readonly string[], tx: Database = db): Promise<string[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx.select({ id: people.id }).from(people).where(inArray(people.organisationId, [...organisationIds])).orderBy(asc(people.organisationId), asc(people.id));
      return rows.map((r) => r.id);
    },

    /** The latest focus decision per person and archetype (a null `factors` means cleared), as listCurrentFocus. */
    async listCurrentFocusOf(personIds: readonly string[], tx: Database = db) {
      if (personIds.length === 0) return [];
      return tx
        .selectDistinctOn([advancedFocus.personId, advancedFocus.archetype], { personId: advancedFocus.personId, archetype: advancedFocus.archetype, factors: advancedFocus.factors })
        .from(advancedFocus)
        .where(inArray(advancedFocus.personId, [...personIds]))
        .orderBy(advancedFocus.personId, advancedFocus.archetype, desc(advancedFocus.setAt));
    },

    /** Each person's current self-rated and verified level per topic in a framework. */
    async listCurrentLevelsOf(personIds: readonly string[], frameworkId: string, tx: Database = db) {
      if (personIds.length === 0) return [];
      return tx
        .select({ personId: currentTopicLevels.personId, topicId: currentTopicLevels.topicId, self: currentTopicLevels.selfLevel, verified: currentTopicLevels.verifiedLevel })
        .from(currentTopicLevels)
        .where(and(peopleKey(personIds), eq(currentTopicLevels.frameworkId, frameworkId)));
    },

    /** The deployments these people currently use, with what currency needs of the deployment and product. */
    async listDeploymentUsesOf(personIds: readonly string[], tx: Database = db): Promise<DeploymentUse[]> {
      if (personIds.length === 0) return [];
      return tx
        .select({
          personId: aiDeploymentUsers.personId,
          deploymentId: aiDeploymentUsers.deploymentId,
          dueBy: aiDeploymentUsers.dueBy,
          status: aiDeployments.status,
          liveVersionId: aiDeployments.liveVersionId,
          productId: aiDeployments.productId,
          productName: aiProducts.name,
          clinicalDecisionMaking: aiProducts.clinicalDecisionMaking,
        })
        .from(aiDeploymentUsers)
        .innerJoin(aiDeployments, eq(aiDeployments.id, aiDeploymentUsers.deploymentId))
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .where(and(inArray(aiDeploymentUsers.personId, [...personIds]), isNull(aiDeploymentUsers.unlinkedAt)))
        .orderBy(asc(aiProducts.name), asc(aiDeploymentUsers.deploymentId));
    },

    /** Every pass by these people of any module of these products. */
    async listPassesOf(personIds: readonly string[], productIds: readonly string[], tx: Database = db) {
      if (personIds.length === 0 || productIds.length === 0) return [];
      return tx
        .select({ personId: moduleAttempts.personId, productId: aiProductVersions.productId, productVersionId: moduleAttempts.productVersionId, passedAt: moduleAttempts.attemptedAt })
        .from(moduleAttempts)
        .innerJoin(aiProductVersions, eq(aiProductVersions.id, moduleAttempts.productVersionId))
        .where(and(inArray(moduleAttempts.personId, [...personIds]), inArray(aiProductVersions.productId, [...productIds]), eq(moduleAttempts.passed, true)));
    },

    /** Every item of these people's journeys (active and archived), with its resource's minutes. */
    async listJourneyItemsOf(personIds: readonly string[], tx: Database = db): Promise<JourneyItemFact[]> {
      if (personIds.length === 0) return [];
      const rows = await tx
        .select({ personId: journeys.personId, frameworkId: journeys.frameworkId, journeyStatus: journeys.status, status: journeyItems.status, durationMinutes: learningResources.durationMinutes })
        .from(journeyItems)
        .innerJoin(journeys, and(eq(journeys.id, journeyItems.journeyId), eq(journeys.organisationId, journeyItems.organisationId)))
        .leftJoin(learningResources, eq(learningResources.id, journeyItems.resourceId))
        .where(inArray(journeys.personId, [...personIds]));
      return rows.map((r) => ({ personId: r.personId, frameworkId: r.frameworkId, active: r.journeyStatus === 'active', status: r.status, durationMinutes: r.durationMinutes ?? 0 }));
    },

    /** The framework of each person's active journey: a journey with no items yet still counts. */
    async listActiveJourneysOf(personIds: readonly string[], tx: Database = db): Promise<Array<{ personId: string; frameworkId: string }>> {
      if (personIds.length === 0) return [];
      return tx
        .select({ personId: journeys.personId, frameworkId: journeys.frameworkId })
        .from(journeys)
        .where(and(inArray(journeys.personId, [...personIds]), eq(journeys.status, 'active')));
    },
  };
}

export type InsightInputsRepository = ReturnType<typeof createInsightInputsRepository>;

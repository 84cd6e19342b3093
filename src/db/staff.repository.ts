import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import type { PassRecord } from './product-training.repository.ts';
import type { DeploymentRow, DeploymentUserRow, ProductVersionRow } from './product.repository.ts';
import { advancedFocus, aiDeployments, aiDeploymentUsers, aiProducts, aiProductVersions, evidence, moduleAttempts, topicRatings } from './schema.ts';
import type { AdvancedFocusRow } from './assessment.repository.ts';
import type { EvidenceRow } from './evidence.repository.ts';

/** One supervisee as "My staff" lists them: counts worked out by the database, one row per person. */
export interface SuperviseeSummary {
  personId: string;
  displayName: string;
  jobTitle: string | null;
  archetypes: string[];
  clinicalDecisionMaking: boolean;
  /** Subjects with a confirmed or adjusted verification. */
  verifiedSubjects: number;
  /** Requests sent to this supervisor that nobody has decided or withdrawn. */
  openRequests: number;
  /** Archetypes the person holds with an agreed advanced focus in force. */
  focusedArchetypes: number;
  hasJourney: boolean;
  journeyItems: number;
  journeyItemsDone: number;
}

export interface ProductLink {
  personId: string;
  link: DeploymentUserRow;
  deployment: DeploymentRow;
  productName: string;
  productIsClinical: boolean;
}

type SummaryRow = {
  person_id: string;
  display_name: string;
  job_title: string | null;
  archetypes: string[];
  clinical: boolean;
  verified: number;
  open_requests: number;
  focused: number;
  has_journey: boolean;
  journey_items: number;
  journey_done: number;
};

/** What a supervisor sees of the people they supervise, read in batches so a long list costs a few queries. */
export function createStaffRepository(db: Database) {
  return {
    /**
     * Every current supervisee of `supervisorId` with their progress, in one statement: each count
     * is an index-backed subquery per person, never a query per person from the application.
     */
    async listSuperviseeSummaries(supervisorId: string, frameworkId: string, tx: Database = db): Promise<SuperviseeSummary[]> {
      const result = await tx.execute<SummaryRow>(sql`
        select p.id as person_id, p.display_name, p.job_title, coalesce(pr.archetypes, '{}'::text[]) as archetypes,
          coalesce(pr.clinical_decision_making, false) as clinical,
          (select count(distinct vr.topic_id)::int from verification_requests vr
             join verification_decisions d on d.request_id = vr.id and d.organisation_id = vr.organisation_id
             where vr.learner_id = p.id and vr.framework_id = ${frameworkId} and d.outcome in ('confirmed', 'adjusted')) as verified,
          (select count(*)::int from verification_requests vr where vr.learner_id = p.id and vr.supervisor_id = ${supervisorId}
             and not exists (select 1 from verification_decisions d where d.request_id = vr.id)) as open_requests,
          (select count(*)::int from (
             select distinct on (f.archetype) f.factors from advanced_focus f
             where f.person_id = p.id and f.archetype = any(coalesce(pr.archetypes, '{}'::text[]))
             order by f.archetype, f.set_at desc) latest where latest.factors is not null) as focused,
          exists(select 1 from journeys j where j.person_id = p.id and j.status = 'active') as has_journey,
          (select count(*)::int from journey_items i join journeys j on j.id = i.journey_id
             where j.person_id = p.id and j.status = 'active' and i.status in ('planned', 'started', 'completed')) as journey_items,
          (select count(*)::int from journey_items i join journeys j on j.id = i.journey_id
             where j.person_id = p.id and j.status = 'active' and i.status = 'completed') as journey_done
        from supervisions s
        join people p on p.id = s.learner_id
        left join profiles pr on pr.person_id = p.id
        where s.supervisor_id = ${supervisorId} and s.ended_at is null
        order by p.display_name, p.id`);
      return (result as unknown as { rows: SummaryRow[] }).rows.map((r) => ({
        personId: r.person_id,
        displayName: r.display_name,
        jobTitle: r.job_title,
        archetypes: r.archetypes,
        clinicalDecisionMaking: Boolean(r.clinical),
        verifiedSubjects: Number(r.verified),
        openRequests: Number(r.open_requests),
        focusedArchetypes: Number(r.focused),
        hasJourney: Boolean(r.has_journey),
        journeyItems: Number(r.journey_items),
        journeyItemsDone: Number(r.journey_done),
      }));
    },

    /** The deployments these people currently use, with the product's name. */
    async listProductLinksOfPeople(personIds: readonly string[], tx: Database = db): Promise<ProductLink[]> {
      if (personIds.length === 0) return [];
      const rows = await tx
        .select({ link: aiDeploymentUsers, deployment: aiDeployments, productName: aiProducts.name, productIsClinical: aiProducts.clinicalDecisionMaking })
        .from(aiDeploymentUsers)
        .innerJoin(aiDeployments, eq(aiDeployments.id, aiDeploymentUsers.deploymentId))
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .where(and(inArray(aiDeploymentUsers.personId, [...personIds]), isNull(aiDeploymentUsers.unlinkedAt)))
        .orderBy(asc(aiProducts.name));
      return rows.map((r) => ({ personId: r.link.personId, ...r }));
    },

    /** Every version of these products, in release order within each product. */
    async listVersionsOfProducts(productIds: readonly string[], tx: Database = db): Promise<ProductVersionRow[]> {
      if (productIds.length === 0) return [];
      return tx
        .select()
        .from(aiProductVersions)
        .where(inArray(aiProductVersions.productId, [...productIds]))
        .orderBy(asc(aiProductVersions.productId), asc(aiProductVersions.releasedOn), asc(aiProductVersions.createdAt));
    },

    /** These people's passes of any module of these products, oldest first, with the product. */
    async listPassesOfPeople(personIds: readonly string[], productIds: readonly string[], tx: Database = db): Promise<Array<PassRecord & { productId: string }>> {
      if (personIds.length === 0 || productIds.length === 0) return [];
      return tx
        .select({ personId: moduleAttempts.personId, productVersionId: moduleAttempts.productVersionId, passedAt: moduleAttempts.attemptedAt, productId: aiProductVersions.productId })
        .from(moduleAttempts)
        .innerJoin(aiProductVersions, eq(aiProductVersions.id, moduleAttempts.productVersionId))
        .where(and(inArray(moduleAttempts.personId, [...personIds]), inArray(aiProductVersions.productId, [...productIds]), eq(moduleAttempts.passed, true)))
        .orderBy(asc(moduleAttempts.attemptedAt));
    },

    /** The topics each of these people has rated in this framework (any level, "not yet" included). */
    async listRatedTopicsOfPeople(personIds: readonly string[], frameworkId: string, tx: Database = db): Promise<Array<{ personId: string; topicId: string }>> {
      if (personIds.length === 0) return [];
      return tx
        .selectDistinct({ personId: topicRatings.personId, topicId: topicRatings.topicId })
        .from(topicRatings)
        .where(and(inArray(topicRatings.personId, [...personIds]), eq(topicRatings.frameworkId, frameworkId)));
    },

    /** The latest focus row per person and archetype (null factors: cleared). */
    async listCurrentFocusOfPeople(personIds: readonly string[], tx: Database = db): Promise<AdvancedFocusRow[]> {
      if (personIds.length === 0) return [];
      return tx
        .selectDistinctOn([advancedFocus.personId, advancedFocus.archetype])
        .from(advancedFocus)
        .where(inArray(advancedFocus.personId, [...personIds]))
        .orderBy(advancedFocus.personId, advancedFocus.archetype, desc(advancedFocus.setAt));
    },

    /** A person's evidence in this framework that is not withdrawn, newest first, across all subjects. */
    async listActiveEvidenceOfPerson(personId: string, frameworkId: string, tx: Database = db): Promise<EvidenceRow[]> {
      return tx
        .select()
        .from(evidence)
        .where(and(eq(evidence.personId, personId), eq(evidence.frameworkId, frameworkId), isNull(evidence.withdrawnAt)))
        .orderBy(desc(evidence.createdAt), desc(sql`${evidence.id}`));
    },
  };
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;

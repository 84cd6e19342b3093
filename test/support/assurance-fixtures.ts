import { createPeopleRepository } from '../../src/db/people.repository.ts';
import type { PlatformRole } from '../../src/domain/people/platform-roles.ts';
import type { Viewer } from '../../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson } from './people-fixtures.ts';
import { TRI_X, viewerOf } from './product-fixtures.ts';
import type { TestHub } from './test-hub.ts';
import type { Database } from '../../src/db/client.ts';
import { assuranceDecisions, assuranceReviews } from '../../src/db/schema.ts';
import { DEFAULT_FRAMEWORK_ID } from '../../src/services/bundled-frameworks.ts';

export type CastMember = 'productLead' | 'driver' | 'embedder' | 'reviewer' | 'staff' | 'admin' | 'outsider' | 'outsiderAdmin';

export interface AssuranceCast {
  trustId: string;
  otherTrustId: string;
  productId: string;
  viewers: Record<CastMember, Viewer>;
  emails: Record<CastMember, string>;
}

/**
 * The people of an assurance review: a trust with a product lead who registered tri-X, a Driver
 * and an Embedder (by their profiles' archetypes), a reviewer, plain staff and an admin; and in
 * another trust an AI product lead and an admin who must never see the trust's reviews.
 */
export async function createAssuranceCast(hub: Pick<TestHub, 'services' | 'database'>): Promise<AssuranceCast> {
  const { trust, otherTrust } = await createTestOrganisations(hub);
  const cast: Array<[CastMember, string, PlatformRole[], string[]]> = [
    ['productLead', trust.id, ['learner', 'product-lead'], []],
    ['driver', trust.id, ['learner'], ['driver']],
    ['embedder', trust.id, ['learner'], ['embedder', 'user']],
    ['reviewer', trust.id, ['learner'], ['user']],
    ['staff', trust.id, ['learner'], ['user']],
    ['admin', trust.id, ['learner', 'organisation-admin'], []],
    ['outsider', otherTrust.id, ['learner', 'product-lead'], ['driver']],
    ['outsiderAdmin', otherTrust.id, ['learner', 'organisation-admin'], []],
  ];
  const people = createPeopleRepository(hub.database.db);
  const viewers = {} as Record<CastMember, Viewer>;
  const emails = {} as Record<CastMember, string>;
  for (const [member, organisationId, roles, archetypes] of cast) {
    const person = await createTestPerson(hub, { organisationId, roles, name: `${member} ${organisationId.slice(0, 4)}` });
    if (archetypes.length > 0) await people.saveProfile({ personId: person.id, organisationId, archetypes });
    viewers[member] = viewerOf(person);
    emails[member] = person.email;
  }
  const product = await hub.services.products.registerProduct({ viewer: viewers.productLead, input: TRI_X });
  return { trustId: trust.id, otherTrustId: otherTrust.id, productId: product.id, viewers, emails };
}

/**
 * An approved deployment review of a product for an organisation, written straight to the
 * database: what a deployment there needs before it may go live (issue 12). For tests about
 * deployments and training, which need the gate open, not the review's own journey.
 */
export async function approveDeploymentReview(db: Database, { productId, organisationId, leadId }: { productId: string; organisationId: string; leadId: string }): Promise<string> {
  const [review] = await db
    .insert(assuranceReviews)
    .values({
      organisationId,
      productId,
      stage: 'deployment',
      questionSet: 'a6',
      deploymentOrganisationId: organisationId,
      frameworkId: DEFAULT_FRAMEWORK_ID,
      frameworkVersion: '1',
      leadId,
      dueOn: '2026-01-31',
      status: 'decided',
      createdBy: leadId,
    })
    .returning();
  if (!review) throw new Error('review insert returned nothing');
  await db.insert(assuranceDecisions).values({ organisationId, reviewId: review.id, decisionMakerId: leadId, outcome: 'approved', statement: 'Approved for the tests.' });
  return review.id;
}

import type { Database } from '../../src/db/client.ts';
import { assuranceDecisions, assuranceReviews } from '../../src/db/schema.ts';
import { DEFAULT_FRAMEWORK_ID } from '../../src/services/bundled-frameworks.ts';

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

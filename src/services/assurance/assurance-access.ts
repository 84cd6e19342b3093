import { validate as isUuid } from 'uuid';
import type { AssuranceRepository, ReviewRecord } from '../../db/assurance.repository.ts';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import { AppError } from '../../errors.ts';
import { hasRole } from '../identity/viewer.ts';
import type { Viewer } from '../identity/viewer.ts';

export interface AssuranceAccessDeps {
  assuranceRepository: Pick<AssuranceRepository, 'findReview' | 'listReviewers'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree'>;
  peopleRepository: Pick<PeopleRepository, 'getProfile'>;
}

export type ReviewStage = 'procurement' | 'deployment';

/** What the viewer is to one review: decides what they may see and do. */
export interface ReviewPart {
  isLead: boolean;
  isReviewer: boolean;
  /** An organisation admin of the organisation running it (or above it), or a platform admin. */
  isAdmin: boolean;
  /** Works in the organisation running it, or beneath it. */
  isStaff: boolean;
}

export const reviewNotFound = () => new AppError('not_found', 'There is no such assurance review, or you cannot see it.');

/** The archetype whose questions each stage asks (Tables A3 and A6). */
const STAGE_ARCHETYPE: Record<ReviewStage, string> = { procurement: 'driver', deployment: 'embedder' };

/** Whether someone with these platform roles and profile archetypes may lead a review of the stage. */
export function qualifiesToLead(roles: readonly string[], archetypes: readonly string[], stage: ReviewStage): boolean {
  return ['product-lead', 'organisation-admin', 'platform-admin'].some((r) => roles.includes(r)) || archetypes.includes(STAGE_ARCHETYPE[stage]);
}

/**
 * Who may see and change an assurance review, in one place for pages, API and CLI. The lead,
 * reviewers and the organisation's admins work on it; other staff of the organisation read it once
 * it is decided; everyone else is told it does not exist. Unlike the rest of the hub, an archetype
 * grants something here, because the issue says so: Drivers lead procurement reviews and Embedders
 * deployment reviews (the report gives them those questions); AI product leads and organisation
 * admins may lead either.
 */
export function createAssuranceAccess(deps: AssuranceAccessDeps) {
  const organisations = deps.organisationRepository;

  async function isAdminOf(viewer: Viewer, organisationId: string, tx?: Database): Promise<boolean> {
    if (viewer.roles.includes('platform-admin')) return true;
    return hasRole(viewer, 'organisation-admin') && organisations.isWithinSubtree(viewer.organisationId, organisationId, tx);
  }

  /** Whether someone with these roles and this person's profile may lead a review of the stage. */
  async function mayLead(person: { id: string; roles: readonly string[] }, stage: ReviewStage): Promise<boolean> {
    if (qualifiesToLead(person.roles, [], stage)) return true;
    return qualifiesToLead([], (await deps.peopleRepository.getProfile(person.id))?.archetypes ?? [], stage);
  }

  async function partIn(viewer: Viewer, review: ReviewRecord, tx?: Database): Promise<ReviewPart> {
    const reviewers = await deps.assuranceRepository.listReviewers(review.id, tx);
    return {
      isLead: review.leadId === viewer.personId,
      isReviewer: reviewers.some((r) => r.personId === viewer.personId),
      isAdmin: await isAdminOf(viewer, review.organisationId, tx),
      isStaff: await organisations.isWithinSubtree(review.organisationId, viewer.organisationId, tx),
    };
  }

  const works = (part: ReviewPart) => part.isLead || part.isReviewer || part.isAdmin;
  const canRead = (part: ReviewPart, review: ReviewRecord) => works(part) || (part.isStaff && review.status === 'decided');

  /** The review and the viewer's part in it; not found for anyone who may not read it. */
  async function readableReview(viewer: Viewer, id: string, tx?: Database): Promise<{ review: ReviewRecord; part: ReviewPart }> {
    const review = isUuid(id) ? await deps.assuranceRepository.findReview(id, tx) : undefined;
    if (!review) throw reviewNotFound();
    const part = await partIn(viewer, review, tx);
    if (!canRead(part, review)) throw reviewNotFound();
    return { review, part };
  }

  /** For answers and evidence: the lead, reviewers and admins. */
  async function workableReview(viewer: Viewer, id: string, tx?: Database) {
    const found = await readableReview(viewer, id, tx);
    if (!works(found.part)) throw new AppError('forbidden', 'Only the review’s lead, its reviewers and organisation admins can change it.');
    return found;
  }

  /** For reviewers, dates, status and the decision: the lead and admins. */
  async function managedReview(viewer: Viewer, id: string, tx?: Database) {
    const found = await readableReview(viewer, id, tx);
    if (!found.part.isLead && !found.part.isAdmin) throw new AppError('forbidden', 'Only the review’s lead and organisation admins can do this.');
    return found;
  }

  return { isAdminOf, mayLead, partIn, works, canRead, readableReview, workableReview, managedReview };
}

export type AssuranceAccess = ReturnType<typeof createAssuranceAccess>;

import { validate as isUuid } from 'uuid';
import type { AssuranceRepository, ReviewRecord, ReviewRow } from '../../db/assurance.repository.ts';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isOpen, nextStatus } from '../../domain/assurance/review-status.ts';
import type { ReviewEvent } from '../../domain/assurance/review-status.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { Notices } from '../mail/notices.ts';
import type { NotificationService } from '../people/notification.service.ts';
import type { ProductAccess } from '../products/product-access.ts';
import { parseInput } from '../products/product-input.ts';
import type { AssuranceAccess, ReviewStage } from './assurance-access.ts';
import { dueDateInputSchema, reviewInputSchema } from './assurance-input.ts';
import type { ReviewQuestions } from './review-questions.ts';
import type { ReviewPeople } from './review-people.ts';
import { reviewLink } from './review-questions.ts';

export interface ReviewServiceDeps {
  db: Database;
  assuranceRepository: AssuranceRepository;
  organisationRepository: Pick<OrganisationRepository, 'listAncestry' | 'listSubtreeIds' | 'isWithinSubtree' | 'listOrganisations' | 'listSubtree'>;
  access: AssuranceAccess;
  productAccess: Pick<ProductAccess, 'visibleProduct'>;
  people: ReviewPeople;
  questions: ReviewQuestions;
  audit: AuditLog;
  notifications: Pick<NotificationService, 'notify'>;
  notices: Pick<Notices, 'tellPerson'>;
  now?: () => Date;
}

const STAGES: readonly ReviewStage[] = ['procurement', 'deployment'];
const changedMeanwhile = () => new AppError('conflict', 'Someone else changed this review while you were looking at it. Check their changes, then try again.', [{ field: 'version', message: 'This review has changed since you opened it' }]);
const closed = () => new AppError('conflict', 'This review has been decided: it is a record now and cannot be changed.');

/** Starting assurance reviews, who works on them, their due date and status (issue 12). */
export function createReviewService(deps: ReviewServiceDeps) {
  const repo = deps.assuranceRepository;
  const { access } = deps;
  const now = deps.now ?? (() => new Date());

  async function record(viewer: Viewer, review: Pick<ReviewRow, 'id' | 'organisationId'>, action: string, detail: object, tx: Database): Promise<void> {
    await deps.audit.record({ organisationId: review.organisationId, actorId: viewer.personId, subjectId: review.id, action: `assurance.${action}`, detail }, tx);
  }

  async function change(viewer: Viewer, review: ReviewRecord, version: number, values: Parameters<AssuranceRepository['updateReview']>[2], action: string, tx: Database): Promise<ReviewRow> {
    const updated = await repo.updateReview(review.id, version, values, tx);
    if (!updated) throw changedMeanwhile();
    await record(viewer, review, action, values, tx);
    return updated;
  }

  async function deploymentPlace(viewer: Viewer, stage: ReviewStage, organisationId: string | undefined): Promise<string | null> {
    if (stage === 'procurement') return null;
    const isHere = organisationId !== undefined && isUuid(organisationId) && (await deps.organisationRepository.isWithinSubtree(viewer.organisationId, organisationId));
    if (!isHere) throw new AppError('invalid', 'The review has problems.', [{ field: 'deploymentOrganisationId', message: 'Choose where it will be deployed: your organisation or one beneath it' }]);
    return organisationId;
  }

  /** The stages the viewer may start (and lead) reviews of: empty when they may start none. */
  async function stagesToStart({ viewer }: { viewer: Viewer }): Promise<ReviewStage[]> {
    const person = { id: viewer.personId, roles: viewer.roles };
    const allowed = await Promise.all(STAGES.map((s) => access.mayLead(person, s)));
    return STAGES.filter((_, i) => allowed[i]);
  }

  return {
    stagesToStart,

    /** What the "start a review" form offers: the stages, who may lead them, and where a deployment can be. */
    async startChoices({ viewer }: { viewer: Viewer }) {
      const stages = await stagesToStart({ viewer });
      const leads = new Map<string, string>();
      for (const stage of stages) for (const p of await deps.people.leadChoices(viewer.organisationId, stage)) leads.set(p.id, p.displayName);
      const places = stages.includes('deployment') ? await deps.organisationRepository.listSubtree(viewer.organisationId) : [];
      return { stages, leads: [...leads].map(([id, displayName]) => ({ id, displayName })), places: places.map((o) => ({ id: o.id, name: o.name, depth: o.depth })) };
    },

    /** Reviews the viewer may read: those they work on, those of organisations they administer, and decided ones where they work. */
    async listReviews({ viewer }: { viewer: Viewer }): Promise<ReviewRecord[]> {
      const ancestry = (await deps.organisationRepository.listAncestry(viewer.organisationId)).map((o) => o.id);
      const administered = viewer.roles.includes('platform-admin')
        ? (await deps.organisationRepository.listOrganisations()).map((o) => o.id)
        : viewer.roles.includes('organisation-admin') ? await deps.organisationRepository.listSubtreeIds(viewer.organisationId) : [];
      const reviewing = await repo.listReviewIdsReviewedBy(viewer.personId);
      const reviews = await repo.listReviewsOf([...new Set([...ancestry, ...administered])]);
      const managed = new Set(administered);
      return reviews.filter((r) => managed.has(r.organisationId) || r.leadId === viewer.personId || reviewing.has(r.id) || r.status === 'decided');
    },

    async startReview({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<ReviewRow> {
      const values = parseInput(reviewInputSchema, input, 'The review has problems.');
      if (!(await access.mayLead({ id: viewer.personId, roles: viewer.roles }, values.stage))) {
        throw new AppError('forbidden', values.stage === 'procurement' ? 'Only Drivers, AI product leads and organisation admins can start procurement reviews.' : 'Only Embedders, AI product leads and organisation admins can start deployment reviews.');
      }
      const product = await deps.productAccess.visibleProduct(viewer, values.productId).catch((error: unknown) => {
        throw error instanceof AppError ? new AppError('invalid', 'The review has problems.', [{ field: 'productId', message: 'Choose a product your organisation can see' }]) : error;
      });
      const leadMessage = values.stage === 'procurement' ? 'Choose a Driver, AI product lead or admin of your organisation to lead it' : 'Choose an Embedder, AI product lead or admin of your organisation to lead it';
      const leadPerson = await deps.people.requireStaff(viewer.organisationId, values.leadId, 'leadId', leadMessage);
      if (!(await access.mayLead(leadPerson, values.stage))) throw new AppError('invalid', 'The review has problems.', [{ field: 'leadId', message: leadMessage }]);
      const deploymentOrganisationId = await deploymentPlace(viewer, values.stage, values.deploymentOrganisationId);
      const framework = deps.questions.currentFramework();
      return inTransaction(deps.db, async (tx) => {
        const review = await repo.insertReview(
          {
            organisationId: viewer.organisationId,
            productId: product.id,
            stage: values.stage,
            questionSet: values.stage === 'procurement' ? 'a3' : 'a6',
            deploymentOrganisationId,
            frameworkId: framework.id,
            frameworkVersion: framework.version,
            leadId: leadPerson.id,
            dueOn: values.dueOn,
            createdBy: viewer.personId,
          },
          tx,
        );
        await record(viewer, review, 'review-started', { productId: product.id, stage: review.stage, leadId: review.leadId, dueOn: review.dueOn }, tx);
        if (leadPerson.id !== viewer.personId) {
          await deps.notices.tellPerson({ tx, organisationId: review.organisationId, personId: leadPerson.id, subject: `You are leading the review of ${product.name}`, message: `You are leading the ${review.stage} review of ${product.name}.`, link: reviewLink(review.id), linkText: 'Open the review' });
        }
        return review;
      });
    },

    async addReviewer({ viewer, reviewId, personId }: { viewer: Viewer; reviewId: string; personId: string }): Promise<void> {
      const { review } = await access.managedReview(viewer, reviewId);
      if (!isOpen(review.status)) throw closed();
      const person = await deps.people.requireStaff(review.organisationId, personId, 'personId', 'Choose someone who works in the organisation running the review');
      await inTransaction(deps.db, async (tx) => {
        if (!(await repo.insertReviewer({ organisationId: review.organisationId, reviewId: review.id, personId: person.id, addedBy: viewer.personId }, tx))) {
          throw new AppError('invalid', `${person.displayName} is already a reviewer.`, [{ field: 'personId', message: `${person.displayName} is already a reviewer` }]);
        }
        await record(viewer, review, 'reviewer-added', { personId: person.id }, tx);
        await deps.notices.tellPerson({ tx, organisationId: review.organisationId, personId: person.id, subject: `Please review ${review.productName}`, message: `You have been asked to review ${review.productName} (${review.stage}).`, link: reviewLink(review.id), linkText: 'Open the review' });
      });
    },

    async removeReviewer({ viewer, reviewId, personId }: { viewer: Viewer; reviewId: string; personId: string }): Promise<void> {
      const { review } = await access.managedReview(viewer, reviewId);
      if (!isOpen(review.status)) throw closed();
      await inTransaction(deps.db, async (tx) => {
        if (!isUuid(personId) || !(await repo.removeReviewer(review.id, personId, now(), tx))) throw new AppError('not_found', 'That person is not a reviewer of this review.');
        await record(viewer, review, 'reviewer-removed', { personId }, tx);
      });
    },

    async setDueDate({ viewer, reviewId, version, input }: { viewer: Viewer; reviewId: string; version: number; input: unknown }): Promise<ReviewRow> {
      const { review } = await access.managedReview(viewer, reviewId);
      if (!isOpen(review.status)) throw closed();
      const { dueOn } = parseInput(dueDateInputSchema, input, 'The due date has problems.');
      return inTransaction(deps.db, (tx) => change(viewer, review, version, { dueOn }, 'due-date-set', tx));
    },

    /** Moves the status (deciding is `decide`, with its decision). */
    async moveStatus({ viewer, reviewId, version, event }: { viewer: Viewer; reviewId: string; version: number; event: Exclude<ReviewEvent, 'decide'> }): Promise<ReviewRow> {
      const { review } = await access.managedReview(viewer, reviewId);
      const status = nextStatus(review.status, event);
      if (!status) throw new AppError('conflict', `A review that is ${review.status.replace('-', ' ')} cannot be moved that way.`);
      return inTransaction(deps.db, (tx) => change(viewer, review, version, { status }, 'status-changed', tx));
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;

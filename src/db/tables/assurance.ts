import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, organisationRef, organisations, people, personRef } from './people.ts';
import { aiProducts } from './products.ts';

export const REVIEW_STAGES = ['procurement', 'deployment'] as const;
export const REVIEW_QUESTION_SETS = ['a3', 'a6'] as const;
export const REVIEW_STATUSES = ['draft', 'with-supplier', 'under-review', 'decided'] as const;
export const JUDGEMENTS = ['met', 'partly-met', 'not-met', 'not-applicable'] as const;
/** Who recorded an answer or evidence: a reviewer signed in, or the supplier through a review link (issue 12, part 2). */
export const RECORDED_VIA = ['reviewer', 'supplier'] as const;
export const ASSURANCE_EVIDENCE_KINDS = ['note', 'link', 'file'] as const;
export const DECISION_OUTCOMES = ['approved', 'approved-with-conditions', 'rejected'] as const;
export const ACTION_EVENTS = ['done', 'overdue-notified'] as const;

const at = (column: string) => timestamp(column, { withTimezone: true });
const reviewRef = () => uuid('review_id').notNull().references(() => assuranceReviews.id);

/**
 * An assurance review: the report's questions for one product (Table A3 before buying it, A6
 * before deploying it in a named organisation) answered, evidenced and decided. Owned by the
 * organisation running it; `version` counts edits for optimistic concurrency.
 */
export const assuranceReviews = pgTable(
  'assurance_reviews',
  {
    id: id(),
    organisationId: organisationRef(),
    productId: uuid('product_id')
      .notNull()
      .references(() => aiProducts.id),
    stage: text('stage', { enum: REVIEW_STAGES }).notNull(),
    questionSet: text('question_set', { enum: REVIEW_QUESTION_SETS }).notNull(),
    deploymentOrganisationId: uuid('deployment_organisation_id').references(() => organisations.id),
    /** The framework whose question set was asked, as it was then (questions are shown from it). */
    frameworkId: text('framework_id').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    leadId: personRef('lead_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('draft'),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assurance_reviews_organisation_idx').on(t.organisationId),
    index('assurance_reviews_product_idx').on(t.productId),
    check(
      'assurance_reviews_stage_matches_set',
      sql`(${t.stage} = 'procurement' and ${t.questionSet} = 'a3' and ${t.deploymentOrganisationId} is null) or (${t.stage} = 'deployment' and ${t.questionSet} = 'a6' and ${t.deploymentOrganisationId} is not null)`,
    ),
  ],
);

/** Who reviews with the lead. Removing someone ends their row; history is kept. */
export const assuranceReviewReviewers = pgTable(
  'assurance_review_reviewers',
  {
    id: id(),
    organisationId: organisationRef(),
    reviewId: reviewRef(),
    personId: personRef('person_id'),
    addedBy: personRef('added_by'),
    addedAt: at('added_at').notNull().defaultNow(),
    removedAt: at('removed_at'),
  },
  (t) => [
    index('assurance_review_reviewers_person_idx').on(t.personId),
    uniqueIndex('assurance_review_reviewers_one_current').on(t.reviewId, t.personId).where(sql`${t.removedAt} is null`),
  ],
);

/**
 * The history of one question's answer: every change is a new row carrying the other fields
 * forward, and the newest is the answer now. `replacesId` names the row it follows; the unique
 * constraint lets only one change follow each row, so two people saving at once cannot fork the
 * history. The database refuses UPDATE and DELETE.
 */
export const assuranceAnswers = pgTable(
  'assurance_answers',
  {
    id: id(),
    organisationId: organisationRef(),
    reviewId: reviewRef(),
    questionId: text('question_id').notNull(),
    replacesId: uuid('replaces_id'),
    supplierResponse: text('supplier_response').notNull().default(''),
    judgement: text('judgement', { enum: JUDGEMENTS }),
    notApplicableReason: text('not_applicable_reason'),
    riskNote: text('risk_note').notNull().default(''),
    ownerId: uuid('owner_id').references(() => people.id),
    recordedByPersonId: uuid('recorded_by_person_id').references(() => people.id),
    recordedVia: text('recorded_via', { enum: RECORDED_VIA }).notNull(),
    // clock_timestamp, not now(): several changes in one transaction still come out in order.
    recordedAt: at('recorded_at').notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    index('assurance_answers_question_idx').on(t.reviewId, t.questionId, t.recordedAt),
    unique('assurance_answers_one_successor').on(t.reviewId, t.questionId, t.replacesId).nullsNotDistinct(),
    check('assurance_answers_not_applicable_has_reason', sql`${t.judgement} is distinct from 'not-applicable' or coalesce(btrim(${t.notApplicableReason}), '') <> ''`),
    check('assurance_answers_reviewer_is_named', sql`${t.recordedVia} = 'supplier' or ${t.recordedByPersonId} is not null`),
  ],
);

/**
 * Evidence for one question: a note, a link or a file (its content in the file store under
 * `sha256`, as learners' evidence is). Withdrawn, never deleted.
 */
export const assuranceEvidence = pgTable(
  'assurance_evidence',
  {
    id: id(),
    organisationId: organisationRef(),
    reviewId: reviewRef(),
    questionId: text('question_id').notNull(),
    kind: text('kind', { enum: ASSURANCE_EVIDENCE_KINDS }).notNull(),
    title: text('title').notNull(),
    note: text('note'),
    url: text('url'),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    addedBy: uuid('added_by').references(() => people.id),
    addedVia: text('added_via', { enum: RECORDED_VIA }).notNull(),
    addedAt: at('added_at').notNull().defaultNow(),
    withdrawnAt: at('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => people.id),
  },
  (t) => [index('assurance_evidence_question_idx').on(t.reviewId, t.questionId), index('assurance_evidence_sha256_idx').on(t.sha256)],
);

/** The decision on a review: one, by a named person, immutable at the database. */
export const assuranceDecisions = pgTable('assurance_decisions', {
  id: id(),
  organisationId: organisationRef(),
  reviewId: reviewRef().unique('assurance_decisions_one_per_review'),
  decisionMakerId: personRef('decision_maker_id'),
  outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
  statement: text('statement').notNull(),
  /** Question id → why it was decided without a judgement. */
  unansweredReasons: jsonb('unanswered_reasons').notNull().default({}),
  decidedAt: at('decided_at').notNull().defaultNow(),
});

/**
 * A condition of an approval, as an action with an owner and a due date. Immutable: what happens
 * to it later (done, its owner told it is overdue) is appended to `assurance_action_events`.
 */
export const assuranceActions = pgTable(
  'assurance_actions',
  {
    id: id(),
    organisationId: organisationRef(),
    reviewId: reviewRef(),
    condition: text('condition').notNull(),
    ownerId: personRef('owner_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('assurance_actions_review_idx').on(t.reviewId), index('assurance_actions_owner_idx').on(t.ownerId)],
);

/** What happened to an action, append-only; each kind at most once per action (done once, told once). */
export const assuranceActionEvents = pgTable(
  'assurance_action_events',
  {
    id: id(),
    organisationId: organisationRef(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => assuranceActions.id),
    event: text('event', { enum: ACTION_EVENTS }).notNull(),
    personId: uuid('person_id').references(() => people.id),
    note: text('note'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assurance_action_events_once').on(t.actionId, t.event)],
);

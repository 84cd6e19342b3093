import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, organisationRef, organisations, people, personRef } from './people.ts';
import { aiProducts } from './products.ts';
import { journeyItems } from './journeys.ts';
import { learningResources } from './catalogue.ts';

/**
 * AI multidisciplinary teams (report section 4.1, Boxes 4 and 5; issue 13). A team is owned by one
 * organisation (its tenancy key, where its lead works) and may span others, an industry partner's
 * among them. Membership, responsibilities and plans are history: rows end, they are not deleted.
 */

/** Seniority bands the team records for its composition (Box 5: "levels of seniority"); not on profiles. */
export const SENIORITY_BANDS = ['early-career', 'experienced', 'senior', 'executive'] as const;
export const TEAM_ASSIGNMENT_STATUSES = ['sent', 'declined', 'completed', 'withdrawn'] as const;
export const TEAM_COVERAGE_BASES = ['self', 'verified'] as const;

const at = (column: string) => timestamp(column, { withTimezone: true });
const teamRef = () => uuid('team_id').notNull().references(() => aiMdts.id);

export const aiMdts = pgTable(
  'ai_mdts',
  {
    id: id(),
    organisationId: organisationRef(),
    name: text('name').notNull(),
    purpose: text('purpose').notNull(),
    /** Archetypes the team must cover; null means every archetype a member plays in the team. */
    coveredArchetypes: text('covered_archetypes').array(),
    /** Resilience target: holders each requirement needs (k = 2: none rests on one person). */
    resilienceK: integer('resilience_k').notNull().default(1),
    /** Whether the team's AI is used in clinical decision making (drives R3/R4 applicability). */
    clinicalDecisionMaking: boolean('clinical_decision_making').notNull().default(true),
    /** Whether the team needs a patient and public representative (composition warning). */
    needsPatientRepresentative: boolean('needs_patient_representative').notNull().default(true),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    archivedAt: at('archived_at'),
  },
  (t) => [
    index('ai_mdts_organisation_idx').on(t.organisationId),
    uniqueIndex('ai_mdts_name_in_organisation').on(t.organisationId, t.name).where(sql`${t.archivedAt} is null`),
    check('ai_mdts_k_range', sql`${t.resilienceK} between 1 and 5`),
  ],
);

/** Organisations the team spans besides its owner (Box 5: an ICS, a trust and an industry partner). */
export const aiMdtOrganisations = pgTable(
  'ai_mdt_organisations',
  {
    teamId: teamRef(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.organisationId] })],
);

/** The AI products the team looks after. */
export const aiMdtProducts = pgTable(
  'ai_mdt_products',
  {
    teamId: teamRef(),
    productId: uuid('product_id')
      .notNull()
      .references(() => aiProducts.id),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.productId] })],
);

/**
 * A member: any hub account, in any organisation (an industry partner's staff, a patient and public
 * representative). `organisation_id` is the team's owner (tenancy); the person keeps their own.
 * Leaving ends the row (`left_at`), so coverage history can tell who was in the team each month.
 */
export const aiMdtMembers = pgTable(
  'ai_mdt_members',
  {
    id: id(),
    organisationId: organisationRef(),
    teamId: teamRef(),
    personId: personRef('person_id'),
    /** Free text, as Box 5's roles: "Clinical safety officer". */
    teamRole: text('team_role').notNull(),
    /** The archetypes this member plays in this team: they count for coverage only in these. */
    archetypes: text('archetypes').array().notNull(),
    isLead: boolean('is_lead').notNull().default(false),
    isPatientRepresentative: boolean('is_patient_representative').notNull().default(false),
    seniorityBand: text('seniority_band', { enum: SENIORITY_BANDS }),
    /** Most hours of learning the team may ask of this member; null means no limit. */
    hoursLimit: integer('hours_limit'),
    joinedAt: at('joined_at').notNull().defaultNow(),
    leftAt: at('left_at'),
    addedBy: personRef('added_by'),
  },
  (t) => [
    index('ai_mdt_members_team_idx').on(t.teamId),
    index('ai_mdt_members_person_idx').on(t.personId),
    uniqueIndex('ai_mdt_members_one_current').on(t.teamId, t.personId).where(sql`${t.leftAt} is null`),
  ],
);

/** Box 4 responsibilities held by members: index into `mdt.responsibilities` of the framework. */
export const aiMdtResponsibilities = pgTable(
  'ai_mdt_responsibilities',
  {
    id: id(),
    organisationId: organisationRef(),
    teamId: teamRef(),
    /** Position (0-based) in the framework's `mdt.responsibilities` list. */
    responsibility: integer('responsibility').notNull(),
    personId: personRef('person_id'),
    assignedBy: personRef('assigned_by'),
    assignedAt: at('assigned_at').notNull().defaultNow(),
    endedAt: at('ended_at'),
  },
  (t) => [
    index('ai_mdt_responsibilities_team_idx').on(t.teamId),
    uniqueIndex('ai_mdt_responsibilities_one_current').on(t.teamId, t.responsibility, t.personId).where(sql`${t.endedAt} is null`),
  ],
);

/**
 * A team learning plan as it was made: the settings, the solver's answer and each assignment's
 * explanation (jsonb, as journeys keep `planner`). Sending it creates `ai_mdt_assignments`.
 */
export const aiMdtPlans = pgTable(
  'ai_mdt_plans',
  {
    id: id(),
    organisationId: organisationRef(),
    teamId: teamRef(),
    basis: text('basis', { enum: TEAM_COVERAGE_BASES }).notNull(),
    resilienceK: integer('resilience_k').notNull(),
    frameworkId: text('framework_id').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    plan: jsonb('plan').notNull(),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    sentAt: at('sent_at'),
    sentBy: uuid('sent_by').references(() => people.id),
  },
  (t) => [index('ai_mdt_plans_team_idx').on(t.teamId, t.createdAt)],
);

/** One resource the team asked one member to take; lands in their journey as a 'team' item. */
export const aiMdtAssignments = pgTable(
  'ai_mdt_assignments',
  {
    id: id(),
    organisationId: organisationRef(),
    teamId: teamRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => aiMdtPlans.id),
    personId: personRef('person_id'),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => learningResources.id),
    journeyItemId: uuid('journey_item_id').references(() => journeyItems.id),
    /** The explanation shown to the member ("covers 3 requirements nobody in the team meets"). */
    reason: text('reason').notNull(),
    status: text('status', { enum: TEAM_ASSIGNMENT_STATUSES }).notNull().default('sent'),
    declineReason: text('decline_reason'),
    createdAt: createdAt(),
    respondedAt: at('responded_at'),
  },
  (t) => [
    index('ai_mdt_assignments_team_idx').on(t.teamId, t.status),
    index('ai_mdt_assignments_person_idx').on(t.personId, t.status),
    check('ai_mdt_assignments_decline_has_reason', sql`${t.status} <> 'declined' or ${t.declineReason} is not null`),
  ],
);

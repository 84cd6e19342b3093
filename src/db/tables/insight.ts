import { sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationRef, organisations, personRef } from './people.ts';

/**
 * Workforce insight (issue 14, docs/scale.md §2). Two kinds of table:
 *
 * - Contribution tables: one row per person per measure key, the person's current answer, written in
 *   the transaction of the change it summarises (by trigger, or by a service using the domain).
 *   Each carries the person's breakdown dimensions, kept current by triggers on profiles and people,
 *   so a profile change is an UPDATE that moves the person's counts between rollup rows.
 * - Rollup tables: exact additive counts per ancestor organisation (the organisation whose whole
 *   subtree the row counts) and per one (dimension, value) pair, kept by one generic delta trigger
 *   per contribution table. Each has a `_monthly` twin holding the net change per UK month, so a
 *   trend is a running sum. Disclosure control is applied only when figures leave the hub (§3).
 */

/** The breakdown dimensions every contribution row carries (§2.3). */
const personDimensions = () => ({
  archetypes: text('archetypes').array().notNull().default(sql`'{}'::text[]`),
  professionalGroup: text('professional_group'),
  setting: text('setting'),
  clinicalDecisionMaking: boolean('clinical_decision_making').notNull().default(false),
  organisationKind: text('organisation_kind').notNull(),
  /** An active person with a profile: only counted rows add to rollups. */
  counted: boolean('counted').notNull().default(false),
  synthetic: boolean('synthetic').notNull().default(false),
});

/** The rollup key's leading columns: the counted subtree's root and one breakdown (dimension, value). */
const rollupKey = () => ({
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  /** 'all' | 'archetype' | 'professional_group' | 'setting' | 'clinical' | 'organisation_kind'. */
  dimension: text('dimension').notNull(),
  /** The dimension's value; '*' for 'all', '' for "not given". */
  value: text('value').notNull(),
  synthetic: boolean('synthetic').notNull(),
});

/** First day of the UK month whose net change a monthly row holds. */
const month = () => date('month', { mode: 'string' }).notNull();
const count = (name: string) => integer(name).notNull().default(0);

// ---------------------------------------------------------------- contribution tables

/** One row per person: their dimensions, which is all `insight_people` counts. */
export const insightPersonDims = pgTable(
  'insight_person_dims',
  { organisationId: organisationRef(), personId: personRef('person_id'), ...personDimensions() },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId] })],
);

/**
 * A person's standing on the requirements that apply to them (R2–R4, R7), per framework version,
 * tier, archetype ('' for foundational and product-specific) and factor, as the domain judges it.
 */
export const personRequirementStanding = pgTable(
  'person_requirement_standing',
  {
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    frameworkId: text('framework_id').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    tier: text('tier').notNull(),
    archetype: text('archetype').notNull(),
    factor: text('factor').notNull(),
    applicable: count('applicable'),
    metSelf: count('met_self'),
    metVerified: count('met_verified'),
    ...personDimensions(),
  },
  (t) => [
    primaryKey({
      columns: [t.organisationId, t.personId, t.frameworkId, t.frameworkVersion, t.tier, t.archetype, t.factor],
    }),
  ],
);

/**
 * A person's product training per deployment they use, in the parts that do not change with the
 * clock (§2.4): 'current' | 'owed' | 'not-required', whether they ever passed a version, and the UK
 * due date ('infinity' when none). Due and overdue are told apart when read, against today.
 */
export const personTrainingCurrency = pgTable(
  'person_training_currency',
  {
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    productId: uuid('product_id').notNull(),
    deploymentId: uuid('deployment_id').notNull(),
    state: text('state', { enum: ['current', 'owed', 'not-required'] }).notNull(),
    started: boolean('started').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull().default('infinity'),
    ...personDimensions(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId, t.deploymentId] })],
);

/** A person's journey progress per framework: their active or latest journey. */
export const personJourneyProgress = pgTable(
  'person_journey_progress',
  {
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    frameworkId: text('framework_id').notNull(),
    /** 1 when the person has a journey (0 rows are not kept), so the rollup can count people. */
    hasJourney: count('has_journey'),
    /** 1 when at least one item is started or done. */
    started: count('started'),
    itemsPlanned: count('items_planned'),
    itemsCompleted: count('items_completed'),
    minutesPlanned: count('minutes_planned'),
    minutesDone: count('minutes_done'),
    ...personDimensions(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId, t.frameworkId] })],
);

// ---------------------------------------------------------------- rollups and monthly twins

const peopleColumns = () => ({ people: count('people') });
export const insightPeople = pgTable('insight_people', { ...rollupKey(), ...peopleColumns() }, (t) => [
  primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.synthetic] }),
]);
export const insightPeopleMonthly = pgTable('insight_people_monthly', { ...rollupKey(), month: month(), ...peopleColumns() }, (t) => [
  primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.synthetic, t.month] }),
]);

const topicLevelKey = () => ({
  frameworkId: text('framework_id').notNull(),
  topicId: text('topic_id').notNull(),
  basis: text('basis', { enum: ['self', 'verified'] }).notNull(),
  /** Taxonomy level id or 'not-yet'. */
  level: text('level').notNull(),
});
export const insightTopicLevels = pgTable('insight_topic_levels', { ...rollupKey(), ...topicLevelKey(), ...peopleColumns() }, (t) => [
  primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.frameworkId, t.topicId, t.basis, t.level, t.synthetic] }),
]);
export const insightTopicLevelsMonthly = pgTable(
  'insight_topic_levels_monthly',
  { ...rollupKey(), ...topicLevelKey(), month: month(), ...peopleColumns() },
  (t) => [primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.frameworkId, t.topicId, t.basis, t.level, t.synthetic, t.month] })],
);

const requirementKey = () => ({
  frameworkId: text('framework_id').notNull(),
  frameworkVersion: text('framework_version').notNull(),
  tier: text('tier').notNull(),
  archetype: text('archetype').notNull(),
  factor: text('factor').notNull(),
});
const requirementCounts = () => ({
  people: count('people'),
  applicable: count('applicable'),
  metSelf: count('met_self'),
  metVerified: count('met_verified'),
});
export const insightRequirements = pgTable('insight_requirements', { ...rollupKey(), ...requirementKey(), ...requirementCounts() }, (t) => [
  primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.frameworkId, t.frameworkVersion, t.tier, t.archetype, t.factor, t.synthetic] }),
]);
export const insightRequirementsMonthly = pgTable(
  'insight_requirements_monthly',
  { ...rollupKey(), ...requirementKey(), month: month(), ...requirementCounts() },
  (t) => [
    primaryKey({
      columns: [t.organisationId, t.dimension, t.value, t.frameworkId, t.frameworkVersion, t.tier, t.archetype, t.factor, t.synthetic, t.month],
    }),
  ],
);

const trainingKey = () => ({
  productId: uuid('product_id').notNull(),
  deploymentId: uuid('deployment_id').notNull(),
  state: text('state', { enum: ['current', 'owed', 'not-required'] }).notNull(),
  started: boolean('started').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
});
export const insightTraining = pgTable('insight_training', { ...rollupKey(), ...trainingKey(), ...peopleColumns() }, (t) => [
  primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.productId, t.deploymentId, t.state, t.started, t.dueOn, t.synthetic] }),
]);
export const insightTrainingMonthly = pgTable(
  'insight_training_monthly',
  { ...rollupKey(), ...trainingKey(), month: month(), ...peopleColumns() },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.productId, t.deploymentId, t.state, t.started, t.dueOn, t.synthetic, t.month] }),
  ],
);

const journeyCounts = () => ({
  peopleWithJourney: count('people_with_journey'),
  journeysStarted: count('journeys_started'),
  itemsPlanned: count('items_planned'),
  itemsCompleted: count('items_completed'),
  minutesPlanned: count('minutes_planned'),
  minutesDone: count('minutes_done'),
});
export const insightJourneys = pgTable(
  'insight_journeys',
  { ...rollupKey(), frameworkId: text('framework_id').notNull(), ...journeyCounts() },
  (t) => [primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.frameworkId, t.synthetic] })],
);
export const insightJourneysMonthly = pgTable(
  'insight_journeys_monthly',
  { ...rollupKey(), frameworkId: text('framework_id').notNull(), month: month(), ...journeyCounts() },
  (t) => [primaryKey({ columns: [t.organisationId, t.dimension, t.value, t.frameworkId, t.synthetic, t.month] })],
);

/**
 * Changes to contribution rows waiting to be added to the rollups (docs/scale.md §2.10): the
 * contribution tables' triggers queue them; one drainer at a time applies them in batches. A row
 * holds only what a rollup cell depends on (organisation, dimensions, measure key), never a person id.
 */
export const insightPending = pgTable('insight_pending', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** The changed row's organisation: the key Citus would co-locate the queue with people by (docs/scale.md §4.4). */
  organisationId: uuid('organisation_id').notNull(),
  /** The contribution table the change was made to. */
  source: text('source').notNull(),
  /** The UK month the change was made in: the month its trend counts it in, however late it is applied. */
  month: date('month').notNull(),
  /** −1 for the row as it was, +1 for the row as it is. */
  sign: smallint('sign').notNull(),
  row: jsonb('row').notNull(),
  enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
});

import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, organisationRef, organisations, people } from './people.ts';

/**
 * A person as the importing organisation's ESR knows them (issue 15 §2): the employee number is
 * the key of every later extract. `organisation_id` is the importing organisation, which may have
 * placed the person in an organisation below it by ODS code.
 */
export const staffPeople = pgTable(
  'staff_people',
  {
    id: id(),
    organisationId: organisationRef(),
    /** Text: ESR employee numbers keep their leading zeros. */
    employeeNumber: text('employee_number').notNull(),
    personId: uuid('person_id').notNull().references(() => people.id),
    /** NHS CIS UUID from the ESR–CIS interface, which links a first CIS2 sign-in to this person. */
    cisUuid: text('cis_uuid'),
    /** When an import found they had left (their account was then disabled, never deleted). */
    leftAt: timestamp('left_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_people_employee_unique').on(t.organisationId, t.employeeNumber),
    index('staff_people_person_idx').on(t.personId),
    // A first CIS2 sign-in looks its user up here (db/staff-record-lookup.repository.ts).
    index('staff_people_cis_uuid_idx').on(t.cisUuid),
  ],
);

/** Who ran an import, on what file, and what it found or did. */
export const staffImportRuns = pgTable(
  'staff_import_runs',
  {
    id: id(),
    organisationId: organisationRef(),
    /** Null for the command line, which has no signed-in person. */
    actorId: uuid('actor_id').references(() => people.id),
    source: text('source', { enum: ['web', 'cli'] }).notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    rows: integer('rows').notNull(),
    mode: text('mode', { enum: ['dry-run', 'applied', 'refused'] }).notNull(),
    /** The options the plan was made with (strict, allowManyLeavers, fullExtract, leaverThresholdPct). */
    options: jsonb('options').notNull().default({}),
    summary: jsonb('summary').notNull().default({}),
    /** The first 1,000 row errors; errorCount has them all. */
    errors: jsonb('errors').notNull().default([]),
    errorCount: integer('error_count').notNull().default(0),
    /** Digest of what the plan would change: applying refuses when the hub has moved on since the preview. */
    planFingerprint: text('plan_fingerprint').notNull(),
    createdAt: createdAt(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [index('staff_import_runs_organisation_idx').on(t.organisationId, t.createdAt)],
);

/** One row per ESR assignment; a person with a bank contract has two. */
export const staffAssignments = pgTable(
  'staff_assignments',
  {
    id: id(),
    organisationId: organisationRef(),
    assignmentNumber: text('assignment_number').notNull(),
    employeeNumber: text('employee_number').notNull(),
    personId: uuid('person_id').notNull().references(() => people.id),
    isPrimary: boolean('is_primary').notNull(),
    /** ESR's assignment status, and whether it means the assignment has ended ('leaver'). */
    status: text('status').notNull(),
    state: text('state', { enum: ['active', 'leaver'] }).notNull(),
    category: text('category'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    positionTitle: text('position_title'),
    occupationCode: text('occupation_code'),
    staffGroup: text('staff_group'),
    jobRole: text('job_role'),
    areaOfWork: text('area_of_work'),
    grade: text('grade'),
    organisationName: text('organisation_name'),
    costCentre: text('cost_centre'),
    odsCode: text('ods_code'),
    supervisorEmployeeNumber: text('supervisor_employee_number'),
    /** Digest of the row's values: an unchanged row is not written again. */
    rowHash: text('row_hash').notNull(),
    importRunId: uuid('import_run_id').notNull().references(() => staffImportRuns.id),
    /** Set when a later extract no longer has the assignment. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_assignments_number_unique').on(t.organisationId, t.assignmentNumber), index('staff_assignments_person_idx').on(t.personId)],
);

/** An organisation's saved column map and import options. */
export const staffImportMaps = pgTable('staff_import_maps', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  columns: jsonb('columns').notNull().default({}),
  /** { fullExtract, leaverThresholdPct } */
  options: jsonb('options').notNull().default({}),
  updatedBy: uuid('updated_by').references(() => people.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What a staff record suggests for a person's profile. Shown to them; never written to `profiles`
 * (only the person changes their profile), so the decision is theirs.
 */
export const profileSuggestions = pgTable('profile_suggestions', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id),
  organisationId: organisationRef(),
  professionalGroup: text('professional_group'),
  archetypes: text('archetypes').array().notNull().default(sql`'{}'::text[]`),
  /** The staff group, job role and rules the suggestion came from. */
  basis: jsonb('basis').notNull().default({}),
  createdAt: createdAt(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decision: text('decision', { enum: ['accepted', 'declined'] }),
});

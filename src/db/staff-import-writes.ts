import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { StaffPlan } from '../domain/staff-import/plan.ts';
import type { Database } from './client.ts';

/** Rows per bulk statement: a jsonb parameter of a few hundred kilobytes, well inside every limit. */
const CHUNK = 2_000;

/** Runs `statement` over `rows` in chunks, each chunk one `jsonb_to_recordset` parameter; returns the rows it returned. */
async function inChunks<R>(tx: Database, rows: readonly object[], statement: (json: SQL) => SQL): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = sql`${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb`;
    const result = await tx.execute(statement(json));
    out.push(...((result as unknown as { rows?: R[] }).rows ?? []));
  }
  return out;
}

// Both drivers take an ISO text; a Date parameter is not serialised alike by PGlite and pg.
const timestamp = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`;

export interface ApplyContext {
  /** The importing organisation, which owns the staff records. */
  organisationId: string;
  runId: string;
  actorId: string | null;
  now: Date;
}

export interface AppliedRows {
  /** Employee number → the new person's id. */
  created: Array<{ employeeNumber: string; personId: string; organisationId: string }>;
  deactivated: Array<{ personId: string; organisationId: string }>;
  supervisionsAdded: Array<{ id: string; supervisorId: string; learnerId: string; organisationId: string }>;
  supervisionsEnded: Array<{ id: string; supervisorId: string; learnerId: string; organisationId: string }>;
}

const ASSIGNMENT_COLUMNS = sql.raw(`"assignmentNumber" text, "employeeNumber" text, "isPrimary" boolean, "status" text, "state" text, "category" text,
  "startDate" date, "endDate" date, "positionTitle" text, "occupationCode" text, "staffGroup" text, "jobRole" text, "areaOfWork" text, "grade" text,
  "organisationName" text, "costCentre" text, "odsCode" text, "supervisorEmployeeNumber" text, "rowHash" text`);
const LINK_COLUMNS = sql.raw(`"supervisorEmployeeNumber" text, "learnerEmployeeNumber" text`);

/** New people with an empty profile (what createAccount gives, without a password: they sign in with CIS2 or reset one) and their staff record. */
async function insertPeople(tx: Database, plan: StaffPlan, ctx: ApplyContext): Promise<AppliedRows['created']> {
  const rows = plan.newPeople.map((p) => ({ ...p, personId: randomUUID() }));
  await inChunks(tx, rows, (json) => sql`
    insert into people (id, organisation_id, email, display_name, job_title, roles, status)
    select r."personId", r."organisationId", r.email, r."displayName", r."jobTitle", '{learner}', 'active'
      from jsonb_to_recordset(${json}) as r("personId" uuid, "organisationId" uuid, email text, "displayName" text, "jobTitle" text)`);
  await inChunks(tx, rows, (json) => sql`
    insert into profiles (person_id, organisation_id)
    select r."personId", r."organisationId" from jsonb_to_recordset(${json}) as r("personId" uuid, "organisationId" uuid)`);
  await inChunks(tx, rows, (json) => sql`
    insert into staff_people (organisation_id, employee_number, person_id, cis_uuid)
    select ${ctx.organisationId}::uuid, r."employeeNumber", r."personId", r."cisUuid"
      from jsonb_to_recordset(${json}) as r("employeeNumber" text, "personId" uuid, "cisUuid" text)`);
  return rows.map((r) => ({ employeeNumber: r.employeeNumber, personId: r.personId, organisationId: r.organisationId }));
}

async function updatePeople(tx: Database, plan: StaffPlan, ctx: ApplyContext): Promise<AppliedRows['deactivated']> {
  await inChunks(tx, plan.changedPeople, (json) => sql`
    update staff_people sp set cis_uuid = coalesce(r."cisUuid", sp.cis_uuid), left_at = case when r.rejoins then null else sp.left_at end, updated_at = ${timestamp(ctx.now)}
      from jsonb_to_recordset(${json}) as r("personId" uuid, "cisUuid" text, rejoins boolean)
     where sp.organisation_id = ${ctx.organisationId} and sp.person_id = r."personId"`);
  await inChunks(tx, plan.changedPeople.filter((c) => c.rejoins || c.email), (json) => sql`
    update people p set status = case when r.rejoins then 'active' else p.status end, email = coalesce(r.email, p.email)
      from jsonb_to_recordset(${json}) as r("personId" uuid, email text, rejoins boolean)
     where p.id = r."personId"`);
  const leavers = plan.leavers.map((l) => l.personId);
  if (leavers.length === 0) return [];
  await tx.execute(sql`update staff_people set left_at = ${timestamp(ctx.now)}, updated_at = ${timestamp(ctx.now)} where organisation_id = ${ctx.organisationId} and person_id = any(${sql.param(leavers)}::uuid[])`);
  // Disabled, never deleted: a disabled person cannot sign in, and their history stays. Their
  // insight dimensions (no longer counted) are synced once for all of them, not a call per row.
  await tx.execute(sql`select set_config('hub.defer_person_dims', 'on', true)`);
  const result = await tx.execute(sql`update people set status = 'disabled' where id = any(${sql.param(leavers)}::uuid[]) and status <> 'disabled' returning id as "personId", organisation_id as "organisationId"`);
  await tx.execute(sql`select set_config('hub.defer_person_dims', 'off', true)`);
  const deactivated = (result as unknown as { rows: AppliedRows['deactivated'] }).rows;
  await tx.execute(sql`select insight_sync_person_dims(${sql.param(deactivated.map((d) => d.personId))}::uuid[])`);
  return deactivated;
}

async function writeAssignments(tx: Database, plan: StaffPlan, ctx: ApplyContext): Promise<void> {
  await inChunks(tx, plan.assignments, (json) => sql`
    insert into staff_assignments (organisation_id, assignment_number, employee_number, person_id, is_primary, status, state, category, start_date, end_date,
      position_title, occupation_code, staff_group, job_role, area_of_work, grade, organisation_name, cost_centre, ods_code, supervisor_employee_number, row_hash, import_run_id)
    select ${ctx.organisationId}::uuid, r."assignmentNumber", r."employeeNumber", sp.person_id, r."isPrimary", r.status, r.state, nullif(r.category, ''), r."startDate", r."endDate",
      nullif(r."positionTitle", ''), nullif(r."occupationCode", ''), nullif(r."staffGroup", ''), nullif(r."jobRole", ''), nullif(r."areaOfWork", ''), nullif(r.grade, ''),
      nullif(r."organisationName", ''), nullif(r."costCentre", ''), nullif(r."odsCode", ''), nullif(r."supervisorEmployeeNumber", ''), r."rowHash", ${ctx.runId}::uuid
      from jsonb_to_recordset(${json}) as r(${ASSIGNMENT_COLUMNS})
      join staff_people sp on sp.organisation_id = ${ctx.organisationId} and sp.employee_number = r."employeeNumber"
    on conflict (organisation_id, assignment_number) do update set
      employee_number = excluded.employee_number, person_id = excluded.person_id, is_primary = excluded.is_primary, status = excluded.status, state = excluded.state,
      category = excluded.category, start_date = excluded.start_date, end_date = excluded.end_date, position_title = excluded.position_title,
      occupation_code = excluded.occupation_code, staff_group = excluded.staff_group, job_role = excluded.job_role, area_of_work = excluded.area_of_work,
      grade = excluded.grade, organisation_name = excluded.organisation_name, cost_centre = excluded.cost_centre, ods_code = excluded.ods_code,
      supervisor_employee_number = excluded.supervisor_employee_number, row_hash = excluded.row_hash, import_run_id = excluded.import_run_id, ended_at = null`);
  if (plan.endedAssignments.length === 0) return;
  await tx.execute(sql`update staff_assignments set ended_at = ${timestamp(ctx.now)}
    where organisation_id = ${ctx.organisationId} and ended_at is null and assignment_number = any(${sql.param(plan.endedAssignments)}::text[])`);
}

/**
 * Ends the import's own links for these pairs. The current links are read by learner with one
 * array parameter and ended by id: a join from the pairs lets the planner, whose statistics may
 * not yet know the thousands of links the first import made, scan supervisions once per pair.
 */
async function endSupervisions(tx: Database, plan: StaffPlan, ctx: ApplyContext): Promise<AppliedRows['supervisionsEnded']> {
  if (plan.supervisionsEnded.length === 0) return [];
  const wanted = new Set(plan.supervisionsEnded.map((l) => `${l.supervisorEmployeeNumber}>${l.learnerEmployeeNumber}`));
  const learners = [...new Set(plan.supervisionsEnded.map((l) => l.learnerEmployeeNumber))];
  const current = await tx.execute(sql`
    select s.id, ss.employee_number as supervisor, sl.employee_number as learner
      from staff_people sl
      join supervisions s on s.learner_id = sl.person_id and s.ended_at is null and s.source = 'esr'
      join staff_people ss on ss.person_id = s.supervisor_id and ss.organisation_id = ${ctx.organisationId}
     where sl.organisation_id = ${ctx.organisationId} and sl.employee_number = any(${sql.param(learners)}::text[])`);
  const ids = (current as unknown as { rows: Array<{ id: string; supervisor: string; learner: string }> }).rows.filter((r) => wanted.has(`${r.supervisor}>${r.learner}`)).map((r) => r.id);
  if (ids.length === 0) return [];
  const ended = await tx.execute(sql`update supervisions set ended_at = ${timestamp(ctx.now)} where id = any(${sql.param(ids)}::uuid[]) and ended_at is null
    returning id, supervisor_id as "supervisorId", learner_id as "learnerId", organisation_id as "organisationId"`);
  return (ended as unknown as { rows: AppliedRows['supervisionsEnded'] }).rows;
}

/** Links between two staff records' people, by employee number: ended first, so a changed line manager is replaced. */
async function writeSupervisions(tx: Database, plan: StaffPlan, ctx: ApplyContext) {
  const pairs = (json: SQL) => sql`jsonb_to_recordset(${json}) as r(${LINK_COLUMNS})
      join staff_people ss on ss.organisation_id = ${ctx.organisationId} and ss.employee_number = r."supervisorEmployeeNumber"
      join staff_people sl on sl.organisation_id = ${ctx.organisationId} and sl.employee_number = r."learnerEmployeeNumber"`;
  const supervisionsEnded = await endSupervisions(tx, plan, ctx);
  // A manual link for the same pair stands: the import adds nothing on top of it.
  const supervisionsAdded = await inChunks<AppliedRows['supervisionsAdded'][number]>(tx, plan.supervisionsAdded, (json) => sql`
    insert into supervisions (organisation_id, supervisor_id, learner_id, assigned_by, source, assigned_at)
    select lp.organisation_id, ss.person_id, sl.person_id, ${ctx.actorId}::uuid, 'esr', ${timestamp(ctx.now)} from ${pairs(json)} join people lp on lp.id = sl.person_id
    on conflict (supervisor_id, learner_id) where ended_at is null do nothing
    returning id, supervisor_id as "supervisorId", learner_id as "learnerId", organisation_id as "organisationId"`);
  return { supervisionsAdded, supervisionsEnded };
}

async function writeSuggestions(tx: Database, plan: StaffPlan, ctx: ApplyContext): Promise<void> {
  await inChunks(tx, plan.suggestions, (json) => sql`
    insert into profile_suggestions (person_id, organisation_id, professional_group, archetypes, basis, created_at)
    select sp.person_id, p.organisation_id, r."professionalGroup", array(select jsonb_array_elements_text(r.archetypes)), jsonb_build_object('rules', r.basis), ${timestamp(ctx.now)}
      from jsonb_to_recordset(${json}) as r("employeeNumber" text, "professionalGroup" text, archetypes jsonb, basis jsonb)
      join staff_people sp on sp.organisation_id = ${ctx.organisationId} and sp.employee_number = r."employeeNumber"
      join people p on p.id = sp.person_id
    on conflict (person_id) do update set organisation_id = excluded.organisation_id, professional_group = excluded.professional_group,
      archetypes = excluded.archetypes, basis = excluded.basis, created_at = excluded.created_at, decided_at = null, decision = null`);
}

/** Everyone the plan touches, by employee number: their cached views go stale. */
function touchedEmployees(plan: StaffPlan): string[] {
  return [...new Set([
    ...plan.newPeople, ...plan.changedPeople, ...plan.leavers, ...plan.assignments, ...plan.suggestions,
  ].map((r) => r.employeeNumber).concat(plan.supervisionsAdded.concat(plan.supervisionsEnded).flatMap((l) => [l.supervisorEmployeeNumber, l.learnerEmployeeNumber])))];
}

/**
 * Writes a whole plan with set statements, in the caller's transaction. The per-row view stamp
 * triggers are deferred for the transaction (migration person_views_deferred_in_bulk) and each
 * person touched is bumped once at the end: several upserts a person were most of a large import.
 */
export async function writeStaffPlan(tx: Database, plan: StaffPlan, ctx: ApplyContext): Promise<AppliedRows> {
  // The statements below join the file's rows to these tables; statistics from before the last
  // import (autovacuum may not have run since it added tens of thousands of rows) give plans that
  // scan a whole table per row. A sample is a fraction of a second.
  await tx.execute(sql`analyze staff_people, staff_assignments, supervisions`);
  await tx.execute(sql`select set_config('hub.defer_person_views', 'on', true)`);
  const created = await insertPeople(tx, plan, ctx);
  const deactivated = await updatePeople(tx, plan, ctx);
  await writeAssignments(tx, plan, ctx);
  const links = await writeSupervisions(tx, plan, ctx);
  await writeSuggestions(tx, plan, ctx);
  await tx.execute(sql`select set_config('hub.defer_person_views', 'off', true)`);
  await tx.execute(sql`select bump_person_view(sp.person_id) from staff_people sp
    where sp.organisation_id = ${ctx.organisationId} and sp.employee_number = any(${sql.param(touchedEmployees(plan))}::text[])`);
 
  return { created, deactivated, ...links };
}

/**
 * Copies each template person's requirement standing to the new people of their organisation. New
 * people from an import have an empty profile, no ratings and no product use, so everything they
 * owe is what any other such person in the same organisation owes: worked out once per organisation
 * by the insight service, then copied in one statement per chunk (the dimensions are filled by the
 * table's trigger, as for any write).
 */
export async function copyStanding(tx: Database, people: ReadonlyArray<{ personId: string; organisationId: string; templateId: string }>): Promise<void> {
  await inChunks(tx, people, (json) => sql`
    insert into person_requirement_standing (organisation_id, person_id, framework_id, framework_version, tier, archetype, factor, applicable, met_self, met_verified)
    select n."organisationId", n."personId", t.framework_id, t.framework_version, t.tier, t.archetype, t.factor, t.applicable, t.met_self, t.met_verified
      from jsonb_to_recordset(${json}) as n("personId" uuid, "organisationId" uuid, "templateId" uuid)
      join person_requirement_standing t on t.organisation_id = n."organisationId" and t.person_id = n."templateId"`);
}

export interface AuditRow {
  organisationId: string;
  subjectId: string | null;
  action: string;
  detail: Record<string, unknown>;
}

/** Many audit events in a few statements. */
export async function insertAuditRows(tx: Database, rows: readonly AuditRow[], actorId: string | null, at: Date): Promise<void> {
  await inChunks(tx, rows, (json) => sql`
    insert into audit_events (organisation_id, actor_id, subject_id, action, detail, at)
    select r."organisationId", ${actorId}::uuid, r."subjectId", r.action, r.detail, ${timestamp(at)}
      from jsonb_to_recordset(${json}) as r("organisationId" uuid, "subjectId" uuid, action text, detail jsonb)`);
}

import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { StaffState } from '../domain/staff-import/plan.ts';
import { suggestionKey } from '../domain/staff-import/plan.ts';
import type { Database } from './client.ts';
import { organisationClosure, organisations, people, profileSuggestions, staffAssignments, staffImportMaps, staffImportRuns, staffPeople, supervisions } from './schema.ts';
import { copyStanding, insertAuditRows, writeStaffPlan } from './staff-import-writes.ts';

export type StaffImportRunRow = typeof staffImportRuns.$inferSelect;
export type StaffImportMapRow = typeof staffImportMaps.$inferSelect;

export function createStaffImportRepository(db: Database) {
  const supervisorRecord = alias(staffPeople, 'supervisor_record');
  const learnerRecord = alias(staffPeople, 'learner_record');

  return {
    /**
     * What the planner needs, for one importing organisation: its staff records with their people,
     * assignments, the current supervisions between them, its subtree's ODS codes, and who already
     * has each of the file's addresses. A handful of set queries, whatever the size of the file.
     */
    async loadStaffState(organisationId: string, fileEmails: readonly string[], tx: Database = db): Promise<StaffState> {
      const odsRows = await tx
        .select({ id: organisations.id, ods: sql<string>`upper(${organisations.odsCode})` })
        .from(organisationClosure)
        .innerJoin(organisations, eq(organisations.id, organisationClosure.descendantId))
        .where(and(eq(organisationClosure.ancestorId, organisationId), sql`${organisations.odsCode} is not null`));
      const personRows = await tx
        .select({
          employeeNumber: staffPeople.employeeNumber, personId: staffPeople.personId, organisationId: people.organisationId, email: people.email,
          cisUuid: staffPeople.cisUuid, leftAt: staffPeople.leftAt, group: profileSuggestions.professionalGroup, archetypes: profileSuggestions.archetypes,
        })
        .from(staffPeople)
        .innerJoin(people, eq(people.id, staffPeople.personId))
        .leftJoin(profileSuggestions, eq(profileSuggestions.personId, staffPeople.personId))
        .where(eq(staffPeople.organisationId, organisationId));
      const assignments = await tx
        .select({ assignmentNumber: staffAssignments.assignmentNumber, employeeNumber: staffAssignments.employeeNumber, rowHash: staffAssignments.rowHash, ended: sql<boolean>`${staffAssignments.endedAt} is not null` })
        .from(staffAssignments)
        .where(eq(staffAssignments.organisationId, organisationId));
      const links = await tx
        .select({ supervisorEmployeeNumber: supervisorRecord.employeeNumber, learnerEmployeeNumber: learnerRecord.employeeNumber, source: supervisions.source })
        .from(supervisions)
        .innerJoin(supervisorRecord, and(eq(supervisorRecord.personId, supervisions.supervisorId), eq(supervisorRecord.organisationId, organisationId)))
        .innerJoin(learnerRecord, and(eq(learnerRecord.personId, supervisions.learnerId), eq(learnerRecord.organisationId, organisationId)))
        .where(isNull(supervisions.endedAt));
      const owners = fileEmails.length === 0 ? [] : await tx
        .select({ id: people.id, organisationId: people.organisationId, email: people.email })
        .from(people)
        .where(sql`${people.email} = any(${sql.param([...fileEmails])}::text[])`);
      return {
        importingOrganisationId: organisationId,
        organisationsByOds: new Map(odsRows.map((r) => [r.ods, r.id])),
        people: personRows.map((p) => ({
          employeeNumber: p.employeeNumber, personId: p.personId, organisationId: p.organisationId, email: p.email, cisUuid: p.cisUuid,
          leftAt: p.leftAt ? new Date(p.leftAt).toISOString() : null,
          suggestionKey: p.archetypes ? suggestionKey({ professionalGroup: p.group, archetypes: p.archetypes }) : null,
        })),
        assignments: assignments.map((a) => ({ ...a, ended: Boolean(a.ended) })),
        links,
        emailOwners: new Map(owners.map((o) => [`${o.organisationId} ${o.email}`, o.id])),
      };
    },

    writeStaffPlan,
    insertAuditRows,
    copyStanding,

    /** The organisation an id or ODS code names (for the command line). */
    async findOrganisationId(idOrOds: string, tx: Database = db): Promise<string | undefined> {
      const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrOds);
      const rows = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(isId ? eq(organisations.id, idOrOds) : sql`upper(${organisations.odsCode}) = ${idOrOds.toUpperCase()}`)
        .limit(2);
      return rows.length === 1 ? rows[0]!.id : undefined;
    },

    async insertRun(row: typeof staffImportRuns.$inferInsert, tx: Database = db): Promise<StaffImportRunRow> {
      const [inserted] = await tx.insert(staffImportRuns).values(row).returning();
      if (!inserted) throw new Error('staff import run insert returned nothing');
      return inserted;
    },

    async getRun(id: string, tx: Database = db): Promise<StaffImportRunRow | undefined> {
      const rows = await tx.select().from(staffImportRuns).where(eq(staffImportRuns.id, id));
      return rows[0];
    },

    /** Marks a dry run applied; false when another apply of it got there first. */
    async markRunApplied(id: string, summary: object, at: Date, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .update(staffImportRuns)
        .set({ mode: 'applied', summary, appliedAt: at })
        .where(and(eq(staffImportRuns.id, id), eq(staffImportRuns.mode, 'dry-run')))
        .returning({ id: staffImportRuns.id });
      return rows.length > 0;
    },

    async listRuns(organisationId: string, limit = 50): Promise<StaffImportRunRow[]> {
      return db.select().from(staffImportRuns).where(eq(staffImportRuns.organisationId, organisationId)).orderBy(desc(staffImportRuns.createdAt)).limit(limit);
    },

    async getImportMap(organisationId: string, tx: Database = db): Promise<StaffImportMapRow | undefined> {
      const rows = await tx.select().from(staffImportMaps).where(eq(staffImportMaps.organisationId, organisationId));
      return rows[0];
    },

    async saveImportMap(row: typeof staffImportMaps.$inferInsert, tx: Database = db): Promise<void> {
      const values = { ...row, updatedAt: new Date() };
      await tx.insert(staffImportMaps).values(values).onConflictDoUpdate({ target: staffImportMaps.organisationId, set: values });
    },
  };
}

export type StaffImportRepository = ReturnType<typeof createStaffImportRepository>;

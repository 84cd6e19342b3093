import { and, asc, count, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiMdtMembers, aiMdtOrganisations, aiMdtProducts, aiMdtResponsibilities, aiMdts, aiProducts, organisations, people } from './schema.ts';
import type { TeamMemberRow, TeamRow } from './team.repository.ts';

export type NewTeam = typeof aiMdts.$inferInsert;
export type TeamSettings = Pick<TeamRow, 'name' | 'purpose' | 'coveredArchetypes' | 'resilienceK' | 'clinicalDecisionMaking' | 'needsPatientRepresentative'>;
export type NewTeamMember = typeof aiMdtMembers.$inferInsert;
export type MemberSettings = Pick<TeamMemberRow, 'teamRole' | 'archetypes' | 'isLead' | 'isPatientRepresentative' | 'seniorityBand' | 'hoursLimit'>;
export type ResponsibilityRow = typeof aiMdtResponsibilities.$inferSelect;
export interface SpannedOrganisation {
  id: string;
  name: string;
  kind: (typeof organisations.$inferSelect)['kind'];
}

/**
 * Setting up and running AI MDTs (issue 13 §1): the team's settings, its members, the organisations
 * it spans, the products it looks after and who holds its Box 4 responsibilities. Membership and
 * responsibilities end rather than being deleted, so history can say who was in the team when.
 */
export function createTeamAdminRepository(db: Database) {
  return {
    async insertTeam(row: NewTeam, tx: Database = db): Promise<TeamRow> {
      const [team] = await tx.insert(aiMdts).values(row).returning();
      if (!team) throw new Error('team insert returned nothing');
      return team;
    },

    async updateTeam(teamId: string, settings: TeamSettings, tx: Database = db): Promise<TeamRow | undefined> {
      const [team] = await tx.update(aiMdts).set({ ...settings, updatedAt: new Date() }).where(eq(aiMdts.id, teamId)).returning();
      return team;
    },

    async archiveTeam(teamId: string, at: Date, tx: Database = db): Promise<void> {
      await tx.update(aiMdts).set({ archivedAt: at, updatedAt: at }).where(and(eq(aiMdts.id, teamId), isNull(aiMdts.archivedAt)));
    },

    /** Teams (not archived) the person is a current member of, by name. */
    async listTeamsOfMember(personId: string): Promise<TeamRow[]> {
      const rows = await db
        .select({ team: aiMdts })
        .from(aiMdts)
        .innerJoin(aiMdtMembers, and(eq(aiMdtMembers.teamId, aiMdts.id), eq(aiMdtMembers.personId, personId), isNull(aiMdtMembers.leftAt)))
        .where(isNull(aiMdts.archivedAt))
        .orderBy(asc(aiMdts.name));
      return rows.map((r) => r.team);
    },

    /** Teams (not archived) owned by these organisations, by name; every team when `organisationIds` is 'all'. */
    async listTeamsOwnedBy(organisationIds: readonly string[] | 'all'): Promise<TeamRow[]> {
      if (organisationIds !== 'all' && organisationIds.length === 0) return [];
      const owned = organisationIds === 'all' ? undefined : inArray(aiMdts.organisationId, [...organisationIds]);
      return db.select().from(aiMdts).where(and(isNull(aiMdts.archivedAt), owned)).orderBy(asc(aiMdts.name));
    },

    /** How many current members each team has. */
    async countCurrentMembers(teamIds: readonly string[]): Promise<Map<string, number>> {
      if (teamIds.length === 0) return new Map();
      const rows = await db
        .select({ teamId: aiMdtMembers.teamId, members: count() })
        .from(aiMdtMembers)
        .where(and(inArray(aiMdtMembers.teamId, [...teamIds]), isNull(aiMdtMembers.leftAt)))
        .groupBy(aiMdtMembers.teamId);
      return new Map(rows.map((r) => [r.teamId, r.members]));
    },

    /** Whether the person is in any team now (the start page's "AI MDTs" link). */
    async isInAnyTeam(personId: string): Promise<boolean> {
      const [row] = await db.select({ id: aiMdtMembers.id }).from(aiMdtMembers).where(and(eq(aiMdtMembers.personId, personId), isNull(aiMdtMembers.leftAt))).limit(1);
      return row !== undefined;
    },

    async insertMember(row: NewTeamMember, tx: Database = db): Promise<TeamMemberRow> {
      const [member] = await tx.insert(aiMdtMembers).values(row).returning();
      if (!member) throw new Error('member insert returned nothing');
      return member;
    },

    /** A current member of the team, by membership id. */
    async findCurrentMember(teamId: string, memberId: string, tx: Database = db): Promise<TeamMemberRow | undefined> {
      const [row] = await tx
        .select()
        .from(aiMdtMembers)
        .where(and(eq(aiMdtMembers.id, memberId), eq(aiMdtMembers.teamId, teamId), isNull(aiMdtMembers.leftAt)));
      return row;
    },

    async updateMember(memberId: string, settings: MemberSettings, tx: Database = db): Promise<TeamMemberRow | undefined> {
      const [row] = await tx.update(aiMdtMembers).set(settings).where(and(eq(aiMdtMembers.id, memberId), isNull(aiMdtMembers.leftAt))).returning();
      return row;
    },

    async endMembership(memberId: string, at: Date, tx: Database = db): Promise<void> {
      await tx.update(aiMdtMembers).set({ leftAt: at }).where(and(eq(aiMdtMembers.id, memberId), isNull(aiMdtMembers.leftAt)));
    },

    /** Remembers that the team spans an organisation (its owner and every member's); once is enough. */
    async addSpannedOrganisation(teamId: string, organisationId: string, tx: Database = db): Promise<void> {
      await tx.insert(aiMdtOrganisations).values({ teamId, organisationId }).onConflictDoNothing();
    },

    /** The owner, those recorded as spanned, and current members' own, so a member added another way still counts. */
    async listSpannedOrganisations(teamId: string): Promise<SpannedOrganisation[]> {
      const recorded = db.select({ id: aiMdtOrganisations.organisationId }).from(aiMdtOrganisations).where(eq(aiMdtOrganisations.teamId, teamId));
      const owner = db.select({ id: aiMdts.organisationId }).from(aiMdts).where(eq(aiMdts.id, teamId));
      const ofMembers = db
        .select({ id: people.organisationId })
        .from(aiMdtMembers)
        .innerJoin(people, eq(people.id, aiMdtMembers.personId))
        .where(and(eq(aiMdtMembers.teamId, teamId), isNull(aiMdtMembers.leftAt)));
      return db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
        .from(organisations)
        .where(or(inArray(organisations.id, recorded), inArray(organisations.id, owner), inArray(organisations.id, ofMembers)))
        .orderBy(asc(organisations.name));
    },

    async listTeamProducts(teamId: string, tx: Database = db): Promise<Array<{ id: string; name: string }>> {
      return tx
        .select({ id: aiProducts.id, name: aiProducts.name })
        .from(aiMdtProducts)
        .innerJoin(aiProducts, eq(aiProducts.id, aiMdtProducts.productId))
        .where(eq(aiMdtProducts.teamId, teamId))
        .orderBy(asc(aiProducts.name));
    },

    async addTeamProduct(teamId: string, productId: string, tx: Database = db): Promise<void> {
      await tx.insert(aiMdtProducts).values({ teamId, productId }).onConflictDoNothing();
    },

    async removeTeamProduct(teamId: string, productId: string, tx: Database = db): Promise<void> {
      await tx.delete(aiMdtProducts).where(and(eq(aiMdtProducts.teamId, teamId), eq(aiMdtProducts.productId, productId)));
    },

    /** Box 4 responsibilities held now, by position then holder. */
    async listCurrentResponsibilities(teamId: string, tx: Database = db): Promise<ResponsibilityRow[]> {
      return tx
        .select()
        .from(aiMdtResponsibilities)
        .where(and(eq(aiMdtResponsibilities.teamId, teamId), isNull(aiMdtResponsibilities.endedAt)))
        .orderBy(asc(aiMdtResponsibilities.responsibility), asc(aiMdtResponsibilities.assignedAt));
    },

    async insertResponsibility(row: typeof aiMdtResponsibilities.$inferInsert, tx: Database = db): Promise<void> {
      await tx.insert(aiMdtResponsibilities).values(row);
    },

    async endResponsibilities(ids: readonly string[], at: Date, tx: Database = db): Promise<void> {
      if (ids.length === 0) return;
      await tx.update(aiMdtResponsibilities).set({ endedAt: at }).where(and(inArray(aiMdtResponsibilities.id, [...ids]), isNull(aiMdtResponsibilities.endedAt)));
    },
  };
}

export type TeamAdminRepository = ReturnType<typeof createTeamAdminRepository>;

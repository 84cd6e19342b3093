import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiMdtMembers, aiMdts, people } from './schema.ts';

export type TeamRow = typeof aiMdts.$inferSelect;
export type TeamMemberRow = typeof aiMdtMembers.$inferSelect;
export interface CurrentMember extends TeamMemberRow {
  displayName: string;
  personOrganisationId: string;
}

/**
 * The core reads of AI MDTs that every team use case shares (issue 13): the team and who is in it
 * now. Feature-specific reads and writes live in their own repositories beside this one.
 */
export function createTeamRepository(db: Database) {
  return {
    async findTeam(teamId: string, tx: Database = db): Promise<TeamRow | undefined> {
      const [team] = await tx.select().from(aiMdts).where(eq(aiMdts.id, teamId));
      return team;
    },

    /** Members now (not those who left), leads first, then by name. */
    async listCurrentMembers(teamId: string, tx: Database = db): Promise<CurrentMember[]> {
      const rows = await tx
        .select({ member: aiMdtMembers, displayName: people.displayName, personOrganisationId: people.organisationId })
        .from(aiMdtMembers)
        .innerJoin(people, eq(people.id, aiMdtMembers.personId))
        .where(and(eq(aiMdtMembers.teamId, teamId), isNull(aiMdtMembers.leftAt)))
        .orderBy(asc(people.displayName));
      return rows
        .map((r) => ({ ...r.member, displayName: r.displayName, personOrganisationId: r.personOrganisationId }))
        .sort((a, b) => Number(b.isLead) - Number(a.isLead));
    },

    async findCurrentMembership(teamId: string, personId: string, tx: Database = db): Promise<TeamMemberRow | undefined> {
      const [row] = await tx
        .select()
        .from(aiMdtMembers)
        .where(and(eq(aiMdtMembers.teamId, teamId), eq(aiMdtMembers.personId, personId), isNull(aiMdtMembers.leftAt)));
      return row;
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;

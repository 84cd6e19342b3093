import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { localCredentials, people, profiles } from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type ProfileRow = typeof profiles.$inferSelect;
export type CredentialRow = typeof localCredentials.$inferSelect;

export function createPeopleRepository(db: Database) {
  return {
    async insertPerson(row: typeof people.$inferInsert, tx: Database = db): Promise<PersonRow> {
      const [inserted] = await tx.insert(people).values(row).returning();
      if (!inserted) throw new Error('person insert returned nothing');
      return inserted;
    },

    async getPerson(id: string, tx: Database = db): Promise<PersonRow | undefined> {
      const rows = await tx.select().from(people).where(eq(people.id, id));
      return rows[0];
    },

    /**
     * The hub's account for an address: the one holding a hub password if any, else the earliest.
     * An address can hold an account in each organisation (issue 15); password sign-in, password
     * reset and "is there an account?" checks all mean this one.
     */
    async findPersonByEmail(email: string, tx: Database = db): Promise<PersonRow | undefined> {
      const rows = await tx
        .select({ person: people })
        .from(people)
        .leftJoin(localCredentials, eq(localCredentials.personId, people.id))
        .where(eq(people.email, email.toLowerCase()))
        .orderBy(sql`${localCredentials.personId} is null`, asc(people.createdAt), asc(people.id))
        .limit(1);
      return rows[0]?.person;
    },

    /** Every account at an address, one per organisation, earliest first: callers pick the one in their scope. */
    async findPeopleByEmail(email: string, tx: Database = db): Promise<PersonRow[]> {
      return tx.select().from(people).where(eq(people.email, email.toLowerCase())).orderBy(asc(people.createdAt), asc(people.id));
    },

    async listPeopleInOrganisations(organisationIds: string[]): Promise<PersonRow[]> {
      if (organisationIds.length === 0) return [];
      return db.select().from(people).where(inArray(people.organisationId, organisationIds)).orderBy(asc(people.displayName));
    },

    /** One page of the people directly in an organisation, by name then id so pages never overlap. */
    async listPeopleInOrganisationPage(organisationId: string, { limit, offset }: { limit: number; offset: number }): Promise<PersonRow[]> {
      return db.select().from(people).where(eq(people.organisationId, organisationId)).orderBy(asc(people.displayName), asc(people.id)).limit(limit).offset(offset);
    },

    async listPeopleByIds(ids: string[]): Promise<PersonRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(people).where(inArray(people.id, ids)).orderBy(asc(people.displayName));
    },

    /** What a person may change about themselves: their name and job title. */
    async updatePersonDetails(personId: string, details: { displayName: string; jobTitle: string | null }, tx: Database = db): Promise<PersonRow | undefined> {
      const [updated] = await tx.update(people).set(details).where(eq(people.id, personId)).returning();
      return updated;
    },

    async setRoles(personId: string, roles: string[], tx: Database = db): Promise<void> {
      await tx.update(people).set({ roles }).where(eq(people.id, personId));
    },

    /** People directly in each organisation (organisations with nobody are left out). */
    async countPeopleByOrganisation(organisationIds: string[]): Promise<Map<string, number>> {
      if (organisationIds.length === 0) return new Map();
      const rows = await db
        .select({ organisationId: people.organisationId, n: sql<number>`count(*)::int` })
        .from(people)
        .where(inArray(people.organisationId, organisationIds))
        .groupBy(people.organisationId);
      return new Map(rows.map((r) => [r.organisationId, r.n]));
    },

    async countPeople(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(people);
      return row?.n ?? 0;
    },

    async getCredentials(personId: string, tx: Database = db): Promise<CredentialRow | undefined> {
      const rows = await tx.select().from(localCredentials).where(eq(localCredentials.personId, personId));
      return rows[0];
    },

    async setPasswordHash(personId: string, passwordHash: string, tx: Database = db): Promise<void> {
      await tx
        .insert(localCredentials)
        .values({ personId, passwordHash })
        .onConflictDoUpdate({ target: localCredentials.personId, set: { passwordHash, passwordChangedAt: new Date() } });
    },

    async getProfile(personId: string, tx: Database = db): Promise<ProfileRow | undefined> {
      const rows = await tx.select().from(profiles).where(eq(profiles.personId, personId));
      return rows[0];
    },

    async saveProfile(row: typeof profiles.$inferInsert, tx: Database = db): Promise<ProfileRow> {
      const values = { ...row, updatedAt: new Date() };
      const [saved] = await tx
        .insert(profiles)
        .values(values)
        .onConflictDoUpdate({ target: profiles.personId, set: values })
        .returning();
      if (!saved) throw new Error('profile save returned nothing');
      return saved;
    },

    async listProfiles(personIds: string[]): Promise<ProfileRow[]> {
      if (personIds.length === 0) return [];
      return db.select().from(profiles).where(and(inArray(profiles.personId, personIds)));
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;

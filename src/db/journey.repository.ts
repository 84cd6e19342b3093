import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { journeyItems, journeys, journeyTemplateItems, journeyTemplates, learningClaims, organisations, people } from './schema.ts';

export type JourneyRow = typeof journeys.$inferSelect;
export type JourneyItemRow = typeof journeyItems.$inferSelect;
export type JourneyTemplateRow = typeof journeyTemplates.$inferSelect;
export type LearningClaimRow = typeof learningClaims.$inferSelect;
export type NewJourneyItem = Omit<typeof journeyItems.$inferInsert, 'journeyId' | 'organisationId'>;

export interface JourneyTemplateRecord extends JourneyTemplateRow {
  /** The curating organisation, shown instead of the educator so public pages name no one. */
  organisationName: string;
  resourceIds: string[];
}

export function createJourneyRepository(db: Database) {
  async function templateRecords(rows: Array<{ template: JourneyTemplateRow; organisationName: string }>, tx: Database): Promise<JourneyTemplateRecord[]> {
    if (rows.length === 0) return [];
    const items = await tx
      .select()
      .from(journeyTemplateItems)
      .where(
        inArray(
          journeyTemplateItems.templateId,
          rows.map((r) => r.template.id),
        ),
      )
      .orderBy(asc(journeyTemplateItems.templateId), asc(journeyTemplateItems.position));
    return rows.map(({ template, organisationName }) => ({
      ...template,
      organisationName,
      resourceIds: items.filter((i) => i.templateId === template.id).map((i) => i.resourceId),
    }));
  }

  return {
    /** The person's active journey, if any. */
    async findActiveJourney(personId: string, tx: Database = db): Promise<JourneyRow | undefined> {
      const rows = await tx
        .select()
        .from(journeys)
        .where(and(eq(journeys.personId, personId), eq(journeys.status, 'active')));
      return rows[0];
    },

    /** Every journey the person has had, newest first (history). */
    async listJourneys(personId: string, tx: Database = db): Promise<JourneyRow[]> {
      return tx.select().from(journeys).where(eq(journeys.personId, personId)).orderBy(desc(journeys.createdAt));
    },

    async insertJourney(row: typeof journeys.$inferInsert, tx: Database = db): Promise<JourneyRow> {
      const [inserted] = await tx.insert(journeys).values(row).returning();
      if (!inserted) throw new Error('journey insert returned nothing');
      return inserted;
    },

    async archiveJourney(journeyId: string, at: Date, tx: Database = db): Promise<void> {
      await tx.update(journeys).set({ status: 'archived', archivedAt: at }).where(eq(journeys.id, journeyId));
    },

    async updateJourneyPlan(journeyId: string, values: Pick<JourneyRow, 'settings' | 'planner' | 'replannedAt'> & Partial<Pick<JourneyRow, 'scope'>>, tx: Database = db): Promise<void> {
      await tx.update(journeys).set(values).where(eq(journeys.id, journeyId));
    },

    /** Items of a journey in plan order; removed and swapped ones too (history). */
    async listItems(journeyId: string, tx: Database = db): Promise<JourneyItemRow[]> {
      return tx.select().from(journeyItems).where(eq(journeyItems.journeyId, journeyId)).orderBy(asc(journeyItems.position), asc(journeyItems.createdAt));
    },

    /** Every item the person has completed, in any of their journeys, oldest first. */
    async listCompletedItems(personId: string, tx: Database = db): Promise<JourneyItemRow[]> {
      const rows = await tx
        .select({ item: journeyItems })
        .from(journeyItems)
        .innerJoin(journeys, and(eq(journeys.id, journeyItems.journeyId), eq(journeys.organisationId, journeyItems.organisationId)))
        .where(and(eq(journeys.personId, personId), eq(journeyItems.status, 'completed')))
        .orderBy(asc(journeyItems.completedAt));
      return rows.map((r) => r.item);
    },

    async findItem(itemId: string, tx: Database = db): Promise<JourneyItemRow | undefined> {
      const rows = await tx.select().from(journeyItems).where(eq(journeyItems.id, itemId));
      return rows[0];
    },

    async insertItems(journey: Pick<JourneyRow, 'id' | 'organisationId'>, items: readonly NewJourneyItem[], tx: Database = db): Promise<JourneyItemRow[]> {
      if (items.length === 0) return [];
      return tx
        .insert(journeyItems)
        .values(items.map((item) => ({ ...item, journeyId: journey.id, organisationId: journey.organisationId })))
        .returning();
    },

    async updateItem(
      itemId: string,
      values: Partial<Pick<JourneyItemRow, 'status' | 'position' | 'closes' | 'startedAt' | 'completedAt' | 'removedAt' | 'completedOnPlatform'>>,
      tx: Database = db,
    ): Promise<void> {
      await tx.update(journeyItems).set(values).where(eq(journeyItems.id, itemId));
    },

    /** Serialises changes to one person's journey until the transaction ends. */
    async lockPersonJourney(personId: string, tx: Database): Promise<void> {
      await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for('update');
    },

    async insertClaims(rows: ReadonlyArray<typeof learningClaims.$inferInsert>, tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.insert(learningClaims).values([...rows]);
    },

    /** Every claim the person has made in a framework, oldest first. */
    async listClaims(personId: string, frameworkId: string, tx: Database = db): Promise<LearningClaimRow[]> {
      return tx
        .select()
        .from(learningClaims)
        .where(and(eq(learningClaims.personId, personId), eq(learningClaims.frameworkId, frameworkId)))
        .orderBy(asc(learningClaims.claimedAt));
    },

    async insertTemplate(row: typeof journeyTemplates.$inferInsert, resourceIds: readonly string[], tx: Database = db): Promise<JourneyTemplateRow> {
      const [inserted] = await tx.insert(journeyTemplates).values(row).returning();
      if (!inserted) throw new Error('journey template insert returned nothing');
      await replaceTemplateItems(tx, inserted.id, resourceIds);
      return inserted;
    },

    async updateTemplate(
      templateId: string,
      values: Partial<Pick<JourneyTemplateRow, 'title' | 'description' | 'audienceArchetypes' | 'status' | 'updatedAt'>>,
      resourceIds: readonly string[] | undefined,
      tx: Database = db,
    ): Promise<void> {
      await tx.update(journeyTemplates).set(values).where(eq(journeyTemplates.id, templateId));
      if (resourceIds) await replaceTemplateItems(tx, templateId, resourceIds);
    },

    async findTemplate(templateId: string, tx: Database = db): Promise<JourneyTemplateRecord | undefined> {
      const rows = await tx
        .select({ template: journeyTemplates, organisationName: organisations.name })
        .from(journeyTemplates)
        .innerJoin(organisations, eq(organisations.id, journeyTemplates.organisationId))
        .where(eq(journeyTemplates.id, templateId));
      return (await templateRecords(rows, tx))[0];
    },

    /**
     * Published templates, and the others of `curatedOrganisationIds` (every organisation when
     * null: a platform admin; none when undefined).
     */
    async listTemplates(filter: { curatedOrganisationIds?: readonly string[] | null }, tx: Database = db): Promise<JourneyTemplateRecord[]> {
      const curated =
        filter.curatedOrganisationIds === null
          ? sql`true`
          : filter.curatedOrganisationIds && filter.curatedOrganisationIds.length > 0
            ? inArray(journeyTemplates.organisationId, [...filter.curatedOrganisationIds])
            : sql`false`;
      const rows = await tx
        .select({ template: journeyTemplates, organisationName: organisations.name })
        .from(journeyTemplates)
        .innerJoin(organisations, eq(organisations.id, journeyTemplates.organisationId))
        .where(or(eq(journeyTemplates.status, 'published'), curated))
        .orderBy(asc(journeyTemplates.title));
      return templateRecords(rows, tx);
    },
  };
}

// Template items are the template's current content; its history is in the audit trail.
async function replaceTemplateItems(tx: Database, templateId: string, resourceIds: readonly string[]): Promise<void> {
  await tx.delete(journeyTemplateItems).where(eq(journeyTemplateItems.templateId, templateId));
  if (resourceIds.length > 0) {
    await tx.insert(journeyTemplateItems).values(resourceIds.map((resourceId, position) => ({ templateId, resourceId, position })));
  }
}

export type JourneyRepository = ReturnType<typeof createJourneyRepository>;

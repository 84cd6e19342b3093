import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import type { DeploymentRecord } from './product.repository.ts';
import { aiDeployments, aiProducts, aiProductVersions, moduleAttempts, organisations, productModuleRevisions, productModules } from './schema.ts';

export type ModuleRow = typeof productModules.$inferSelect;
export type NewModule = typeof productModules.$inferInsert;
export type AttemptRow = typeof moduleAttempts.$inferSelect;
export type RevisionRow = typeof productModuleRevisions.$inferSelect;

/** A published module, without its content: enough to say which one a learner should take. */
export interface ModuleHead {
  id: string;
  productId: string;
  productVersionId: string;
}

/** A passed attempt: the product version it taught and when. */
export interface PassRecord {
  personId: string;
  productVersionId: string;
  passedAt: Date;
}

/** Product training modules, learners' attempts at them, and the deployments currency is shown for. */
export function createProductTrainingRepository(db: Database) {
  const passColumns = { personId: moduleAttempts.personId, productVersionId: moduleAttempts.productVersionId, passedAt: moduleAttempts.attemptedAt };

  return {
    async insertModule(row: NewModule, tx: Database = db): Promise<ModuleRow> {
      const [inserted] = await tx.insert(productModules).values(row).returning();
      if (!inserted) throw new Error('module insert returned nothing');
      return inserted;
    },

    /** Updates the module if it is still at `expectedVersion`; undefined when someone changed it first. */
    async updateModule(
      id: string,
      expectedVersion: number,
      values: Partial<Pick<NewModule, 'sections' | 'knowledgeCheck' | 'status' | 'publishedAt' | 'reviewSections'>>,
      tx: Database = db,
    ): Promise<ModuleRow | undefined> {
      const [updated] = await tx
        .update(productModules)
        .set({ ...values, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(productModules.id, id), eq(productModules.version, expectedVersion)))
        .returning();
      return updated;
    },

    async findModule(id: string, tx: Database = db): Promise<ModuleRow | undefined> {
      return (await tx.select().from(productModules).where(eq(productModules.id, id)))[0];
    },

    async findModuleForVersion(productVersionId: string, tx: Database = db): Promise<ModuleRow | undefined> {
      return (await tx.select().from(productModules).where(eq(productModules.productVersionId, productVersionId)))[0];
    },

    async listModulesOfProduct(productId: string, tx: Database = db): Promise<ModuleRow[]> {
      return tx.select().from(productModules).where(eq(productModules.productId, productId)).orderBy(asc(productModules.createdAt));
    },

    /** Revisions are history: inserted, never changed (the database refuses). */
    async insertRevision(row: typeof productModuleRevisions.$inferInsert, tx: Database = db): Promise<RevisionRow> {
      const [inserted] = await tx.insert(productModuleRevisions).values(row).returning();
      if (!inserted) throw new Error('module revision insert returned nothing');
      return inserted;
    },

    /** The module's latest published revision: what learners see now. */
    async findLatestRevision(moduleId: string, tx: Database = db): Promise<RevisionRow | undefined> {
      return (await tx.select().from(productModuleRevisions).where(eq(productModuleRevisions.moduleId, moduleId)).orderBy(desc(productModuleRevisions.number)).limit(1))[0];
    },

    async findRevision(id: string, tx: Database = db): Promise<RevisionRow | undefined> {
      return (await tx.select().from(productModuleRevisions).where(eq(productModuleRevisions.id, id)))[0];
    },

    async insertAttempt(row: typeof moduleAttempts.$inferInsert, tx: Database = db): Promise<AttemptRow> {
      const [inserted] = await tx.insert(moduleAttempts).values(row).returning();
      if (!inserted) throw new Error('attempt insert returned nothing');
      return inserted;
    },

    /** One attempt of one person: nobody reads another's attempt by guessing its id. */
    async findAttemptOfPerson(personId: string, attemptId: string, tx: Database = db): Promise<AttemptRow | undefined> {
      return (await tx.select().from(moduleAttempts).where(and(eq(moduleAttempts.id, attemptId), eq(moduleAttempts.personId, personId))))[0];
    },

    /** One person's passes of any module of these products, newest first, each with its product. */
    async listPassesOfPersonIn(personId: string, productIds: readonly string[], tx: Database = db): Promise<Array<PassRecord & { productId: string }>> {
      if (productIds.length === 0) return [];
      return tx
        .select({ ...passColumns, productId: aiProductVersions.productId })
        .from(moduleAttempts)
        .innerJoin(aiProductVersions, eq(aiProductVersions.id, moduleAttempts.productVersionId))
        .where(and(eq(moduleAttempts.personId, personId), inArray(aiProductVersions.productId, [...productIds]), eq(moduleAttempts.passed, true)))
        .orderBy(desc(moduleAttempts.attemptedAt));
    },

    /** Which versions of these products have a published module: ids only, not the content. */
    async listPublishedModuleHeads(productIds: readonly string[], tx: Database = db): Promise<ModuleHead[]> {
      if (productIds.length === 0) return [];
      return tx
        .select({ id: productModules.id, productId: productModules.productId, productVersionId: productModules.productVersionId })
        .from(productModules)
        .where(and(inArray(productModules.productId, [...productIds]), eq(productModules.status, 'published')))
        .orderBy(asc(productModules.createdAt));
    },

    /** The passes of these people of any module of the product. */
    async listPassesOfPeople(personIds: readonly string[], productId: string, tx: Database = db): Promise<PassRecord[]> {
      if (personIds.length === 0) return [];
      return tx
        .select(passColumns)
        .from(moduleAttempts)
        .innerJoin(aiProductVersions, eq(aiProductVersions.id, moduleAttempts.productVersionId))
        .where(and(inArray(moduleAttempts.personId, [...personIds]), eq(aiProductVersions.productId, productId), eq(moduleAttempts.passed, true)))
        .orderBy(asc(moduleAttempts.attemptedAt));
    },

    /** Deployments in any of these organisations, by product then organisation. */
    async listDeploymentsIn(organisationIds: readonly string[], tx: Database = db): Promise<DeploymentRecord[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx
        .select({ deployment: aiDeployments, organisationName: organisations.name, productName: aiProducts.name })
        .from(aiDeployments)
        .innerJoin(organisations, eq(organisations.id, aiDeployments.organisationId))
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .where(inArray(aiDeployments.organisationId, [...organisationIds]))
        .orderBy(asc(aiProducts.name), asc(organisations.name));
      return rows.map((r) => ({ ...r.deployment, organisationName: r.organisationName, productName: r.productName }));
    },
  };
}

export type ProductTrainingRepository = ReturnType<typeof createProductTrainingRepository>;

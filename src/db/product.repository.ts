import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiDeployments, aiDeploymentUsers, aiProducts, aiProductShares, aiProductVersions, assuranceDecisions, assuranceReviews, organisations, people } from './schema.ts';

export type ProductRow = typeof aiProducts.$inferSelect;
export type NewProduct = typeof aiProducts.$inferInsert;
export type ProductVersionRow = typeof aiProductVersions.$inferSelect;
export type DeploymentRow = typeof aiDeployments.$inferSelect;
export type DeploymentUserRow = typeof aiDeploymentUsers.$inferSelect;

export interface DeploymentRecord extends DeploymentRow {
  organisationName: string;
  productName: string;
}

export interface DeploymentUserRecord extends DeploymentUserRow {
  displayName: string;
  /** Where assignment and refresher mail goes; never shown to other staff. */
  email: string;
}

/** AI products, their versions, where they are deployed and who uses them. */
export function createProductRepository(db: Database) {
  const deploymentColumns = { deployment: aiDeployments, organisationName: organisations.name, productName: aiProducts.name };
  const toDeployment = (r: { deployment: DeploymentRow; organisationName: string; productName: string }): DeploymentRecord => ({ ...r.deployment, organisationName: r.organisationName, productName: r.productName });

  return {
    async insertProduct(row: NewProduct, tx: Database = db): Promise<ProductRow> {
      const [inserted] = await tx.insert(aiProducts).values(row).returning();
      if (!inserted) throw new Error('product insert returned nothing');
      return inserted;
    },

    /** Updates the product if it is still at `expectedVersion`; undefined when someone changed it first. */
    async updateProduct(id: string, expectedVersion: number, values: Partial<NewProduct>, tx: Database = db): Promise<ProductRow | undefined> {
      const [updated] = await tx
        .update(aiProducts)
        .set({ ...values, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(aiProducts.id, id), eq(aiProducts.version, expectedVersion)))
        .returning();
      return updated;
    },

    async findProduct(id: string, tx: Database = db): Promise<ProductRow | undefined> {
      return (await tx.select().from(aiProducts).where(eq(aiProducts.id, id)))[0];
    },

    /** Products owned by, or shared with, any of these organisations. */
    async listProductsFor(organisationIds: readonly string[], tx: Database = db): Promise<ProductRow[]> {
      if (organisationIds.length === 0) return [];
      const shared = tx.select({ id: aiProductShares.productId }).from(aiProductShares).where(inArray(aiProductShares.organisationId, [...organisationIds]));
      return tx
        .select()
        .from(aiProducts)
        .where(or(inArray(aiProducts.organisationId, [...organisationIds]), inArray(aiProducts.id, shared)))
        .orderBy(asc(aiProducts.name));
    },

    async listShares(productId: string, tx: Database = db): Promise<Array<{ organisationId: string; organisationName: string }>> {
      return tx
        .select({ organisationId: aiProductShares.organisationId, organisationName: organisations.name })
        .from(aiProductShares)
        .innerJoin(organisations, eq(organisations.id, aiProductShares.organisationId))
        .where(eq(aiProductShares.productId, productId))
        .orderBy(asc(organisations.name));
    },

    async insertShare(row: typeof aiProductShares.$inferInsert, tx: Database = db): Promise<void> {
      await tx.insert(aiProductShares).values(row).onConflictDoNothing();
    },

    async insertVersion(row: typeof aiProductVersions.$inferInsert, tx: Database = db): Promise<ProductVersionRow> {
      const [inserted] = await tx.insert(aiProductVersions).values(row).returning();
      if (!inserted) throw new Error('product version insert returned nothing');
      return inserted;
    },

    /** A product's versions in release order. */
    /** The versions of several products in one read, each product's in release order. */
    async listVersionsOfProducts(productIds: readonly string[], tx: Database = db): Promise<ProductVersionRow[]> {
      if (productIds.length === 0) return [];
      return tx.select().from(aiProductVersions).where(inArray(aiProductVersions.productId, [...productIds])).orderBy(asc(aiProductVersions.releasedOn), asc(aiProductVersions.createdAt));
    },

    async listVersions(productId: string, tx: Database = db): Promise<ProductVersionRow[]> {
      return tx.select().from(aiProductVersions).where(eq(aiProductVersions.productId, productId)).orderBy(asc(aiProductVersions.releasedOn), asc(aiProductVersions.createdAt));
    },

    async insertDeployment(row: typeof aiDeployments.$inferInsert, tx: Database = db): Promise<DeploymentRow> {
      const [inserted] = await tx.insert(aiDeployments).values(row).returning();
      if (!inserted) throw new Error('deployment insert returned nothing');
      return inserted;
    },

    /**
     * The latest approved (with or without conditions) deployment review of the product for this
     * organisation: what lets a deployment there go live (issue 12).
     */
    async findApprovedDeploymentReview(productId: string, organisationId: string, tx: Database = db): Promise<{ reviewId: string; decidedAt: Date } | undefined> {
      const rows = await tx
        .select({ reviewId: assuranceReviews.id, decidedAt: assuranceDecisions.decidedAt })
        .from(assuranceReviews)
        .innerJoin(assuranceDecisions, eq(assuranceDecisions.reviewId, assuranceReviews.id))
        .where(
          and(
            eq(assuranceReviews.productId, productId),
            eq(assuranceReviews.stage, 'deployment'),
            eq(assuranceReviews.deploymentOrganisationId, organisationId),
            inArray(assuranceDecisions.outcome, ['approved', 'approved-with-conditions']),
          ),
        )
        .orderBy(desc(assuranceDecisions.decidedAt))
        .limit(1);
      return rows[0];
    },

    async updateDeployment(
      id: string,
      values: Partial<Pick<DeploymentRow, 'status' | 'liveVersionId' | 'liveSince' | 'withdrawnAt' | 'refresherDays' | 'trainingOverrideReason' | 'assuranceOverrideReason' | 'assuranceOverrideBy' | 'assuranceOverrideAt'>>,
      tx: Database = db,
    ): Promise<void> {
      await tx
        .update(aiDeployments)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(aiDeployments.id, id));
    },

    /** The deployment, locked until the transaction ends when `tx` is one. */
    async findDeployment(id: string, tx: Database = db): Promise<DeploymentRecord | undefined> {
      const rows = await tx
        .select(deploymentColumns)
        .from(aiDeployments)
        .innerJoin(organisations, eq(organisations.id, aiDeployments.organisationId))
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .where(eq(aiDeployments.id, id));
      return rows.map(toDeployment)[0];
    },

    async listDeploymentsOfProduct(productId: string, tx: Database = db): Promise<DeploymentRecord[]> {
      const rows = await tx
        .select(deploymentColumns)
        .from(aiDeployments)
        .innerJoin(organisations, eq(organisations.id, aiDeployments.organisationId))
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .where(eq(aiDeployments.productId, productId))
        .orderBy(asc(organisations.name));
      return rows.map(toDeployment);
    },

    /** Deployments, not withdrawn, in any of these organisations: what staff there may say they use. */
    async listActiveDeploymentsIn(organisationIds: readonly string[], tx: Database = db): Promise<DeploymentRecord[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx
        .select(deploymentColumns)
        .from(aiDeployments)
        .innerJoin(organisations, eq(organisations.id, aiDeployments.organisationId))
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .where(and(inArray(aiDeployments.organisationId, [...organisationIds]), ne(aiDeployments.status, 'withdrawn')))
        .orderBy(asc(aiProducts.name), asc(organisations.name));
      return rows.map(toDeployment);
    },

    /** Current users of a deployment. */
    async listDeploymentUsers(deploymentId: string, tx: Database = db): Promise<DeploymentUserRecord[]> {
      const rows = await tx
        .select({ link: aiDeploymentUsers, displayName: people.displayName, email: people.email })
        .from(aiDeploymentUsers)
        .innerJoin(people, eq(people.id, aiDeploymentUsers.personId))
        .where(and(eq(aiDeploymentUsers.deploymentId, deploymentId), isNull(aiDeploymentUsers.unlinkedAt)))
        .orderBy(asc(people.displayName));
      return rows.map((r) => ({ ...r.link, displayName: r.displayName, email: r.email }));
    },

    async countDeploymentUsers(deploymentId: string, tx: Database = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(aiDeploymentUsers)
        .where(and(eq(aiDeploymentUsers.deploymentId, deploymentId), isNull(aiDeploymentUsers.unlinkedAt)));
      return row?.n ?? 0;
    },

    /** One page of a deployment's current users, by name then id so pages never overlap. */
    async listDeploymentUsersPage(deploymentId: string, { limit, offset }: { limit: number; offset: number }, tx: Database = db): Promise<DeploymentUserRecord[]> {
      const rows = await tx
        .select({ link: aiDeploymentUsers, displayName: people.displayName, email: people.email })
        .from(aiDeploymentUsers)
        .innerJoin(people, eq(people.id, aiDeploymentUsers.personId))
        .where(and(eq(aiDeploymentUsers.deploymentId, deploymentId), isNull(aiDeploymentUsers.unlinkedAt)))
        .orderBy(asc(people.displayName), asc(people.id))
        .limit(limit)
        .offset(offset);
      return rows.map((r) => ({ ...r.link, displayName: r.displayName, email: r.email }));
    },

    /** The deployments a person currently uses. */
    async listDeploymentsOfPerson(personId: string, tx: Database = db): Promise<Array<{ link: DeploymentUserRow; deployment: DeploymentRecord }>> {
      const rows = await tx
        .select({ link: aiDeploymentUsers, ...deploymentColumns })
        .from(aiDeploymentUsers)
        .innerJoin(aiDeployments, eq(aiDeployments.id, aiDeploymentUsers.deploymentId))
        .innerJoin(organisations, eq(organisations.id, aiDeployments.organisationId))
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .where(and(eq(aiDeploymentUsers.personId, personId), isNull(aiDeploymentUsers.unlinkedAt)))
        .orderBy(asc(aiProducts.name));
      return rows.map((r) => ({ link: r.link, deployment: toDeployment(r) }));
    },

    async insertDeploymentUser(row: typeof aiDeploymentUsers.$inferInsert, tx: Database = db): Promise<DeploymentUserRow> {
      const [inserted] = await tx.insert(aiDeploymentUsers).values(row).returning();
      if (!inserted) throw new Error('deployment user insert returned nothing');
      return inserted;
    },

    async unlinkDeploymentUser(linkId: string, at: Date, tx: Database = db): Promise<void> {
      await tx.update(aiDeploymentUsers).set({ unlinkedAt: at }).where(and(eq(aiDeploymentUsers.id, linkId), isNull(aiDeploymentUsers.unlinkedAt)));
    },

    async setDueBy(linkIds: readonly string[], dueBy: Date | null, tx: Database = db): Promise<void> {
      if (linkIds.length > 0) await tx.update(aiDeploymentUsers).set({ dueBy }).where(inArray(aiDeploymentUsers.id, [...linkIds]));
    },
  };
}

export type ProductRepository = ReturnType<typeof createProductRepository>;

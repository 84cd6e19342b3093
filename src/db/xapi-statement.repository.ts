import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { xapiAttachments, xapiStatements, xapiStatementTerms } from './schema.ts';
import type { Term } from '../xapi/statements/statement-terms.ts';

export type XapiStatementRow = typeof xapiStatements.$inferSelect;
export type NewXapiStatement = typeof xapiStatements.$inferInsert & { terms: Term[] };

/** The filters of GET /xapi/statements that select statements (9274.1.1 §4.1.6.1), already validated. */
export interface StatementFilter {
  agentIfi?: string;
  verbId?: string;
  activityId?: string;
  registration?: string;
  relatedAgents?: boolean;
  relatedActivities?: boolean;
  since?: Date;
  until?: Date;
  ascending?: boolean;
}

/** Where a page starts: statements up to `bound` (the newest when the query first ran), after `cursor`. */
export interface StatementPage {
  bound: number;
  cursor?: number;
  limit: number;
}

function termIds(organisationId: string, kind: 'agent' | 'activity', value: string, related: boolean | undefined): SQL {
  const narrow = related ? sql`` : sql` and narrow`;
  return sql`select statement_id from xapi_statement_terms where organisation_id = ${organisationId} and kind = ${kind} and value = ${value}${narrow}`;
}

/**
 * The ids of statements matching the non-time filters, as one INTERSECT of index lookups (each filter
 * uses its own index, the term table's primary key for agents and activities); undefined when none.
 */
function matchingIds(organisationId: string, filter: StatementFilter): SQL | undefined {
  const sets: SQL[] = [];
  if (filter.verbId !== undefined) sets.push(sql`select id from xapi_statements where organisation_id = ${organisationId} and verb_id = ${filter.verbId}`);
  if (filter.registration !== undefined) sets.push(sql`select id from xapi_statements where organisation_id = ${organisationId} and registration = ${filter.registration}`);
  if (filter.agentIfi !== undefined) sets.push(termIds(organisationId, 'agent', filter.agentIfi, filter.relatedAgents));
  if (filter.activityId !== undefined) sets.push(termIds(organisationId, 'activity', filter.activityId, filter.relatedActivities));
  return sets.length ? sql.join(sets, sql` intersect `) : undefined;
}

/** Statements, their index rows and attachment content (issue 16 §1); every query names the organisation. */
export function createXapiStatementRepository(db: Database) {
  return {
    async findStatements(organisationId: string, ids: string[], tx: Database = db): Promise<XapiStatementRow[]> {
      if (ids.length === 0) return [];
      return tx.select().from(xapiStatements).where(and(eq(xapiStatements.organisationId, organisationId), inArray(xapiStatements.id, ids)));
    },

    async insertStatements(rows: NewXapiStatement[], tx: Database = db): Promise<void> {
      if (rows.length === 0) return;
      await tx.insert(xapiStatements).values(rows.map(({ terms: _terms, ...row }) => row));
      const terms = rows.flatMap((row) => row.terms.map((term) => ({ organisationId: row.organisationId, statementId: row.id, ...term })));
      for (let i = 0; i < terms.length; i += 1000) await tx.insert(xapiStatementTerms).values(terms.slice(i, i + 1000)).onConflictDoNothing();
    },

    /** Voids the targets that exist and are not themselves voiding, and any of `ids` a stored voiding statement already names. */
    async applyVoiding(organisationId: string, targetIds: string[], newIds: string[], tx: Database = db): Promise<void> {
      if (targetIds.length) {
        await tx
          .update(xapiStatements)
          .set({ voided: true })
          .where(and(eq(xapiStatements.organisationId, organisationId), inArray(xapiStatements.id, targetIds), eq(xapiStatements.voiding, false)));
      }
      if (newIds.length) {
        await tx.execute(sql`update xapi_statements s set voided = true where s.organisation_id = ${organisationId} and not s.voiding
          and s.id in (${sql.join(newIds.map((id) => sql`${id}::uuid`), sql`, `)})
          and exists (select 1 from xapi_statements v where v.organisation_id = s.organisation_id and v.voiding and v.object_statement_ref = s.id)`);
      }
    },

    async newestSeq(organisationId: string): Promise<number> {
      const rows = await db.select({ seq: sql<string | null>`max(${xapiStatements.seq})` }).from(xapiStatements).where(eq(xapiStatements.organisationId, organisationId));
      return Number(rows[0]?.seq ?? 0);
    },

    /** One page of statements (one more than `limit`, to tell whether there is a next page), voided ones left out. */
    async queryStatements(organisationId: string, filter: StatementFilter, page: StatementPage): Promise<Array<Pick<XapiStatementRow, 'seq' | 'statement' | 'stored'>>> {
      const where: SQL[] = [sql`s.organisation_id = ${organisationId}`, sql`not s.voided`, sql`s.seq <= ${page.bound}`];
      if (page.cursor !== undefined) where.push(filter.ascending ? sql`s.seq > ${page.cursor}` : sql`s.seq < ${page.cursor}`);
      if (filter.since) where.push(sql`s.stored > ${filter.since.toISOString()}`);
      if (filter.until) where.push(sql`s.stored <= ${filter.until.toISOString()}`);
      const matching = matchingIds(organisationId, filter);
      // A statement about a statement (StatementRef) matches when the statement it refers to does (§4.1.6.1 Filter Conditions for StatementRefs).
      if (matching) {
        where.push(sql`s.id in (select m.id from (${matching}) as m(id)
          union select r.id from xapi_statements r where r.organisation_id = ${organisationId} and r.object_statement_ref in (${matching}))`);
      }
      const order = filter.ascending ? sql`asc` : sql`desc`;
      const result = await db.execute(sql`select s.seq, s.statement, s.stored from xapi_statements s where ${sql.join(where, sql` and `)} order by s.seq ${order} limit ${page.limit + 1}`);
      return (result as unknown as { rows: Array<{ seq: string | number; statement: unknown; stored: string | Date }> }).rows.map((row) => ({ seq: Number(row.seq), statement: row.statement, stored: new Date(row.stored) }));
    },

    async saveAttachments(rows: Array<typeof xapiAttachments.$inferInsert>, tx: Database = db): Promise<void> {
      if (rows.length) await tx.insert(xapiAttachments).values(rows).onConflictDoNothing();
    },

    async findAttachments(organisationId: string, sha2s: string[]): Promise<Array<typeof xapiAttachments.$inferSelect>> {
      if (sha2s.length === 0) return [];
      return db.select().from(xapiAttachments).where(and(eq(xapiAttachments.organisationId, organisationId), inArray(xapiAttachments.sha2, sha2s)));
    },
  };
}

export type XapiStatementRepository = ReturnType<typeof createXapiStatementRepository>;
